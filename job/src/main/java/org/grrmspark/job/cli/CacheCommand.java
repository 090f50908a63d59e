package org.grrmspark.job.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.grrmspark.job.cache.CacheStore;
import org.grrmspark.job.config.ConfigException;

/**
 * {@code grrm cache stats|compact <path>}: the cross-run store's figures, or its segments rewritten
 * into one (docs/design.md §11.4). Plain Hadoop FileSystem calls on this JVM, no Spark.
 */
public final class CacheCommand {
  static final String USAGE =
      "cache needs a subcommand and a store path: grrm cache stats|compact <path>";

  private CacheCommand() {}

  public static int run(String[] argv, Configuration hadoop, PrintStream out) throws IOException {
    if (argv.length != 2 || !List.of("stats", "compact").contains(argv[0])) {
      throw new ConfigException(USAGE);
    }
    CacheStore store = new CacheStore(argv[1], hadoop);
    if (store.segments().isEmpty()) {
      throw new ConfigException(
          "cache " + argv[1] + ": no store there (no seg-*.json.gz segment files)");
    }
    if (argv[0].equals("stats")) {
      store.stats().lines(argv[1]).forEach(out::println);
      return 0;
    }
    CacheStore.Compacted c = store.compact();
    if (c.segmentsReplaced() == 0) {
      out.printf("cache %s: one segment (%s), nothing to compact%n", argv[1], c.segment());
    } else {
      out.printf(
          "cache %s: %d segments compacted into %s: %d entries, %d duplicate rows dropped%n",
          argv[1], c.segmentsReplaced(), c.segment(), c.entries(), c.duplicatesDropped());
    }
    return 0;
  }
}
