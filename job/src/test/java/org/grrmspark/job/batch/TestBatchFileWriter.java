package org.grrmspark.job.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestBatchFileWriter {
  @TempDir Path tmp;

  private List<String> names() throws Exception {
    try (var s = Files.list(tmp)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void rollsAtTheLineLimit() throws Exception {
    FileSystem fs = FileSystem.getLocal(new Configuration());
    BatchFileWriter w =
        new BatchFileWriter(fs, new org.apache.hadoop.fs.Path(tmp.toUri()), 3, 1_000);
    try (w) {
      for (int i = 0; i < 7; i++) {
        w.write("line" + i);
      }
    }
    assertEquals(List.of(3, 3, 1), w.lineCounts());
    assertEquals(
        List.of("requests-00000.jsonl", "requests-00001.jsonl", "requests-00002.jsonl"), names());
    assertEquals("line3\nline4\nline5\n", Files.readString(tmp.resolve("requests-00001.jsonl")));
  }

  @Test
  void rollsBeforeTheByteLimitWouldBePassed() throws Exception {
    FileSystem fs = FileSystem.getLocal(new Configuration());
    // 6 bytes a line ("abcde\n"): two fit in 12 bytes, a third would make 18.
    BatchFileWriter w =
        new BatchFileWriter(fs, new org.apache.hadoop.fs.Path(tmp.toUri()), 100, 12);
    try (w) {
      for (int i = 0; i < 5; i++) {
        w.write("abcde");
      }
      assertThrows(IllegalArgumentException.class, () -> w.write("x".repeat(12)));
    }
    assertEquals(List.of(2, 2, 1), w.lineCounts());
    assertEquals(12, Files.size(tmp.resolve("requests-00000.jsonl")));
  }

  @Test
  void nothingWrittenMeansNoFile() throws Exception {
    FileSystem fs = FileSystem.getLocal(new Configuration());
    BatchFileWriter w = new BatchFileWriter(fs, new org.apache.hadoop.fs.Path(tmp.toUri()), 3, 100);
    w.close();
    assertEquals(List.of(), w.files());
    assertEquals(List.of(), names());
  }
}
