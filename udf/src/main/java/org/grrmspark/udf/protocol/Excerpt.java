package org.grrmspark.udf.protocol;

/** The start of a piece of an answer, for a parse's {@code detail}. */
final class Excerpt {
  static final int CHARS = 40;

  private Excerpt() {}

  static String of(String s) {
    if (s.length() <= CHARS) {
      return s;
    }
    int end = CHARS;
    if (Character.isHighSurrogate(s.charAt(end - 1))) {
      end--; // never split a surrogate pair
    }
    return s.substring(0, end) + "...";
  }
}
