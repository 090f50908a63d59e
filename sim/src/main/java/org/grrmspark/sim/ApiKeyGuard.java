package org.grrmspark.sim;

import com.sun.net.httpserver.Headers;
import java.security.MessageDigest;

/**
 * vLLM's {@code --api-key} check (docs/vllm.md §5, the pre-v0.22 rule): paths starting with {@code
 * /v1} need {@code Authorization: Bearer <key>}, scheme case-insensitive, compared in constant time
 * over SHA-256 digests; every other path is open.
 */
final class ApiKeyGuard {

  private final byte[] keyDigest;

  ApiKeyGuard(String apiKey) {
    this.keyDigest = apiKey == null ? null : GrrmJudge.sha256(apiKey);
  }

  static boolean guards(String path) {
    return path.startsWith("/v1");
  }

  boolean allows(Headers headers) {
    if (keyDigest == null) {
      return true;
    }
    String auth = headers.getFirst("Authorization");
    if (auth == null) {
      return false;
    }
    int space = auth.indexOf(' ');
    if (space < 0 || !auth.substring(0, space).equalsIgnoreCase("bearer")) {
      return false;
    }
    return MessageDigest.isEqual(GrrmJudge.sha256(auth.substring(space + 1)), keyDigest);
  }
}
