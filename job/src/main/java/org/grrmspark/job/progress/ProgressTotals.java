package org.grrmspark.job.progress;

import java.util.Collection;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One executor JVM's cumulative report, or the sum over all of them (see {@link #sum}).
 *
 * @param healthy endpoints healthy as that JVM sees them (the sum takes the minimum over reporters)
 * @param serverWaiting requests queued on the replicas by their own load reports, -1 when unknown
 *     (the sum takes the maximum: every reporter sees the same replicas)
 */
public record ProgressTotals(
    long done,
    long failed,
    long retries,
    long reasks,
    long hedged,
    long completionTokens,
    int endpoints,
    int healthy,
    boolean fleetDown,
    long serverWaiting) {

  public static final ProgressTotals NONE = new ProgressTotals(0, 0, 0, 0, 0, 0, 0, 0, false, -1);

  /** Parses the reporter's {@code key=value&...} body; unknown keys are ignored. */
  static ProgressTotals parse(Map<String, String> f) {
    return new ProgressTotals(
        num(f, "done"),
        num(f, "failed"),
        num(f, "retries"),
        num(f, "reasks"),
        num(f, "hedged"),
        num(f, "completion_tokens"),
        (int) num(f, "endpoints"),
        (int) num(f, "healthy"),
        Boolean.parseBoolean(f.get("fleet_down")),
        num(f, "server_waiting", -1));
  }

  static Map<String, String> form(String body) {
    Map<String, String> m = new HashMap<>();
    for (String kv : body.strip().split("&")) {
      int eq = kv.indexOf('=');
      if (eq > 0) {
        m.put(kv.substring(0, eq), kv.substring(eq + 1));
      }
    }
    return m;
  }

  private static long num(Map<String, String> f, String key) {
    return num(f, key, 0);
  }

  private static long num(Map<String, String> f, String key, long absent) {
    try {
      return Long.parseLong(f.getOrDefault(key, Long.toString(absent)));
    } catch (NumberFormatException e) {
      return absent;
    }
  }

  static ProgressTotals sum(Collection<ProgressTotals> reports) {
    if (reports.isEmpty()) {
      return NONE;
    }
    long d = 0, f = 0, r = 0, a = 0, h = 0, t = 0;
    int eps = 0;
    int healthy = Integer.MAX_VALUE;
    boolean down = false;
    long waiting = -1;
    for (ProgressTotals p : reports) {
      d += p.done;
      f += p.failed;
      r += p.retries;
      a += p.reasks;
      h += p.hedged;
      t += p.completionTokens;
      eps = Math.max(eps, p.endpoints);
      healthy = Math.min(healthy, p.healthy);
      down |= p.fleetDown;
      waiting = Math.max(waiting, p.serverWaiting);
    }
    return new ProgressTotals(d, f, r, a, h, t, eps, healthy, down, waiting);
  }

  /**
   * The progress line: requests done/total, rates over the judging time so far, ETA at that rate,
   * retries, parse re-asks, hedges, failures, healthy endpoints and, with a load signal, the
   * requests queued on the replicas (about 0 unless the fleet is oversubscribed or shared).
   */
  public String line(long total, double elapsedS) {
    double rps = elapsedS > 0 ? done / elapsedS : 0;
    double tps = elapsedS > 0 ? completionTokens / elapsedS : 0;
    String eta =
        total <= 0 || rps <= 0
            ? "?"
            : String.format(Locale.ROOT, "%.0f s", Math.max(0, total - done) / rps);
    String pct = total <= 0 ? "?" : String.format(Locale.ROOT, "%.1f%%", 100.0 * done / total);
    return String.format(
        Locale.ROOT,
        "judging: %d/%s requests (%s), %.1f req/s, %.0f out tok/s, ETA %s; retries %d, re-asks %d, hedged %d,"
            + " failed %d; endpoints healthy %d/%d%s%s",
        done,
        total <= 0 ? "?" : Long.toString(total),
        pct,
        rps,
        tps,
        eta,
        retries,
        reasks,
        hedged,
        failed,
        healthy,
        endpoints,
        serverWaiting >= 0 ? "; queued at replicas " + serverWaiting : "",
        fleetDown ? "; FLEET DOWN" : "");
  }
}
