package org.grrmspark.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * scripts/grrm runs the CLI on the classpath file scripts/lib/build.sh records (compile + provided):
 * test jars must not be on it (the build once passed mdep.includeScope, which the plugin ignores).
 */
class ITScriptClasspath {
  private static final Path ROOT = Path.of(System.getProperty("user.dir")).getParent();
  private static final List<String> TEST_ONLY = List.of("junit", "opentest4j", "jmh", "mockwebserver");

  @Test
  void theScriptsClasspathHoldsSparkAndTheSimulatorButNoTestJar() throws Exception {
    Process p = new ProcessBuilder("bash", "-c", "source scripts/lib/build.sh && ensure_built \"$PWD\" && build_dir \"$PWD\" job")
        .directory(ROOT.toFile()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    assertTrue(p.waitFor(600, TimeUnit.SECONDS));
    assertEquals(0, p.exitValue());
    Path file = Path.of(out, "classpath.txt");
    List<String> jars = Arrays.stream(Files.readString(file).strip().split(":"))
        .map(j -> Path.of(j).getFileName().toString()).toList();
    List<String> testJars = jars.stream().filter(j -> TEST_ONLY.stream().anyMatch(j::contains)).toList();
    assertEquals(List.of(), testJars, file + " holds test jars");
    String line = "4".equals(System.getenv().getOrDefault("GRRM_SPARK", "4")) ? "2.13" : "2.12";
    assertTrue(jars.stream().anyMatch(j -> j.startsWith("spark-core_" + line + "-")), "Spark's core for this line: " + jars);
    assertTrue(jars.stream().anyMatch(j -> j.startsWith("grrm-sim-")), "the simulator (for grrm demo): " + jars);
  }
}
