package org.grrmspark.sim;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * An HTTP error answered with vLLM's nested error JSON (v0.10.1+, docs/vllm.md §3.1): {@code
 * {"error": {"message", "type", "param", "code"}}}.
 */
final class ApiError extends Exception {

  private static final long serialVersionUID = 1L;

  final int status;
  final String type;
  final String param;

  private ApiError(int status, String type, String message, String param) {
    super(message, null, false, false);
    this.status = status;
    this.type = type;
    this.param = param;
  }

  /** A 400 raised by vLLM's own validation (context length, bad parameter values). */
  static ApiError badRequest(String message, String param) {
    return new ApiError(400, "BadRequestError", message, param);
  }

  /** A 400 for a body that fails request validation (FastAPI/pydantic): type is the HTTP phrase. */
  static ApiError invalidBody(String message) {
    return new ApiError(400, "Bad Request", message, null);
  }

  static ApiError modelNotFound(String model) {
    return new ApiError(404, "NotFoundError", "The model `" + model + "` does not exist.", "model");
  }

  /** vLLM admission control's overload answer (docs/vllm.md §3.2 b), used for the injected 503. */
  static ApiError serviceUnavailable() {
    return new ApiError(
        503,
        "Service Unavailable",
        "The server is busy with too many queued requests; please try again later.",
        null);
  }

  ObjectNode body() {
    ObjectNode root = Json.MAPPER.createObjectNode();
    ObjectNode error = root.putObject("error");
    error.put("message", getMessage());
    error.put("type", type);
    error.put("param", param);
    error.put("code", status);
    return root;
  }
}
