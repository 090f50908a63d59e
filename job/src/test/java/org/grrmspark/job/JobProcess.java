package org.grrmspark.job;

import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts {@code GrrmCli} as a separate JVM on the test classpath, with the test JVM's Spark module
 * flags, so a test can kill it the hard way.
 */
final class JobProcess {
  private JobProcess() {}

  static Process start(Path root, Path logFile, List<String> cliArgs) throws IOException {
    return start(root, logFile, cliArgs, false);
  }

  /**
   * @param defaultSigint start the JVM with SIGINT at its default action even if this one ignores
   *     it (a background job of a non-interactive shell does, and a JVM keeps an ignored SIGINT
   *     ignored)
   */
  static Process start(Path root, Path logFile, List<String> cliArgs, boolean defaultSigint)
      throws IOException {
    String cp =
        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    List<String> cmd = new ArrayList<>();
    if (defaultSigint) {
      cmd.addAll(List.of("perl", "-e", "$SIG{INT} = 'DEFAULT'; exec @ARGV or die \"exec: $!\""));
    }
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (a.startsWith("--add-opens")
          || a.startsWith("-XX:+IgnoreUnrecognizedVMOptions")
          || a.startsWith("-Dio.netty")) {
        cmd.add(a);
      }
    }
    cmd.add("-Xmx1g");
    cmd.add("-Dlog4j2.configurationFile=" + root.resolve("conf/log4j2.properties"));
    cmd.add("-cp");
    cmd.add(cp);
    cmd.add(GrrmCli.class.getName());
    cmd.addAll(cliArgs);
    ProcessBuilder pb =
        new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(logFile.toFile());
    pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
    pb.directory(new File(root.toString()));
    return pb.start();
  }
}
