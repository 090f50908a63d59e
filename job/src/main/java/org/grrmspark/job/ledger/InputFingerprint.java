package org.grrmspark.job.ledger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.grrmspark.udf.ledger.SerializableHadoopConf;
import org.grrmspark.udf.plan.Hashing;

/**
 * What the input was when a ledger was started: each input file's name (relative to {@code
 * input.path}), length and SHA-256 of its bytes, hashed together. Content-based, so a copy of the
 * same files elsewhere (local to s3a://) resumes, and an edited file of the same length does not.
 * The files are hashed by Spark tasks in parallel, streamed.
 *
 * @param sha256 the hash over all files' lines below
 * @param files one {@code name length sha256} line per file, sorted by name
 */
public record InputFingerprint(String sha256, List<String> files) {
  private static final ObjectMapper JSON = new ObjectMapper();

  public static InputFingerprint of(SparkSession spark, String inputPath) {
    Configuration conf = spark.sparkContext().hadoopConfiguration();
    Path base = new Path(inputPath);
    List<String> paths = new ArrayList<>();
    try {
      FileSystem fs = base.getFileSystem(conf);
      if (!fs.exists(base)) {
        return new InputFingerprint(
            Hashing.sha256Hex(""), List.of()); // the input reader reports it
      }
      FileStatus[] listed =
          fs.getFileStatus(base).isDirectory()
              ? fs.listStatus(base)
              : new FileStatus[] {fs.getFileStatus(base)};
      for (FileStatus f : listed) {
        // Like the input readers: not recursive, skipping names that start with '_' or '.'.
        String name = f.getPath().getName();
        if (f.isFile() && !name.startsWith("_") && !name.startsWith(".")) {
          paths.add(f.getPath().toString());
        }
      }
    } catch (IOException e) {
      throw new IllegalStateException(
          "cannot list input.path " + inputPath + ": " + e.getMessage(), e);
    }
    if (paths.isEmpty()) {
      return new InputFingerprint(Hashing.sha256Hex(""), List.of());
    }
    // Streamed by Spark tasks, one file each: no size limit, constant memory.
    SerializableHadoopConf shipped = new SerializableHadoopConf(new Configuration(conf));
    String basePath = base.toUri().getPath();
    List<String> files =
        new ArrayList<>(
            new JavaSparkContext(spark.sparkContext())
                .parallelize(
                    paths,
                    Math.min(paths.size(), Math.max(1, spark.sparkContext().defaultParallelism())))
                .map(p -> describe(new Path(p), basePath, shipped))
                .collect());
    files.sort(null);
    return new InputFingerprint(Hashing.sha256Hex(String.join("\n", files)), List.copyOf(files));
  }

  /** {@code name length sha256} of one file, the name relative to the input path. */
  private static String describe(Path file, String basePath, SerializableHadoopConf conf)
      throws IOException {
    MessageDigest sha;
    try {
      sha = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    long length = 0;
    byte[] buf = new byte[1 << 16];
    try (InputStream in = file.getFileSystem(conf.get()).open(file)) {
      for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
        sha.update(buf, 0, n);
        length += n;
      }
    }
    String p = file.toUri().getPath();
    String name =
        p.equals(basePath)
            ? file.getName()
            : p.startsWith(basePath + "/") ? p.substring(basePath.length() + 1) : p;
    return name + " " + length + " " + HexFormat.of().formatHex(sha.digest());
  }

  public String toJson() {
    ObjectNode root = JSON.createObjectNode().put("sha256", sha256);
    ArrayNode list = root.putArray("files");
    files.forEach(list::add);
    try {
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  public static InputFingerprint fromJson(String text) {
    try {
      JsonNode root = JSON.readTree(text);
      List<String> files = new ArrayList<>();
      root.get("files").forEach(f -> files.add(f.asText()));
      return new InputFingerprint(root.get("sha256").asText(), List.copyOf(files));
    } catch (Exception e) {
      throw new IllegalStateException("unreadable input fingerprint: " + e.getMessage(), e);
    }
  }

  /** Names what changed, for the refusal message. */
  public String differenceFrom(InputFingerprint before) {
    List<String> gone = new ArrayList<>(before.files);
    gone.removeAll(files);
    List<String> added = new ArrayList<>(files);
    added.removeAll(before.files);
    return "ledger started with " + describe(gone) + ", input now has " + describe(added);
  }

  private static String describe(List<String> lines) {
    List<String> shown =
        lines.stream()
            .limit(3)
            .map(l -> l.substring(0, Math.min(l.length(), l.lastIndexOf(' ') + 13)))
            .toList();
    return lines.isEmpty()
        ? "nothing else"
        : String.join("; ", shown) + (lines.size() > 3 ? "; ..." : "");
  }
}
