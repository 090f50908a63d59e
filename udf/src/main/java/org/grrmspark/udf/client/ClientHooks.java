package org.grrmspark.udf.client;

import java.util.Objects;
import java.util.Random;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.random.RandomGenerator;

/**
 * What a {@link FleetClient} takes from its environment, injectable so tests never sleep for real
 * or depend on the process environment (docs/design.md §9.2: injectable clock and sleeper).
 *
 * @param scheduler runs retries after their backoff; null means the client owns a daemon
 *     single-thread scheduler and shuts it down on close
 * @param random jitter source; must be thread-safe
 * @param nanoClock monotonic clock for latency and time to first byte
 * @param env environment lookup for {@link ClientSettings#apiKeyEnv()}
 */
public record ClientHooks(
    BackoffScheduler scheduler,
    RandomGenerator random,
    LongSupplier nanoClock,
    Function<String, String> env) {

  public ClientHooks {
    Objects.requireNonNull(random, "random");
    Objects.requireNonNull(nanoClock, "nanoClock");
    Objects.requireNonNull(env, "env");
  }

  public static ClientHooks defaults() {
    return new ClientHooks(null, new Random(), System::nanoTime, System::getenv);
  }

  public ClientHooks withScheduler(BackoffScheduler scheduler) {
    return new ClientHooks(scheduler, random, nanoClock, env);
  }

  public ClientHooks withRandom(RandomGenerator random) {
    return new ClientHooks(scheduler, random, nanoClock, env);
  }

  public ClientHooks withNanoClock(LongSupplier nanoClock) {
    return new ClientHooks(scheduler, random, nanoClock, env);
  }

  public ClientHooks withEnv(Function<String, String> env) {
    return new ClientHooks(scheduler, random, nanoClock, env);
  }
}
