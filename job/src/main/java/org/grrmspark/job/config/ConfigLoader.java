package org.grrmspark.job.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Builds a {@link GrrmConfig} from layers: defaults, then a YAML file, then {@code key=value}
 * overrides in order. Unknown keys, wrong types and out-of-range values fail here, before Spark
 * starts, with a message naming the key.
 */
public final class ConfigLoader {
  private final Map<String, Object> values = new LinkedHashMap<>();

  public ConfigLoader() {
    ConfigKeys.all().values().forEach(k -> values.put(k.name(), k.defaultValue()));
  }

  /** Applies a YAML file of nested maps (the shape of {@code conf/grrm.yaml}). */
  public ConfigLoader file(Path path) {
    JsonNode root;
    Path shown =
        path.toAbsolutePath().normalize(); // the driver's file, named as the driver sees it
    String text;
    try {
      text = Files.readString(path);
    } catch (NoSuchFileException e) {
      throw new ConfigException("configuration file " + shown + " does not exist; check --conf");
    } catch (AccessDeniedException e) {
      throw new ConfigException(
          "configuration file " + shown + " cannot be read (permission denied); check --conf");
    } catch (IOException e) {
      throw new ConfigException(
          "configuration file "
              + shown
              + " cannot be read ("
              + (Files.isDirectory(path)
                  ? "a directory"
                  : e.getClass().getSimpleName() + ": " + e.getMessage())
              + "); --conf takes a YAML file");
    }
    try {
      root = new ObjectMapper(new YAMLFactory()).readTree(text);
    } catch (IOException e) {
      throw new ConfigException(
          "configuration file "
              + shown
              + " is not valid YAML: "
              + e.getMessage().lines().findFirst().orElse(""));
    }
    if (root == null || root.isNull() || root.isMissingNode()) {
      return this;
    }
    if (!root.isObject()) {
      throw new ConfigException("configuration file " + path + " must hold a map of keys");
    }
    flatten("", root, path.toString());
    return this;
  }

  /** Applies one {@code key=value} override (as given to {@code --set}). */
  public ConfigLoader set(String assignment) {
    int eq = assignment.indexOf('=');
    if (eq <= 0) {
      throw new ConfigException("--set expects key=value, got '" + assignment + "'");
    }
    return set(assignment.substring(0, eq).trim(), assignment.substring(eq + 1));
  }

  public ConfigLoader set(String name, String raw) {
    ConfigKey key = known(name, "--set");
    values.put(name, fromString(key, raw.trim()));
    return this;
  }

  public GrrmConfig build() {
    for (Map.Entry<String, Object> e : values.entrySet()) {
      if (e.getValue() != null) {
        String problem = ConfigKeys.get(e.getKey()).check().apply(e.getValue());
        if (problem != null) {
          throw new ConfigException("configuration key " + e.getKey() + " " + problem);
        }
      }
    }
    return new GrrmConfig(values);
  }

  private void flatten(String prefix, JsonNode node, String origin) {
    Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> f = fields.next();
      String name = prefix + f.getKey();
      if (f.getValue().isObject() && ConfigKeys.get(name) == null) {
        flatten(name + ".", f.getValue(), origin);
      } else {
        ConfigKey key = known(name, origin);
        values.put(name, fromYaml(key, f.getValue()));
      }
    }
  }

  private static ConfigKey known(String name, String origin) {
    ConfigKey key = ConfigKeys.get(name);
    if (key == null) {
      String hint = closest(name);
      throw new ConfigException(
          "unknown configuration key '"
              + name
              + "' in "
              + origin
              + (hint == null ? "" : " (did you mean '" + hint + "'?)"));
    }
    return key;
  }

  private static Object fromYaml(ConfigKey key, JsonNode v) {
    if (v.isNull()) {
      return null;
    }
    if (key.type() == ConfigType.LIST) {
      if (v.isArray()) {
        List<String> out = new ArrayList<>();
        v.forEach(e -> out.add(e.asText()));
        return List.copyOf(out);
      }
      return fromString(key, v.asText());
    }
    if (v.isContainerNode()) {
      throw new ConfigException(
          "configuration key "
              + key.name()
              + " must be a "
              + typeName(key)
              + ", got a "
              + (v.isArray() ? "list" : "map"));
    }
    return fromString(key, v.asText());
  }

  static Object fromString(ConfigKey key, String raw) {
    if (raw.isEmpty() || raw.equals("null") || raw.equals("~")) {
      return key.type() == ConfigType.LIST ? List.of() : null;
    }
    try {
      return switch (key.type()) {
        case STRING -> raw;
        case INT -> Integer.parseInt(raw);
        case LONG -> Long.parseLong(raw);
        case DOUBLE -> Double.parseDouble(raw);
        case BOOLEAN -> parseBoolean(raw);
        case LIST ->
            Arrays.stream(raw.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
      };
    } catch (IllegalArgumentException e) {
      throw new ConfigException(
          "configuration key "
              + key.name()
              + " must be a "
              + typeName(key)
              + ", got '"
              + raw
              + "'");
    }
  }

  private static boolean parseBoolean(String raw) {
    return switch (raw.toLowerCase(Locale.ROOT)) {
      case "true" -> true;
      case "false" -> false;
      default -> throw new IllegalArgumentException(raw);
    };
  }

  private static String typeName(ConfigKey key) {
    return switch (key.type()) {
      case STRING -> "string";
      case INT, LONG -> "integer";
      case DOUBLE -> "number";
      case BOOLEAN -> "boolean (true or false)";
      case LIST -> "list";
    };
  }

  /** The known key nearest in edit distance, if it is close enough to be a likely typo. */
  private static String closest(String name) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String candidate : ConfigKeys.all().keySet()) {
      int d = editDistance(name, candidate);
      if (d < bestDistance) {
        bestDistance = d;
        best = candidate;
      }
    }
    return bestDistance <= Math.max(2, name.length() / 4) ? best : null;
  }

  private static int editDistance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }
}
