package org.grrmspark.udf.client;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;

/**
 * The bearer key for vLLM's {@code --api-key} guard (docs/vllm.md §5), read on the executor when
 * the client is built. The file ({@link ClientSettings#apiKeyFile()}) wins over the environment
 * variable ({@link ClientSettings#apiKeyEnv()}) because it is the more specific setting. No key at
 * all is valid: servers without {@code --api-key} need none.
 *
 * <p>The key is never printed: {@link #toString()} is redacted and {@link #redact} scrubs any text
 * the client produces before it reaches a result.
 */
final class ApiKey {

  private static final ApiKey NONE = new ApiKey(null);

  private final String key;

  private ApiKey(String key) {
    this.key = key;
  }

  static ApiKey none() {
    return NONE;
  }

  /**
   * @throws IllegalStateException if a key file is configured but cannot be read; the message names
   *     the path and the I/O error, never file content
   */
  static ApiKey load(ClientSettings settings, Function<String, String> env) {
    if (settings.apiKeyFile() != null) {
      Path path = Path.of(settings.apiKeyFile());
      String content;
      try {
        content = Files.readString(path, StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new IllegalStateException(
            "cannot read API key file " + path + ": " + e.getClass().getSimpleName());
      }
      return of(content);
    }
    if (settings.apiKeyEnv() != null) {
      return of(env.apply(settings.apiKeyEnv()));
    }
    return NONE;
  }

  private static ApiKey of(String raw) {
    String k = raw == null ? "" : raw.strip();
    return k.isEmpty() ? NONE : new ApiKey(k);
  }

  boolean present() {
    return key != null;
  }

  /** Value for the {@code Authorization} header; only call when {@link #present()}. */
  String authorizationHeader() {
    return "Bearer " + key;
  }

  /** {@code text} with every occurrence of the key replaced; null stays null. */
  String redact(String text) {
    if (text == null || key == null) {
      return text;
    }
    return text.replace(key, "***");
  }

  @Override
  public String toString() {
    return present() ? "ApiKey[***]" : "ApiKey[none]";
  }
}
