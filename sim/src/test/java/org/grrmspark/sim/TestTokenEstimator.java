package org.grrmspark.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class TestTokenEstimator {

  @Test
  void countsCjkPerCharacterAndOtherTextPerFourCharacters() {
    assertEquals(0, TokenEstimator.count(""));
    assertEquals(1, TokenEstimator.count("abcd"));
    assertEquals(2, TokenEstimator.count("abcde"));
    assertEquals(7, TokenEstimator.count("I have a frog in my throat."), "27 characters");
    assertEquals(7, TokenEstimator.count("我嗓子有点哑。"), "6 Han characters plus one full stop");
    assertEquals(5, TokenEstimator.count("ひらカタ한"), "kana and hangul count one each");
  }

  @Test
  void prefixIsTheLongestPrefixWithinTheBudget() {
    assertEquals("abcdefgh", TokenEstimator.prefix("abcdefghij", 2));
    assertEquals("我嗓", TokenEstimator.prefix("我嗓子", 2));
    assertEquals("", TokenEstimator.prefix("我嗓子", 0));
    assertEquals("abc", TokenEstimator.prefix("abc", 50));
    String text = "Let me analyze the translations step by step. 我嗓子有点哑。";
    for (int budget = 0; budget <= TokenEstimator.count(text); budget++) {
      assertEquals(
          budget, TokenEstimator.count(TokenEstimator.prefix(text, budget)), "budget " + budget);
    }
  }
}
