package org.grrmspark.sim;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

/**
 * Appends one JSON line per finished chat request: {@code {"time": ISO-8601, "request_id":
 * X-Request-Id or null, "prompt_sha256": hex SHA-256 of the UTF-8 user message or null, "status":
 * HTTP status (0 when the connection was dropped), "finish_reason": "stop"/"length" or null,
 * "fault": injected fault or null}}. Hung requests never finish and are not logged. Each line is
 * flushed, so a reader sees it at once.
 */
final class RequestLog implements AutoCloseable {

  private final BufferedWriter out;

  private RequestLog(BufferedWriter out) {
    this.out = out;
  }

  /** A log appending to {@code file}, or one that writes nothing when {@code file} is null. */
  static RequestLog open(Path file) {
    if (file == null) {
      return new RequestLog(null);
    }
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      return new RequestLog(
          Files.newBufferedWriter(
              file,
              StandardCharsets.UTF_8,
              StandardOpenOption.CREATE,
              StandardOpenOption.APPEND,
              StandardOpenOption.WRITE));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open request log " + file, e);
    }
  }

  void record(
      String requestId, String promptSha256, int status, String finishReason, String fault) {
    if (out == null) {
      return;
    }
    ObjectNode line = Json.MAPPER.createObjectNode();
    line.put("time", Instant.now().toString());
    line.put("request_id", requestId);
    line.put("prompt_sha256", promptSha256);
    line.put("status", status);
    line.put("finish_reason", finishReason);
    line.put("fault", fault);
    String json = line.toString();
    synchronized (this) {
      try {
        out.write(json);
        out.write('\n');
        out.flush();
      } catch (IOException e) {
        // A full disk must not fail the simulated endpoint; the log is a side channel.
      }
    }
  }

  @Override
  public synchronized void close() {
    if (out != null) {
      try {
        out.close();
      } catch (IOException e) {
        // Closing at shutdown; nothing left to save.
      }
    }
  }
}
