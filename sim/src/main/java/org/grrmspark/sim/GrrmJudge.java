package org.grrmspark.sim;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.OptionalInt;
import java.util.Random;

/**
 * Scores the candidates of one GRRM prompt with integers 0..10, the way the simulated model would.
 *
 * <p>Per slot {@code i} of {@code n}: the raw score of the {@link JudgeMode}, plus noise {@code
 * N(0, noiseSd)} from a {@link Random} seeded by (seed, prompt hash, slot), plus the position bias
 * {@code positionBias * (n - 1 - i) / (n - 1)} (the full value when {@code n == 1}), rounded half
 * up and clamped to 0..10. The same prompt therefore always gets the same scores.
 *
 * <p>The deterministic raw score is a pure function of (source, candidate): a base quality in [5,
 * 10) from a SHA-256 of both texts, minus {@code min(5, 4 * |ln r|)} where {@code r} is the ratio
 * of the candidate's estimated tokens to the source's ({@link TokenEstimator}, which roughly evens
 * out scripts); an empty candidate scores 0.
 */
final class GrrmJudge {

  private final JudgeMode mode;
  private final int constantScore;
  private final GoldBook gold;
  private final double noiseSd;
  private final double positionBias;
  private final long seed;

  GrrmJudge(SimulatorConfig config, GoldBook gold) {
    this.mode = config.judgeMode();
    this.constantScore = config.constantScore();
    this.gold = gold;
    this.noiseSd = config.noiseSd();
    this.positionBias = config.positionBias();
    this.seed = config.seed();
    if (mode == JudgeMode.GOLD && gold == null) {
      throw new IllegalArgumentException("judge mode GOLD needs a gold book");
    }
  }

  /** Scores in slot order. {@code promptHash} identifies the user message (its SHA-256 prefix). */
  int[] scores(GrrmPrompt prompt, long promptHash) {
    int n = prompt.size();
    int[] scores = new int[n];
    for (int slot = 0; slot < n; slot++) {
      double score = rawScore(prompt.source(), prompt.candidates().get(slot));
      if (noiseSd > 0) {
        score += noiseSd * new Random(mix(seed, promptHash, slot)).nextGaussian();
      }
      score += positionBias(positionBias, slot, n);
      scores[slot] = (int) Math.max(0, Math.min(10, Math.floor(score + 0.5)));
    }
    return scores;
  }

  private double rawScore(String source, String candidate) {
    switch (mode) {
      case CONSTANT:
        return constantScore;
      case GOLD:
        OptionalInt g = gold.score(source, candidate);
        return g.isPresent() ? g.getAsInt() : deterministicScore(source, candidate);
      default:
        return deterministicScore(source, candidate);
    }
  }

  /** The bias added to slot {@code slot} of {@code n}: full at slot A, falling linearly to 0. */
  static double positionBias(double bias, int slot, int n) {
    return n <= 1 ? bias : bias * (n - 1 - slot) / (n - 1);
  }

  static double deterministicScore(String source, String candidate) {
    if (candidate.isBlank()) {
      return 0;
    }
    byte[] h = sha256(source + '\u0000' + candidate);
    double unit = (toLong(h) >>> 11) * 0x1.0p-53;
    double base = 5.0 + 5.0 * unit;
    double ratio =
        (double) TokenEstimator.count(candidate) / Math.max(1, TokenEstimator.count(source));
    return base - Math.min(5.0, 4.0 * Math.abs(Math.log(ratio)));
  }

  static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  /** The first 8 bytes, big-endian. */
  static long toLong(byte[] bytes) {
    long v = 0;
    for (int i = 0; i < 8; i++) {
      v = (v << 8) | (bytes[i] & 0xff);
    }
    return v;
  }

  /** A well-spread seed from several longs (SplitMix64 finaliser over a running combination). */
  static long mix(long... parts) {
    long h = 0x9E3779B97F4A7C15L;
    for (long p : parts) {
      h = splitMix(h ^ p);
    }
    return h;
  }

  private static long splitMix(long z) {
    z += 0x9E3779B97F4A7C15L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
