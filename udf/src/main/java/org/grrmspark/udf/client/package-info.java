/**
 * Fleet client: sends GRRM judge prompts to a fleet of vLLM endpoints over the OpenAI-compatible
 * {@code POST /v1/chat/completions} route (docs/vllm.md §1.3, §2, §3, §8; docs/design.md §4).
 *
 * <p>{@link org.grrmspark.udf.client.FleetClient} sequences its parts under one lock: {@code
 * Transport} (OkHttp), {@code SlotQueue} (per-endpoint in-flight budget and FIFO queue) with {@code
 * Router}, {@code HealthMonitor} (breakers, stalls, the fleet-down budget), {@code Hedger}
 * (stragglers), {@code LoadPoller} (replica load reports), retries ({@code ErrorMapper}, {@code
 * RetryPolicy}, {@code ClientTimers}) and the JVM-wide {@code SharedRegistry}. {@link
 * org.grrmspark.udf.client.FleetDownError} is the typed fleet-down error and the one reader and
 * writer of its text. {@link org.grrmspark.udf.client.CompletionOrderStream} streams a partition
 * through the client with a bounded window. Nothing here needs a SparkSession.
 */
package org.grrmspark.udf.client;
