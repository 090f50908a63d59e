package org.grrmspark.job.cluster;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.SparkContext;
import org.apache.spark.SparkEnv;
import org.apache.spark.deploy.DeployMessages;
import org.apache.spark.deploy.master.WorkerInfo;
import org.apache.spark.rpc.RpcAddress;
import org.apache.spark.rpc.RpcTimeout;
import scala.concurrent.duration.FiniteDuration;
import scala.reflect.ClassTag$;

/**
 * What the cluster manager offers, where it can be asked: a standalone master reports its workers
 * (the state its web UI shows at {@code /json/}, asked over the RPC connection the driver already
 * has, so the UI's port need not be known); YARN's largest container comes from the Hadoop
 * configuration ({@code yarn.scheduler.maximum-allocation-*}). Best effort: never fails the caller.
 */
public final class ClusterOffer {
  private ClusterOffer() {}

  /**
   * One line, e.g. {@code spark://127.0.0.1:7077 offers 2 alive workers: 127.0.0.1 2 cores 2048 MiB
   * (2 cores 2048 MiB free), ...}.
   */
  public static String describe(SparkContext sc) {
    String master = sc.master();
    try {
      if (master.startsWith("spark://")) {
        return standalone(master);
      }
      if (master.startsWith("yarn")) {
        return yarn(sc.hadoopConfiguration());
      }
    } catch (Exception | LinkageError e) {
      return master
          + " could not be asked what it offers ("
          + e.getClass().getSimpleName()
          + ": "
          + e.getMessage()
          + ")";
    }
    return master + " was not asked what it offers";
  }

  private static String standalone(String master) throws Exception {
    String first = master.contains(",") ? master.substring(0, master.indexOf(',')) : master;
    RpcAddress addr = RpcAddress.fromSparkURL(first);
    DeployMessages.MasterStateResponse state =
        SparkEnv.get()
            .rpcEnv()
            .setupEndpointRef(addr, "Master")
            .askSync(
                DeployMessages.RequestMasterState$.MODULE$,
                new RpcTimeout(new FiniteDuration(10, TimeUnit.SECONDS), "grrm.masterStateTimeout"),
                ClassTag$.MODULE$.apply(DeployMessages.MasterStateResponse.class));
    List<String> workers = new ArrayList<>();
    for (WorkerInfo w : state.workers()) {
      if (w.state().toString().equals("ALIVE")) {
        workers.add(
            String.format(
                Locale.ROOT,
                "%s %d cores %d MiB (%d cores %d MiB free)",
                w.host(),
                w.cores(),
                w.memory(),
                w.coresFree(),
                w.memoryFree()));
      }
    }
    return master
        + " offers "
        + workers.size()
        + " alive worker"
        + (workers.size() == 1 ? "" : "s")
        + (workers.isEmpty() ? "" : ": " + String.join(", ", workers));
  }

  private static String yarn(Configuration hadoop) {
    Configuration c = new Configuration(hadoop);
    c.addResource("yarn-site.xml");
    String mb = c.get("yarn.scheduler.maximum-allocation-mb");
    String vcores = c.get("yarn.scheduler.maximum-allocation-vcores");
    return "YARN allows containers of at most "
        + (mb == null ? "8192 (YARN's default, no yarn-site.xml value)" : mb)
        + " MiB and "
        + (vcores == null ? "4 (YARN's default)" : vcores)
        + " vcores (yarn.scheduler.maximum-allocation-mb/-vcores); the queue's free share was not asked";
  }
}
