package org.grrmspark.job.output;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** A JSON object built by dotted paths; NaN becomes null, because JSON has no NaN. */
public final class JsonTree {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final ObjectNode root = JSON.createObjectNode();

  public JsonTree put(String path, Object value) {
    String[] parts = path.split("\\.");
    ObjectNode node = root;
    for (int i = 0; i < parts.length - 1; i++) {
      node = node.has(parts[i]) ? (ObjectNode) node.get(parts[i]) : node.putObject(parts[i]);
    }
    node.set(parts[parts.length - 1], toNode(value));
    return this;
  }

  /** Puts a value under a key that may itself contain dots (an endpoint URL). */
  public JsonTree putUnder(String parentPath, String key, String field, Object value) {
    ObjectNode node = root;
    for (String part : parentPath.split("\\.")) {
      node = node.has(part) ? (ObjectNode) node.get(part) : node.putObject(part);
    }
    ObjectNode child = node.has(key) ? (ObjectNode) node.get(key) : node.putObject(key);
    child.set(field, toNode(value));
    return this;
  }

  public ObjectNode root() {
    return root;
  }

  public String pretty() {
    try {
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static JsonNode toNode(Object v) {
    if (v instanceof Double d && (d.isNaN() || d.isInfinite())) {
      return JSON.nullNode();
    }
    return JSON.valueToTree(v);
  }
}
