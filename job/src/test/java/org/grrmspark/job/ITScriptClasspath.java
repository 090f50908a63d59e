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
 * scripts/grrm runs the CLI on the classpath scripts/lib/build.sh records (compile + provided):
 * test jars must not be on it (the build once passed mdep.includeScope, which the plugin ignores),
 * and the simulator comes from the demo module, never from the job's own dependencies
 * (docs/design.md §2.8).
 */
class ITScriptClasspath {
  private static final Path ROOT = Path.of(System.getProperty("user.dir")).getParent();
  private static final List<String> TEST_ONLY =
      List.of("junit", "opentest4j", "jmh", "mockwebserver");

  @Test
  void theScriptsClasspathHoldsSparkAndTheSimulatorButNoTestJar() throws Exception {
    String[] out =
        script("ensure_built \"$PWD\" && build_dir \"$PWD\" job && job_classpath \"$PWD\"")
            .split("\n");
    assertEquals(2, out.length, "the job's build directory, then the classpath: " + List.of(out));
    List<String> jars = names(out[1]);
    List<String> testJars =
        jars.stream().filter(j -> TEST_ONLY.stream().anyMatch(j::contains)).toList();
    assertEquals(List.of(), testJars, "scripts/grrm's classpath holds test jars");
    String line = "4".equals(System.getenv().getOrDefault("GRRM_SPARK", "4")) ? "2.13" : "2.12";
    assertTrue(
        jars.stream().anyMatch(j -> j.startsWith("spark-core_" + line + "-")),
        "Spark's core for this line: " + jars);
    assertTrue(
        jars.stream().anyMatch(j -> j.startsWith("grrm-sim-")),
        "the simulator (for grrm demo): " + jars);
    List<String> entries = List.of(out[1].split(":"));
    assertEquals(
        entries.size(), entries.stream().distinct().count(), "each entry once: " + entries);

    Path jobFile = Path.of(out[0], "classpath.txt");
    List<String> job = names(Files.readString(jobFile));
    assertEquals(
        List.of(),
        job.stream().filter(j -> j.startsWith("grrm-sim-")).toList(),
        jobFile + ": the job does not depend on the simulator at run time");
  }

  private static String script(String commands) throws Exception {
    Process p =
        new ProcessBuilder("bash", "-c", "source scripts/lib/build.sh && " + commands)
            .directory(ROOT.toFile())
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    assertTrue(p.waitFor(600, TimeUnit.SECONDS));
    assertEquals(0, p.exitValue());
    return out;
  }

  private static List<String> names(String classpath) {
    return Arrays.stream(classpath.strip().split(":"))
        .map(j -> Path.of(j).getFileName().toString())
        .toList();
  }
}
