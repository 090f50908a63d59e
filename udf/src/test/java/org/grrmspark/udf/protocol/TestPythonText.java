package org.grrmspark.udf.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The Python semantics upstream's parser depends on (docs/protocol.md §5). */
class TestPythonText {

  @Test
  void intAcceptsWhatPythonIntAccepts() {
    assertEquals(8, PythonText.parseInt("8"));
    assertEquals(8, PythonText.parseInt(" 8\t"));
    assertEquals(8, PythonText.parseInt("+8"));
    assertEquals(-1, PythonText.parseInt("-1"));
    assertEquals(8, PythonText.parseInt("08"));
    assertEquals(10, PythonText.parseInt("1_0"));
    assertEquals(8, PythonText.parseInt("\uFF18")); // full-width 8
    assertEquals(3, PythonText.parseInt("\u0663")); // Arabic-Indic 3
    assertEquals(7, PythonText.parseInt("\u00A07\u3000")); // no-break and ideographic spaces
    assertEquals(Integer.MAX_VALUE, PythonText.parseInt("2147483647"));
    assertEquals(Integer.MIN_VALUE, PythonText.parseInt("-2147483648"));
  }

  @Test
  void intRejectsWhatPythonIntRejects() {
    for (String bad :
        new String[] {
          "", " ", "8.5", "8/10", "+", "-", "+ 8", "8 0", "_1", "1_", "1__0", "8.", "3,", "\u00B2",
          "0x8", "eight"
        }) {
      assertEquals(null, PythonText.parseInt(bad), "'" + bad + "'");
    }
  }

  @Test
  void intBeyondJavaRangeIsRejected() {
    // Deviation from Python, documented on PythonText.parseInt.
    assertEquals(null, PythonText.parseInt("2147483648"));
    assertEquals(null, PythonText.parseInt("99999999999999999999"));
  }

  @Test
  void whitespaceIsPythons() {
    assertEquals(true, PythonText.isSpace('\u00A0'));
    assertEquals(true, PythonText.isSpace('\u0085'));
    assertEquals(true, PythonText.isSpace('\u001C'));
    assertEquals(true, PythonText.isSpace('\u3000'));
    assertEquals(true, PythonText.isSpace('\u202F'));
    assertEquals(true, PythonText.isSpace('\u000B'));
    assertEquals(false, PythonText.isSpace('\u200B'));
    assertEquals(false, PythonText.isSpace('\uFEFF'));
    assertEquals(false, PythonText.isSpace('\u0008'));
    assertEquals(false, PythonText.isSpace('x'));
    assertEquals("a b", PythonText.strip("\u00A0\n a b\u2003\r"));
    assertEquals("\u200Ba", PythonText.strip("\u200Ba "));
  }
}
