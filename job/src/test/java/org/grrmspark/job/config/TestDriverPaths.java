package org.grrmspark.job.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.security.UserGroupInformation;
import org.junit.jupiter.api.Test;

/** Paths are the driver's: qualified against its working directory and fs.defaultFS. */
class TestDriverPaths {
  private static final String CWD = Path.of("").toAbsolutePath().toString();

  private static GrrmConfig config(String input, String output, String keyFile) {
    ConfigLoader l = new ConfigLoader().set("input.path", input).set("output.path", output);
    if (keyFile != null) {
      l.set("endpoints.api_key_file", keyFile);
    }
    return l.build();
  }

  @Test
  void relativeLocalPathsBecomeFileUrisUnderTheDriversDirectory() {
    GrrmConfig q =
        DriverPaths.qualify(
            config("data/g.jsonl", "out/cl", "keys/grrm.key"), new Configuration(), Set.of());
    assertEquals("file:" + CWD + "/data/g.jsonl", q.string(ConfigKeys.INPUT_PATH));
    assertEquals("file:" + CWD + "/out/cl", q.string(ConfigKeys.OUTPUT_PATH));
    assertEquals(CWD + "/keys/grrm.key", q.string(ConfigKeys.API_KEY_FILE));
  }

  @Test
  void qualifiedUrisAndAbsolutePathsKeepTheirPlace() {
    GrrmConfig q =
        DriverPaths.qualify(
            config("/data/g.parquet", "s3a://bucket/runs/r1", "/secure/k"),
            new Configuration(),
            Set.of());
    assertEquals("file:/data/g.parquet", q.string(ConfigKeys.INPUT_PATH));
    assertEquals("s3a://bucket/runs/r1", q.string(ConfigKeys.OUTPUT_PATH));
    assertEquals("/secure/k", q.string(ConfigKeys.API_KEY_FILE));
  }

  @Test
  void relativePathsFollowTheDefaultFileSystem() throws Exception {
    Configuration hdfs = new Configuration();
    hdfs.set("fs.defaultFS", "hdfs://127.0.0.1:8020");
    GrrmConfig q = DriverPaths.qualify(config("data/g.jsonl", "/runs/r1", null), hdfs, Set.of());
    String user = UserGroupInformation.getCurrentUser().getShortUserName();
    assertEquals(
        "hdfs://127.0.0.1:8020/user/" + user + "/data/g.jsonl", q.string(ConfigKeys.INPUT_PATH));
    assertEquals("hdfs://127.0.0.1:8020/runs/r1", q.string(ConfigKeys.OUTPUT_PATH));
  }

  @Test
  void aKeyFileShippedWithFilesStaysInEachExecutorsDirectory() {
    GrrmConfig q =
        DriverPaths.qualify(
            config("in.jsonl", "out", "grrm-api.key"), new Configuration(), Set.of("grrm-api.key"));
    assertEquals("grrm-api.key", q.string(ConfigKeys.API_KEY_FILE));
  }
}
