package org.grrmspark.job.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.grrmspark.job.config.ConfigException;

/** Command-line arguments: positionals, single-valued flags, and repeatable {@code --set}. */
public final class Args {
  private final List<String> positionals = new ArrayList<>();
  private final Map<String, String> flags = new LinkedHashMap<>();
  private final List<String> sets = new ArrayList<>();

  private Args() {}

  /** Parses {@code args}; only the flags in {@code known} are accepted (each takes one value). */
  public static Args parse(String[] args, List<String> known) {
    Args a = new Args();
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (!arg.startsWith("--")) {
        a.positionals.add(arg);
        continue;
      }
      String name = arg;
      String value = null;
      int eq = arg.indexOf('=');
      if (eq > 0) {
        name = arg.substring(0, eq);
        value = arg.substring(eq + 1);
      }
      if (!name.equals("--set") && !known.contains(name)) {
        throw new ConfigException("unknown option " + name + " (grrm --help)");
      }
      if (value == null) {
        if (i + 1 >= args.length) {
          throw new ConfigException("option " + name + " needs a value");
        }
        value = args[++i];
      }
      if (name.equals("--set")) {
        a.sets.add(value);
      } else {
        a.flags.put(name, value);
      }
    }
    return a;
  }

  public List<String> positionals() {
    return positionals;
  }

  public String flag(String name) {
    return flags.get(name);
  }

  public String required(String name) {
    String v = flags.get(name);
    if (v == null) {
      throw new ConfigException("option " + name + " is required");
    }
    return v;
  }

  public List<String> sets() {
    return sets;
  }
}
