package org.grrmspark.job.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestLedgerCompactor {
  @TempDir java.nio.file.Path tmp;

  @Test
  void smallWavesBecomeOneFileWithEveryLineBigOnesStay() throws Exception {
    FileSystem fs = FileSystem.getLocal(new Configuration());
    Path dir = new Path(tmp.toUri());
    for (int i = 0; i < 3; i++) {
      gz(
          fs,
          new Path(dir, "wave-run-p0000" + i + ".json.gz"),
          List.of("{\"k\":" + i + "}", "{\"k\":" + (10 + i) + "}"));
    }
    byte[] big = new byte[(int) LedgerCompactor.SMALL_BYTES];
    Files.write(tmp.resolve("wave-big.json.gz"), big);
    Files.writeString(tmp.resolve("_input.json"), "{}");

    int removed =
        LedgerCompactor.compact(
            fs,
            dir,
            Arrays.asList(fs.listStatus(dir)).stream()
                .filter(f -> f.getPath().getName().startsWith("wave-"))
                .toList());

    assertEquals(3, removed);
    List<String> names = new ArrayList<>();
    for (FileStatus f : fs.listStatus(dir)) {
      if (!f.getPath().getName().startsWith(".")) {
        names.add(f.getPath().getName());
      }
    }
    names.sort(null);
    assertEquals(3, names.size(), names.toString());
    assertEquals("_input.json", names.get(0));
    assertEquals("wave-big.json.gz", names.get(1));
    assertEquals(
        List.of("{\"k\":0}", "{\"k\":10}", "{\"k\":1}", "{\"k\":11}", "{\"k\":2}", "{\"k\":12}"),
        lines(fs, new Path(dir, names.get(2))));
    // One small file left: nothing to merge.
    assertEquals(
        0,
        LedgerCompactor.compact(fs, dir, List.of(fs.getFileStatus(new Path(dir, names.get(2))))));
  }

  private static void gz(FileSystem fs, Path p, List<String> lines) throws Exception {
    try (OutputStream out = new GZIPOutputStream(fs.create(p))) {
      out.write((String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
    }
  }

  private static List<String> lines(FileSystem fs, Path p) throws Exception {
    try (BufferedReader r =
        new BufferedReader(
            new InputStreamReader(new GZIPInputStream(fs.open(p)), StandardCharsets.UTF_8))) {
      return r.lines().toList();
    }
  }
}
