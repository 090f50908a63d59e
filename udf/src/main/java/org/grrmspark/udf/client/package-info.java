/**
 * Fleet client: sends GRRM judge prompts to a fleet of vLLM endpoints over the OpenAI-compatible
 * {@code POST /v1/chat/completions} route (docs/vllm.md §1.3, §2, §3, §8; docs/design.md §4).
 *
 * <p>{@link org.grrmspark.udf.client.FleetClient} owns one OkHttp client, a per-endpoint in-flight
 * budget with a FIFO pending queue, routing ({@code Router}), retries ({@code RetryPolicy}), error
 * classification ({@code ErrorMapper}) and accounting. {@link org.grrmspark.udf.client.CompletionOrderStream}
 * streams a partition through it with a bounded window. Nothing here needs a SparkSession.
 */
package org.grrmspark.udf.client;
