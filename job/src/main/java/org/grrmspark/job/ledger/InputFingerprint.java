package org.grrmspark.job.ledger;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.sha2;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.grrmspark.udf.plan.Hashing;

/**
 * What the input was when a ledger was started: each input file's name (relative to
 * {@code input.path}), length and SHA-256 of its bytes, hashed together. Content-based, so a copy
 * of the same files elsewhere (local to s3a://) resumes, and an edited file of the same length
 * does not. The files are hashed by Spark tasks in parallel.
 *
 * @param sha256 the hash over all files' lines below
 * @param files one {@code name length sha256} line per file, sorted by name
 */
public record InputFingerprint(String sha256, List<String> files) {
  private static final ObjectMapper JSON = new ObjectMapper();

  public static InputFingerprint of(SparkSession spark, String inputPath) {
    // The binaryFile source lists files like the input readers do: not recursive, skipping names
    // that start with '_' or '.'.
    List<Row> rows = spark.read().format("binaryFile").load(inputPath)
        .select(col("path"), col("length"), sha2(col("content"), 256))
        .orderBy("path").collectAsList();
    String base = new Path(inputPath).toUri().getPath();
    List<String> files = new ArrayList<>();
    for (Row r : rows) {
      String p = new Path(r.getString(0)).toUri().getPath();
      String name = p.equals(base) ? new Path(p).getName() : p.startsWith(base + "/") ? p.substring(base.length() + 1) : p;
      files.add(name + " " + r.getLong(1) + " " + r.getString(2));
    }
    files.sort(null);
    return new InputFingerprint(Hashing.sha256Hex(String.join("\n", files)), List.copyOf(files));
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
    List<String> shown = lines.stream().limit(3).map(l -> l.substring(0, Math.min(l.length(), l.lastIndexOf(' ') + 13)))
        .toList();
    return lines.isEmpty() ? "nothing else" : String.join("; ", shown) + (lines.size() > 3 ? "; ..." : "");
  }
}
