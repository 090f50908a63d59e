package org.grrmspark.job.output;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.grrmspark.job.config.ConfigKey;
import org.grrmspark.job.config.ConfigKeys;
import org.grrmspark.job.config.GrrmConfig;
import org.grrmspark.job.ledger.InputFingerprint;
import org.grrmspark.udf.client.ServedModels;
import org.grrmspark.udf.client.ServedModels.ServedModel;
import org.grrmspark.udf.protocol.PromptBuilder;

/**
 * {@code run.json}, the dataset card of a run: what a labeled data set needs to be reproduced
 * (README, "Outputs"). {@code summary.json} stays the figures; this is the provenance: the model
 * each endpoint served as its {@code /v1/models} reported it at the start, prompt template version,
 * sampling, planner and pair settings, job and Spark versions, the input's fingerprint, token
 * totals, start and end. Never the API key.
 */
public final class RunCard {
  public static final String FILE = "run.json";

  /** The project version (pom.xml); a test keeps them equal. */
  public static final String JOB_VERSION = "0.1.0-SNAPSHOT";

  private final JsonTree tree = new JsonTree();

  private RunCard() {}

  /**
   * Begins the card at the run's start and asks every endpoint for its model card, unless {@code
   * endpoints.driver_check=false} says the driver cannot reach the fleet.
   */
  public static RunCard start(
      SparkSession spark, GrrmConfig config, String runId, long startMs, InputFingerprint input) {
    return start(spark, config, runId, startMs, input, null);
  }

  /**
   * @param notAsked why no endpoint was asked (a run whose answers come from a ledger or batch
   *     files), or null to ask them
   */
  public static RunCard start(
      SparkSession spark,
      GrrmConfig config,
      String runId,
      long startMs,
      InputFingerprint input,
      String notAsked) {
    RunCard c = new RunCard();
    c.tree
        .put("run_id", runId)
        .put("started_at", Instant.ofEpochMilli(startMs).toString())
        .put("job.name", "grrm-spark")
        .put("job.version", JOB_VERSION)
        .put("job.spark_version", spark.version())
        .put("model.name", config.string(ConfigKeys.MODEL_NAME))
        .put("model.configured_max_model_len", config.integer(ConfigKeys.MAX_MODEL_LEN))
        .put("prompt.template_version", PromptBuilder.TEMPLATE_VERSION)
        .put("pairs.mode", config.string(ConfigKeys.PAIRS_MODE))
        .put("pairs.min_margin", config.number(ConfigKeys.PAIRS_MIN_MARGIN))
        .put("pairs.prompt_template", config.string(ConfigKeys.PAIRS_PROMPT_TEMPLATE))
        .put("input.path", config.string(ConfigKeys.INPUT_PATH))
        .put("input.format", config.string(ConfigKeys.INPUT_FORMAT))
        .put("input.layout", config.string(ConfigKeys.INPUT_LAYOUT))
        .put("input.fingerprint_sha256", input.sha256())
        .put("input.files", input.files().size());
    for (ConfigKey k :
        List.of(
            ConfigKeys.TEMPERATURE,
            ConfigKeys.TOP_P,
            ConfigKeys.TOP_K,
            ConfigKeys.REPETITION_PENALTY,
            ConfigKeys.MAX_TOKENS,
            ConfigKeys.SEED)) {
      c.tree.put(k.name(), config.value(k));
    }
    if (config.value(ConfigKeys.SEED) == null) {
      c.tree.put(
          "sampling.seed_rule", "derived from each request's content key (requests/ seed column)");
    }
    for (ConfigKey k :
        List.of(
            ConfigKeys.MAX_GROUP_SIZE,
            ConfigKeys.ORDERS,
            ConfigKeys.COMBINE,
            ConfigKeys.DEDUP,
            ConfigKeys.LENIENT,
            ConfigKeys.USABLE_STATUSES,
            ConfigKeys.PARSE_REASKS,
            ConfigKeys.REWARD_SCALE)) {
      c.tree.put(k.name(), config.value(k));
    }
    ObjectNode model = (ObjectNode) c.tree.root().get("model");
    if (notAsked != null) {
      model.put("served", notAsked);
      return c;
    }
    if (!config.flag(ConfigKeys.DRIVER_CHECK)) {
      model.put("served", "not asked: endpoints.driver_check=false");
      return c;
    }
    List<ServedModel> served = ServedModels.ask(config.clientSettings(), System::getenv);
    served.stream()
        .filter(s -> s.error() == null)
        .findFirst()
        .ifPresent(
            s -> {
              model.put("served_id", s.id());
              model.put("root", s.root());
              if (s.maxModelLen() != null) {
                model.put("max_model_len", s.maxModelLen());
              }
            });
    var list = model.putArray("endpoints");
    for (ServedModel s : served) {
      ObjectNode e =
          list.addObject().put("url", s.endpoint()).put("id", s.id()).put("root", s.root());
      if (s.maxModelLen() != null) {
        e.put("max_model_len", s.maxModelLen());
      }
      if (s.error() != null) {
        e.put("error", s.error());
      }
    }
    return c;
  }

  /**
   * The model root the first answering endpoint's {@code /v1/models} reported, or null when none
   * was asked or told.
   */
  public String modelRoot() {
    var root = tree.root().at("/model/root");
    return root.isTextual() ? root.asText() : null;
  }

  /**
   * Adds the end time and the token totals of the summary, writes {@code run.json} and returns the
   * card.
   */
  public ObjectNode finish(JsonTree summary, OutputDir out) {
    ObjectNode s = summary.root();
    tree.put("finished_at", Instant.now().toString())
        .put("tokens.prompt", s.at("/tokens/prompt").asLong())
        .put("tokens.completion", s.at("/tokens/completion").asLong())
        .put("requests.planned", s.at("/requests/planned").asLong())
        .put("requests.sent", s.at("/requests/sent").asLong())
        .put("groups.input", s.at("/groups/input").asLong(s.at("/groups/total").asLong()));
    out.writeText(FILE, tree.pretty());
    return tree.root();
  }
}
