package org.grrmspark.sim;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Writes a judgment in the trained format (docs/protocol.md §4): a step-by-step Markdown analysis
 * that discusses every candidate (accuracy, fluency, style, overall; wording picked by score band
 * and varied by a hash of the prompt), a comparison paragraph, then {@code "\n\n### Final
 * Ranking:\n\n" + ranking + "\n\n### Scores:\n\n" + scores}.
 *
 * <p>The analysis is deliberately a realistic length, roughly 40 tokens plus about 120 per
 * candidate, because completion tokens drive the simulated decode time.
 */
final class AnswerWriter {

  /** What a chat model says to a message that is not a judge prompt. */
  static final String GENERIC_ANSWER =
      "I can help with evaluating translation quality. Please give me a"
          + " source text and the translation candidates to compare, and I will analyze them step by step,"
          + " then rank and score each candidate with an integer from 0 to 10.";

  private static final int EXCERPT_CODE_POINTS = 160;
  private static final Pattern WHITE_SPACE = Pattern.compile("\\s+");

  private static final String[][] ACCURACY = {
    { // 9-10
      "It conveys every element of the source faithfully, with no omissions, additions or mistranslations.",
      "The meaning of the source is rendered completely and precisely; nothing is lost or added.",
      "All of the information in the source is preserved, and the key terms are translated correctly.",
    },
    { // 7-8
      "The core meaning is preserved, although one nuance of the source is rendered less precisely than it could be.",
      "It is largely accurate; a minor shift in emphasis is the only deviation from the source.",
      "Most of the content is transferred correctly, with a small imprecision in one phrase.",
    },
    { // 5-6
      "The general idea comes across, but part of the source is paraphrased loosely and some detail is lost.",
      "It captures the gist, yet at least one phrase is mistranslated in a way that changes the nuance.",
      "Several details are either omitted or rendered inaccurately, although the main message survives.",
    },
    { // 3-4
      "Important parts of the meaning are distorted, and a reader would misunderstand the source in places.",
      "There are major accuracy errors: a key phrase is mistranslated and some content is missing.",
      "It departs from the source in ways that change the meaning of the sentence.",
    },
    { // 0-2
      "It fails to convey the meaning of the source; most of the content is wrong, missing or untranslated.",
      "The output bears little relation to the source text and cannot be considered an adequate translation.",
      "Critical errors make it unusable: the main statement of the source is lost.",
    },
  };

  private static final String[][] FLUENCY = {
    {
      "The %s reads naturally and idiomatically, as if written by a native speaker.",
      "Grammar, word choice and punctuation are all natural in %s.",
      "The sentence flows smoothly and sounds idiomatic in %s.",
    },
    {
      "The %s is fluent overall, with one slightly awkward construction.",
      "It reads well, although one word choice is a little unusual in %s.",
      "Sentence flow in %s is good, with only minor stylistic roughness.",
    },
    {
      "The phrasing is understandable but noticeably unnatural in %s.",
      "Some constructions feel literal and stiff, which hurts readability in %s.",
      "There are small grammatical slips that a native %s reader would notice.",
    },
    {
      "The sentence is awkward and hard to follow in %s.",
      "Grammatical errors and a literal word order make it read poorly in %s.",
      "It reads like a word-for-word rendering rather than natural %s.",
    },
    {
      "It is barely readable as %s.",
      "The text is ungrammatical and confusing for a %s reader.",
      "Fluency in %s is very poor throughout.",
    },
  };

  private static final String[][] STYLE = {
    {
      "The register matches the source, and the terminology is consistent and appropriate.",
      "Tone and terminology fit the context well.",
      "Stylistically it mirrors the source, including its level of formality.",
    },
    {
      "The register is appropriate, though one term could be more idiomatic.",
      "Terminology is mostly well chosen, with one less common rendering.",
      "The tone is close to the source, with a slight change in formality.",
    },
    {
      "The register drifts from the source, and one term is rendered inconsistently.",
      "Some terminology is imprecise, which makes the text feel less professional.",
      "The tone only partly matches the source.",
    },
    {
      "Several terms are rendered incorrectly, and the tone does not match the source.",
      "The style is inconsistent and the terminology unreliable.",
      "Word choices are often inappropriate for the context.",
    },
    {
      "Terminology and style are not handled at all.",
      "No attention is paid to register or terminology.",
      "The wording is inappropriate throughout.",
    },
  };

  private static final String[] OVERALL = {
    "an excellent translation", "a good translation with minor issues",
    "an acceptable but flawed translation", "a weak translation with serious errors",
    "an inadequate translation",
  };

  private AnswerWriter() {}

  static GrrmAnswer write(GrrmPrompt prompt, int[] scores, long promptHash) {
    int n = prompt.size();
    StringBuilder a = new StringBuilder(600 * n + 400);
    a.append("Let me analyze the ")
        .append(n == 1 ? "translation" : n + " translations")
        .append(" of the ")
        .append(prompt.srcLang())
        .append(" source text into ")
        .append(prompt.tgtLang())
        .append(" step by step, checking accuracy, fluency and style against the source.\n\n")
        .append("The source text reads: \"")
        .append(excerpt(prompt.source()))
        .append("\"");
    for (int slot = 0; slot < n; slot++) {
      int band = band(scores[slot]);
      char label = GrrmPrompt.label(slot);
      a.append("\n\n### Translation ")
          .append(label)
          .append("\n\n\"")
          .append(excerpt(prompt.candidates().get(slot)))
          .append("\"\n\n")
          .append("- **Accuracy:** ")
          .append(pick(ACCURACY[band], promptHash, slot, 1))
          .append('\n')
          .append("- **Fluency:** ")
          .append(
              String.format(
                  Locale.ROOT, pick(FLUENCY[band], promptHash, slot, 2), prompt.tgtLang()))
          .append('\n')
          .append("- **Style and terminology:** ")
          .append(pick(STYLE[band], promptHash, slot, 3))
          .append('\n')
          .append("- **Overall:** Translation ")
          .append(label)
          .append(" is ")
          .append(OVERALL[band])
          .append('.');
    }
    a.append("\n\n### Comparison\n\n").append(comparison(scores));
    return new GrrmAnswer(a.toString().strip(), rankingLine(scores), scoreLine(scores));
  }

  /**
   * Ranking line: tiers best first joined by " > ", ties joined by " = ", letters ascending in a
   * tier.
   */
  static String rankingLine(int[] scores) {
    List<Integer> order = rankingOrder(scores);
    StringBuilder sb = new StringBuilder();
    for (int k = 0; k < order.size(); k++) {
      if (k > 0) {
        sb.append(scores[order.get(k)] == scores[order.get(k - 1)] ? " = " : " > ");
      }
      sb.append(GrrmPrompt.label(order.get(k)));
    }
    return sb.toString();
  }

  /** Score line in ranking order, e.g. {@code B: 9, A: 7, C: 7}. */
  static String scoreLine(int[] scores) {
    return rankingOrder(scores).stream()
        .map(slot -> GrrmPrompt.label(slot) + ": " + scores[slot])
        .collect(Collectors.joining(", "));
  }

  /** Slots by score descending, then by slot ascending. */
  static List<Integer> rankingOrder(int[] scores) {
    return IntStream.range(0, scores.length)
        .boxed()
        .sorted(Comparator.<Integer>comparingInt(s -> -scores[s]).thenComparingInt(s -> s))
        .collect(Collectors.toList());
  }

  private static String comparison(int[] scores) {
    List<Integer> order = rankingOrder(scores);
    int n = scores.length;
    if (n == 1) {
      return "With a single candidate there is nothing to compare; the score reflects its absolute quality.";
    }
    int best = scores[order.get(0)];
    int worst = scores[order.get(n - 1)];
    List<String> sentences = new ArrayList<>();
    List<Character> top = labelsWithScore(order, scores, best);
    if (best == worst) {
      sentences.add(
          "All candidates are of comparable quality, so none of them stands out from the others.");
    } else {
      sentences.add(
          top.size() == 1
              ? "Translation "
                  + top.get(0)
                  + " is the strongest candidate: it is the most accurate and reads the most naturally."
              : "Translations "
                  + joinLabels(top)
                  + " are equally strong and share the top position.");
      List<Character> bottom = labelsWithScore(order, scores, worst);
      sentences.add(
          bottom.size() == 1
              ? "Translation " + bottom.get(0) + " has the most serious problems and ranks last."
              : "Translations "
                  + joinLabels(bottom)
                  + " have the most serious problems and share the last position.");
      if (n > 2) {
        sentences.add("The remaining candidates fall in between, separated mainly by accuracy.");
      }
    }
    sentences.add("The ranking and scores below reflect these observations.");
    return String.join(" ", sentences);
  }

  private static List<Character> labelsWithScore(List<Integer> order, int[] scores, int score) {
    List<Character> labels = new ArrayList<>();
    for (int slot : order) {
      if (scores[slot] == score) {
        labels.add(GrrmPrompt.label(slot));
      }
    }
    labels.sort(Comparator.naturalOrder());
    return labels;
  }

  private static String joinLabels(List<Character> labels) {
    String head =
        labels.subList(0, labels.size() - 1).stream()
            .map(String::valueOf)
            .collect(Collectors.joining(", "));
    return head + " and " + labels.get(labels.size() - 1);
  }

  private static int band(int score) {
    if (score >= 9) {
      return 0;
    }
    if (score >= 7) {
      return 1;
    }
    if (score >= 5) {
      return 2;
    }
    return score >= 3 ? 3 : 4;
  }

  private static String pick(String[] variants, long promptHash, int slot, int aspect) {
    return variants[
        (int) Long.remainderUnsigned(GrrmJudge.mix(promptHash, slot, aspect), variants.length)];
  }

  /** One line of at most {@value #EXCERPT_CODE_POINTS} code points, white space collapsed. */
  static String excerpt(String text) {
    String flat = WHITE_SPACE.matcher(text.strip()).replaceAll(" ");
    if (flat.codePointCount(0, flat.length()) <= EXCERPT_CODE_POINTS) {
      return flat;
    }
    return flat.substring(0, flat.offsetByCodePoints(0, EXCERPT_CODE_POINTS)) + "…";
  }
}
