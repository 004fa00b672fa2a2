package dev.newsmon.processors.match;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The bounds found eight characters at a time must be those the cursor cuts one at a time. */
class TokenBoundsTest {

  @Test
  void shouldFindTheTokensTheCursorCutsOnRandomText() {
    Random random = new Random(20251125);
    TokenBounds bounds = new TokenBounds();
    int plain = 0;
    int cutByCursor = 0;
    for (int round = 0; round < 3_000; round++) {
      String text = FoldedTokensTest.randomText(random, round % 10 == 0 ? 800 : random.nextInt(40));
      assertThat(found(bounds, text)).as(text).isEqualTo(cut(text));
      for (int k = 0; k < bounds.count; k++) {
        if (bounds.ends[k] >= 0) {
          plain++;
        } else {
          cutByCursor++;
        }
      }
    }
    // both ways of finding a token were taken often
    assertThat(plain).isGreaterThan(5_000);
    assertThat(cutByCursor).isGreaterThan(20_000);
  }

  @Test
  void shouldFindTheTokensOfPlainTextOfEveryLengthAndAlignment() {
    Random random = new Random(20251126);
    TokenBounds bounds = new TokenBounds();
    String letters = "aZ09 .-\n";
    for (int length = 0; length < 200; length++) {
      for (int round = 0; round < 20; round++) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < length; i++) {
          text.append(letters.charAt(random.nextInt(letters.length())));
        }
        assertThat(found(bounds, text.toString()))
            .as(text.toString())
            .isEqualTo(cut(text.toString()));
        for (int k = 0; k < bounds.count; k++) {
          assertThat(bounds.ends[k]).as(text.toString()).isNotNegative();
        }
      }
    }
  }

  @Test
  void shouldCutTokensLongerThanTheMaximumAsTheCursorDoes() {
    TokenBounds bounds = new TokenBounds();
    for (int length = 230; length < 530; length++) {
      for (String around : List.of(" ", "ab ", "\u00E9", "'")) {
        String text = around + "x".repeat(length) + around + "tail";
        assertThat(found(bounds, text)).as("%s around %d", around, length).isEqualTo(cut(text));
      }
    }
  }

  @Test
  void shouldMarkPlainOnlyAsciiLettersAndDigitsBetweenAsciiSeparators() {
    Random random = new Random(20251127);
    TokenBounds bounds = new TokenBounds();
    for (int round = 0; round < 2_000; round++) {
      String text = FoldedTokensTest.randomText(random, random.nextInt(60));
      bounds.find(text.toCharArray(), text.length(), new TokenCursor(false));
      for (int k = 0; k < bounds.count; k++) {
        int start = bounds.starts[k];
        int end = bounds.ends[k];
        if (end < 0) {
          continue;
        }
        String token = text.substring(start, end);
        assertThat(token).as(text).matches("[A-Za-z0-9]+");
        String after = end < text.length() ? text.substring(end, end + 1) : " ";
        assertThat(after).as(text).matches("[\\x00-\\x7F&&[^'A-Za-z0-9]]");
        assertThat(bounds.key(k)).as(token).isEqualTo(PlainTokenGateTest.key(token));
      }
    }
  }

  @Test
  void shouldHandTheCursorWhatTheLatin1EncoderCannotEncode() {
    TokenBounds bounds = new TokenBounds();
    // lone surrogates are malformed, pairs and other characters above U+00FF unmappable
    for (String text :
        List.of(
            "ab\uD800cd ef",
            "\uDC00x y",
            "x\uD83D\uDE00y z",
            "\u0441\u0442 plain words \u2019s",
            "plain words then caf\u00E9 and \u00FF",
            "\u6C34".repeat(40) + " tail")) {
      assertThat(found(bounds, text)).as(text).isEqualTo(cut(text));
    }
  }

  @Test
  void shouldForgetTheTokensOfALongerTextBefore() {
    TokenBounds bounds = new TokenBounds();
    found(bounds, "word ".repeat(2_000));
    assertThat(found(bounds, "ab")).isEqualTo(List.of("0-2"));
    assertThat(found(bounds, "")).isEmpty();
    assertThat(found(bounds, "ab cd ".repeat(3_000))).isEqualTo(cut("ab cd ".repeat(3_000)));
  }

  private static List<String> found(TokenBounds bounds, String text) {
    bounds.find(text.toCharArray(), text.length(), new TokenCursor(false));
    List<String> out = new ArrayList<>();
    for (int k = 0; k < bounds.count; k++) {
      int end = bounds.ends[k];
      out.add(bounds.starts[k] + "-" + (end >= 0 ? end : ~end));
    }
    return out;
  }

  private static List<String> cut(String text) {
    TokenCursor cursor = new TokenCursor(false);
    cursor.reset(text.toCharArray(), text.length());
    List<String> out = new ArrayList<>();
    while (cursor.next()) {
      out.add(cursor.start + "-" + cursor.end);
    }
    return out;
  }
}
