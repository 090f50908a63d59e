package org.grrmspark.sim;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Immutable settings of one simulated vLLM replica serving the GRRM model. Build with {@link
 * #builder()}; every setting has the documented default below.
 *
 * <p>Service time of a request holding a slot (docs/design.md §8): {@code (prefillMsPer1kTokens *
 * promptTokens / 1000 + decodeMsPerToken * completionTokens) * slowFactor}.
 *
 * <p>Score pipeline per candidate slot {@code i} of {@code n}: raw score from the {@link
 * JudgeMode}, plus Gaussian noise {@code N(0, noiseSd)} drawn from a generator seeded by (seed,
 * SHA-256 of the user message, slot), plus the position bias {@code positionBias * (n - 1 - i) / (n
 * - 1)} (slot A gets the full {@code positionBias}, the last slot 0; a lone candidate gets the full
 * value), then rounded half up and clamped to 0..10.
 */
public final class SimulatorConfig {

  public static final String DEFAULT_HOST = "127.0.0.1";
  public static final int DEFAULT_PORT = 0;
  public static final String DEFAULT_MODEL_NAME = "grrm";

  /**
   * What {@code vllm serve double7/Qwen2.5-7B-GRRM --served-model-name grrm} reports as {@code
   * root}.
   */
  public static final String DEFAULT_MODEL_ROOT = "double7/Qwen2.5-7B-GRRM";

  /** vLLM's API-server batch default on an A100 (docs/vllm.md §3.6). */
  public static final int DEFAULT_MAX_NUM_SEQS = 256;

  /** The context length of the real fleet (docs/protocol.md §1). */
  public static final int DEFAULT_MAX_MODEL_LEN = 16384;

  public static final double DEFAULT_PREFILL_MS_PER_1K_TOKENS = 50.0;

  /** About 1 s for a 500-token judgment. */
  public static final double DEFAULT_DECODE_MS_PER_TOKEN = 2.0;

  public static final JudgeMode DEFAULT_JUDGE_MODE = JudgeMode.DETERMINISTIC;
  public static final int DEFAULT_CONSTANT_SCORE = 5;
  public static final double DEFAULT_NOISE_SD = 0.0;
  public static final double DEFAULT_POSITION_BIAS = 0.0;
  public static final long DEFAULT_SEED = 0L;

  private final String host;
  private final int port;
  private final String modelName;
  private final String modelRoot;
  private final int maxNumSeqs;
  private final int maxModelLen;
  private final double prefillMsPer1kTokens;
  private final double decodeMsPerToken;
  private final JudgeMode judgeMode;
  private final int constantScore;
  private final Path goldFile;
  private final double noiseSd;
  private final double positionBias;
  private final long seed;
  private final String apiKey;
  private final Path requestLog;
  private final FaultConfig faults;

  private SimulatorConfig(Builder b) {
    this.host = b.host;
    this.port = b.port;
    this.modelName = b.modelName;
    this.modelRoot = b.modelRoot;
    this.maxNumSeqs = b.maxNumSeqs;
    this.maxModelLen = b.maxModelLen;
    this.prefillMsPer1kTokens = b.prefillMsPer1kTokens;
    this.decodeMsPerToken = b.decodeMsPerToken;
    this.judgeMode = b.judgeMode;
    this.constantScore = b.constantScore;
    this.goldFile = b.goldFile;
    this.noiseSd = b.noiseSd;
    this.positionBias = b.positionBias;
    this.seed = b.seed;
    this.apiKey = b.apiKey;
    this.requestLog = b.requestLog;
    this.faults = b.faults;
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    Builder b = new Builder();
    b.host = host;
    b.port = port;
    b.modelName = modelName;
    b.modelRoot = modelRoot;
    b.maxNumSeqs = maxNumSeqs;
    b.maxModelLen = maxModelLen;
    b.prefillMsPer1kTokens = prefillMsPer1kTokens;
    b.decodeMsPerToken = decodeMsPerToken;
    b.judgeMode = judgeMode;
    b.constantScore = constantScore;
    b.goldFile = goldFile;
    b.noiseSd = noiseSd;
    b.positionBias = positionBias;
    b.seed = seed;
    b.apiKey = apiKey;
    b.requestLog = requestLog;
    b.faults = faults;
    return b;
  }

  /** Bind address; default {@value #DEFAULT_HOST} (loopback only). */
  public String host() {
    return host;
  }

  /** Port; default 0, an ephemeral port ({@link Simulator#port()} tells which). */
  public int port() {
    return port;
  }

  /**
   * Served model name, the only accepted non-empty {@code model}; default {@value
   * #DEFAULT_MODEL_NAME}.
   */
  public String modelName() {
    return modelName;
  }

  /**
   * The model path {@code /v1/models} reports as {@code root}; default {@value
   * #DEFAULT_MODEL_ROOT}.
   */
  public String modelRoot() {
    return modelRoot;
  }

  /** Concurrent sequences (slots); default {@value #DEFAULT_MAX_NUM_SEQS}. */
  public int maxNumSeqs() {
    return maxNumSeqs;
  }

  /** Context length in (estimated) tokens; default {@value #DEFAULT_MAX_MODEL_LEN}. */
  public int maxModelLen() {
    return maxModelLen;
  }

  /**
   * Prefill milliseconds per 1000 prompt tokens; default {@value
   * #DEFAULT_PREFILL_MS_PER_1K_TOKENS}.
   */
  public double prefillMsPer1kTokens() {
    return prefillMsPer1kTokens;
  }

  /** Decode milliseconds per completion token; default {@value #DEFAULT_DECODE_MS_PER_TOKEN}. */
  public double decodeMsPerToken() {
    return decodeMsPerToken;
  }

  /** Default {@link JudgeMode#DETERMINISTIC}. */
  public JudgeMode judgeMode() {
    return judgeMode;
  }

  /**
   * The score of every candidate in {@link JudgeMode#CONSTANT}; default {@value
   * #DEFAULT_CONSTANT_SCORE}.
   */
  public int constantScore() {
    return constantScore;
  }

  /** Gold JSONL corpus for {@link JudgeMode#GOLD}; null otherwise. */
  public Path goldFile() {
    return goldFile;
  }

  /** Standard deviation of the Gaussian score noise, in points; default 0. */
  public double noiseSd() {
    return noiseSd;
  }

  /** Points added to slot A, falling linearly to 0 at the last slot; default 0. */
  public double positionBias() {
    return positionBias;
  }

  /** Seed of the score noise and of the fault draws; default 0. */
  public long seed() {
    return seed;
  }

  /** When non-null, /v1/* requires {@code Authorization: Bearer <apiKey>} (docs/vllm.md §5). */
  public String apiKey() {
    return apiKey;
  }

  /** When non-null, one JSON line per finished chat request is appended to this file. */
  public Path requestLog() {
    return requestLog;
  }

  /** Fault injection; default {@link FaultConfig#NONE}. */
  public FaultConfig faults() {
    return faults;
  }

  @Override
  public String toString() {
    return "SimulatorConfig{host="
        + host
        + ", port="
        + port
        + ", modelName="
        + modelName
        + ", maxNumSeqs="
        + maxNumSeqs
        + ", maxModelLen="
        + maxModelLen
        + ", prefillMsPer1kTokens="
        + prefillMsPer1kTokens
        + ", decodeMsPerToken="
        + decodeMsPerToken
        + ", judgeMode="
        + judgeMode
        + ", constantScore="
        + constantScore
        + ", goldFile="
        + goldFile
        + ", noiseSd="
        + noiseSd
        + ", positionBias="
        + positionBias
        + ", seed="
        + seed
        + ", apiKey="
        + (apiKey == null ? "none" : "***")
        + ", requestLog="
        + requestLog
        + ", faults="
        + faults
        + "}";
  }

  /** Builder for {@link SimulatorConfig}. {@link #build()} checks every value. */
  public static final class Builder {
    private String host = DEFAULT_HOST;
    private int port = DEFAULT_PORT;
    private String modelName = DEFAULT_MODEL_NAME;
    private String modelRoot = DEFAULT_MODEL_ROOT;
    private int maxNumSeqs = DEFAULT_MAX_NUM_SEQS;
    private int maxModelLen = DEFAULT_MAX_MODEL_LEN;
    private double prefillMsPer1kTokens = DEFAULT_PREFILL_MS_PER_1K_TOKENS;
    private double decodeMsPerToken = DEFAULT_DECODE_MS_PER_TOKEN;
    private JudgeMode judgeMode = DEFAULT_JUDGE_MODE;
    private int constantScore = DEFAULT_CONSTANT_SCORE;
    private Path goldFile;
    private double noiseSd = DEFAULT_NOISE_SD;
    private double positionBias = DEFAULT_POSITION_BIAS;
    private long seed = DEFAULT_SEED;
    private String apiKey;
    private Path requestLog;
    private FaultConfig faults = FaultConfig.NONE;

    private Builder() {}

    public Builder host(String host) {
      this.host = host;
      return this;
    }

    public Builder port(int port) {
      this.port = port;
      return this;
    }

    public Builder modelName(String modelName) {
      this.modelName = modelName;
      return this;
    }

    public Builder modelRoot(String modelRoot) {
      this.modelRoot = modelRoot;
      return this;
    }

    public Builder maxNumSeqs(int maxNumSeqs) {
      this.maxNumSeqs = maxNumSeqs;
      return this;
    }

    public Builder maxModelLen(int maxModelLen) {
      this.maxModelLen = maxModelLen;
      return this;
    }

    public Builder prefillMsPer1kTokens(double ms) {
      this.prefillMsPer1kTokens = ms;
      return this;
    }

    public Builder decodeMsPerToken(double ms) {
      this.decodeMsPerToken = ms;
      return this;
    }

    public Builder judgeMode(JudgeMode mode) {
      this.judgeMode = mode;
      return this;
    }

    /** Sets the constant score and switches to {@link JudgeMode#CONSTANT}. */
    public Builder constantScore(int score) {
      this.constantScore = score;
      this.judgeMode = JudgeMode.CONSTANT;
      return this;
    }

    /** Sets the gold corpus and switches to {@link JudgeMode#GOLD} (as the CLI's --gold does). */
    public Builder goldFile(Path goldFile) {
      this.goldFile = goldFile;
      this.judgeMode = JudgeMode.GOLD;
      return this;
    }

    public Builder noiseSd(double noiseSd) {
      this.noiseSd = noiseSd;
      return this;
    }

    public Builder positionBias(double positionBias) {
      this.positionBias = positionBias;
      return this;
    }

    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    public Builder apiKey(String apiKey) {
      this.apiKey = apiKey;
      return this;
    }

    public Builder requestLog(Path requestLog) {
      this.requestLog = requestLog;
      return this;
    }

    public Builder faults(FaultConfig faults) {
      this.faults = faults;
      return this;
    }

    public SimulatorConfig build() {
      check(host != null && !host.isBlank(), "host must not be empty");
      check(port >= 0 && port <= 65535, "port must be in 0..65535, got " + port);
      check(modelName != null && !modelName.isBlank(), "modelName must not be empty");
      check(modelRoot != null && !modelRoot.isBlank(), "modelRoot must not be empty");
      check(maxNumSeqs >= 1, "maxNumSeqs must be >= 1, got " + maxNumSeqs);
      check(maxModelLen >= 1, "maxModelLen must be >= 1, got " + maxModelLen);
      check(
          prefillMsPer1kTokens >= 0 && Double.isFinite(prefillMsPer1kTokens),
          "prefillMsPer1kTokens must be a finite number >= 0, got " + prefillMsPer1kTokens);
      check(
          decodeMsPerToken >= 0 && Double.isFinite(decodeMsPerToken),
          "decodeMsPerToken must be a finite number >= 0, got " + decodeMsPerToken);
      Objects.requireNonNull(judgeMode, "judgeMode");
      check(
          constantScore >= 0 && constantScore <= 10,
          "constantScore must be in 0..10, got " + constantScore);
      check(judgeMode != JudgeMode.GOLD || goldFile != null, "judge mode GOLD needs a goldFile");
      check(
          noiseSd >= 0 && Double.isFinite(noiseSd),
          "noiseSd must be a finite number >= 0, got " + noiseSd);
      check(Double.isFinite(positionBias), "positionBias must be finite, got " + positionBias);
      check(apiKey == null || !apiKey.isEmpty(), "apiKey must be null or non-empty");
      Objects.requireNonNull(faults, "faults");
      return new SimulatorConfig(this);
    }

    private static void check(boolean ok, String message) {
      if (!ok) {
        throw new IllegalArgumentException(message);
      }
    }
  }
}
