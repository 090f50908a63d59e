package org.grrmspark.job.config;

import java.util.List;
import java.util.function.Function;

/**
 * One configuration key: its name, type, default (null means unset), a one-line description, and a
 * check that returns an error message for an out-of-range value or null when the value is fine.
 */
public record ConfigKey(
    String name, ConfigType type, Object defaultValue, String doc, Function<Object, String> check) {

  static ConfigKey of(String name, ConfigType type, Object defaultValue, String doc) {
    return new ConfigKey(name, type, defaultValue, doc, v -> null);
  }

  static ConfigKey intIn(String name, int defaultValue, int min, int max, String doc) {
    return new ConfigKey(
        name,
        ConfigType.INT,
        defaultValue,
        doc,
        v -> {
          int i = (Integer) v;
          return i < min || i > max ? "must be in " + min + ".." + max + ", got " + i : null;
        });
  }

  static ConfigKey doubleIn(String name, double defaultValue, double min, double max, String doc) {
    return new ConfigKey(
        name,
        ConfigType.DOUBLE,
        defaultValue,
        doc,
        v -> {
          double d = (Double) v;
          return d < min || d > max || Double.isNaN(d)
              ? "must be in " + min + ".." + max + ", got " + d
              : null;
        });
  }

  static ConfigKey oneOf(String name, String defaultValue, List<String> allowed, String doc) {
    return new ConfigKey(
        name,
        ConfigType.STRING,
        defaultValue,
        doc,
        v ->
            allowed.contains(v)
                ? null
                : "must be one of " + String.join(", ", allowed) + ", got '" + v + "'");
  }
}
