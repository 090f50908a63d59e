package org.grrmspark.udf.cache;

import java.io.Serializable;
import org.grrmspark.udf.ledger.SerializableHadoopConf;

/**
 * What judging tasks need to look up and add store entries: a compact serializable value (executors
 * never get the job's configuration).
 *
 * @param dir the store directory, {@code cache.path}
 * @param model the served model name ({@code model.name})
 * @param modelRoot the model root the endpoints' {@code /v1/models} reported at the start
 * @param templateVersion the prompt template version of the requests
 * @param runId the run adding, stored with each entry
 * @param segmentSize entries per segment file at most
 */
public record CacheSettings(
    String dir,
    String model,
    String modelRoot,
    String templateVersion,
    String runId,
    int segmentSize,
    SerializableHadoopConf hadoopConf)
    implements Serializable {
  /** A segment file's name: this prefix, the writer, a sequence number and this suffix. */
  public static final String SEGMENT_PREFIX = "seg-";

  public static final String SEGMENT_SUFFIX = ".json.gz";
}
