package dev.newsmon.processors.match;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SentenceSplitterTest {

  /** Pieces that reach every rule of the splitter, drawn at random into texts. */
  private static final String[] PIECES = {
    "Talks",
    "resumed",
    "in",
    "Riyadh",
    "the",
    "envoy",
    "said",
    "Mr.",
    "Gen.",
    "U.S.",
    "a.m.",
    "J.",
    "2.",
    "14",
    "e.g.",
    ".",
    ". ",
    "! ",
    "? ",
    "\u2026 ",
    "...",
    ".\" ",
    ".\u201D ",
    ".) ",
    "\"",
    "'",
    " ",
    " ",
    " ",
    "\n",
    "\n\n",
    "\n \n",
    "\r\n\r\n",
    "\n\n\n",
    "\t",
    "kyiv",
    "Kyiv",
    "\u00C9lys\u00E9e",
    "\u00E9t\u00E9",
    "nation's",
    "U.S.'s",
    "o\u2019clock",
    "\u2018Yes.\u2019",
    "\u043F\u0435\u0440\u0435\u043C\u0438\u0440'\u044F.",
    "e\u0301t\u00E9",
    "\u0301",
    ","
  };

  @Test
  void shouldCutAsOnTheWholeTextWhenLookingOnlyBetweenTokens() {
    Random random = new Random(7);
    int words = 0;
    for (int round = 0; round < 5_000; round++) {
      String s = randomText(random);
      FoldedTokens tokens = new FoldedTokens();
      tokens.reset(s);
      int[] start = new int[s.length() + 1];
      int[] end = new int[s.length() + 1];
      int n = 0;
      while (tokens.next()) {
        start[n] = tokens.start;
        end[n++] = tokens.end;
      }
      words += n;
      assertThat(ranges(SentenceSplitter.bounds(tokens.chars(), 0, s.length(), start, end, 0, n)))
          .as("sentences of %s", s)
          .isEqualTo(whole(s));
    }
    assertThat(words).isGreaterThan(50_000);
  }

  @Test
  void shouldSplitEachParagraphAloneAsWithinTheWholeText() {
    Random random = new Random(7);
    for (int round = 0; round < 5_000; round++) {
      String s = randomText(random);
      assertThat(byParagraph(s)).as("sentences of %s", s).isEqualTo(whole(s));
    }
  }

  @Test
  void shouldCutParagraphsAtBlankLinesOnly() {
    String text = "First one. Still first\nline two.\n\n  Second here.\n \nThird.";
    int[] cuts = SentenceSplitter.paragraphs(text);
    assertThat(cuts).containsExactly(0, text.indexOf("\n\n"), text.indexOf("\n \n"));
    assertThat(SentenceSplitter.sentences(text))
        .containsExactly("First one.", "Still first\nline two.", "Second here.", "Third.");
  }

  @Test
  void shouldKeepAbbreviationsAndInitialsInsideASentence() {
    assertThat(
            SentenceSplitter.sentences(
                "Mr. Rubio met J. Smith at 9 a.m. in the U.S. capital. Then he left."))
        .containsExactly("Mr. Rubio met J. Smith at 9 a.m. in the U.S. capital.", "Then he left.");
  }

  /** Up to 60 pieces drawn at random, some glued together, some apart. */
  private static String randomText(Random random) {
    StringBuilder text = new StringBuilder();
    int pieces = random.nextInt(60);
    for (int k = 0; k < pieces; k++) {
      if (k > 0 && random.nextBoolean()) {
        text.append(' ');
      }
      text.append(PIECES[random.nextInt(PIECES.length)]);
    }
    return text.toString();
  }

  private static List<String> whole(String text) {
    return ranges(SentenceSplitter.bounds(text));
  }

  private static List<String> byParagraph(String text) {
    int[] cuts = SentenceSplitter.paragraphs(text);
    List<String> out = new ArrayList<>();
    for (int k = 0; k < cuts.length; k++) {
      int to = k + 1 < cuts.length ? cuts[k + 1] : text.length();
      out.addAll(ranges(SentenceSplitter.bounds(text, cuts[k], to)));
    }
    return out;
  }

  private static List<String> ranges(int[] bounds) {
    List<String> out = new ArrayList<>();
    for (int k = 0; k < bounds.length; k += 2) {
      out.add(Arrays.toString(new int[] {bounds[k], bounds[k + 1]}));
    }
    return out;
  }
}
