package org.grrmspark.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * scripts/submit.sh as a user runs it: help with examples, and configuration mistakes fail fast.
 */
class ITSubmitScript {
  @TempDir Path tmp;

  @Test
  void helpPrintsExamplesForEveryClusterManager() throws Exception {
    ITStandaloneCluster.Result r =
        ITStandaloneCluster.run(List.of("scripts/submit.sh", "--help"), 30);
    assertEquals(0, r.exit(), r.output());
    for (String s :
        List.of(
            "--master 'local[2]'",
            "--master spark://",
            "--master yarn",
            "--master k8s://",
            "secretKeyRef.GRRM_API_KEY",
            "endpoints.api_key_file",
            "endpoints.max_in_flight")) {
      assertTrue(r.output().contains(s), "help mentions " + s);
    }
  }

  @Test
  void misspelledKeyFailsFastNamingIt() throws Exception {
    long t0 = System.nanoTime();
    ITStandaloneCluster.Result r = submit("--set", "endpoints.max_inflight=8");
    double s = (System.nanoTime() - t0) / 1e9;
    assertEquals(2, r.exit(), r.output());
    assertTrue(
        r.output()
            .contains(
                "unknown configuration key 'endpoints.max_inflight' in --set "
                    + "(did you mean 'endpoints.max_in_flight'?)"),
        r.output());
    assertTrue(s < 5, "failed in " + s + " s");
    System.out.printf("misspelled key: exit 2 after %.2f s%n", s);
  }

  @Test
  void negativeInFlightBudgetInAFileFailsFastNamingIt() throws Exception {
    Path conf = tmp.resolve("bad.yaml");
    Files.writeString(conf, "endpoints:\n  max_in_flight: -1\n");
    long t0 = System.nanoTime();
    ITStandaloneCluster.Result r = submit("--conf", conf.toString());
    double s = (System.nanoTime() - t0) / 1e9;
    assertEquals(2, r.exit(), r.output());
    assertTrue(
        r.output()
            .contains("configuration key endpoints.max_in_flight must be in 1..100000, got -1"),
        r.output());
    assertTrue(s < 5, "failed in " + s + " s");
    System.out.printf("negative endpoints.max_in_flight: exit 2 after %.2f s%n", s);
  }

  private ITStandaloneCluster.Result submit(String... extra) throws Exception {
    List<String> cmd =
        new java.util.ArrayList<>(
            List.of(
                "scripts/submit.sh",
                "--master",
                "local[2]",
                "--",
                "score",
                "--input",
                "data/demo-groups.jsonl",
                "--output",
                tmp.resolve("out").toString(),
                "--endpoints",
                "http://127.0.0.1:9"));
    cmd.addAll(List.of(extra));
    return ITStandaloneCluster.run(cmd, 60);
  }
}
