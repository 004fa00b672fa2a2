package dev.newsmon.processors.match;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.junit.jupiter.api.Test;

/**
 * The matcher's direct analysis must give exactly what the analyzer's token stream gives: the same
 * tokens, offsets and packed heads.
 */
class FoldedTokensTest {

  /** Pieces that exercise every branch of cutting and folding, drawn at random. */
  static final String[] PIECES = {
    "a",
    "Z",
    "q",
    "7",
    "the",
    "Ceasefire",
    "Zaporizhzhia",
    "MiXeD42Case",
    "abcdefgh",
    "ABCDEFGHIJ",
    "9876543210x",
    "2025",
    "30-day",
    "U.S.",
    " ",
    "  ",
    "\n",
    "\n\n",
    "\t",
    ",",
    ".",
    "-",
    "/",
    "'",
    "\u2019",
    "\u2018",
    "\u02BC",
    "\uFF07",
    "'s",
    "\u2019s",
    "e\u0301",
    "\u0301",
    "caf\u00E9",
    "\u00C9LYS\u00C9E",
    "stra\u00DFe",
    "\uFB01re",
    "\uFF21\uFF22",
    "\u0418",
    "\u043F\u0435\u0440\u0435\u043C\u0438\u0440\u2019\u044F",
    "\u6C34",
    "\uD83D\uDE00",
    "\uD835\uDC00",
    "\u00BD",
    "\u2460",
    "x\u20DD",
    "\u0663",
    "\"",
    "\u201C",
    "(",
    ")",
    "\u2026"
  };

  @Test
  void shouldGiveTheAnalyzersTokensAndOffsetsOnRandomText() throws IOException {
    Random random = new Random(20251122);
    FoldedTokens direct = new FoldedTokens();
    for (int round = 0; round < 3_000; round++) {
      assertSame(direct, randomText(random, random.nextInt(40)));
    }
  }

  @Test
  void shouldGiveTheAnalyzersTokensOnLongTextsAfterShortOnesAndBack() throws IOException {
    // the direct path reuses its buffers from text to text: a short text after a long one must see
    // nothing of the long one
    Random random = new Random(20251123);
    FoldedTokens direct = new FoldedTokens();
    for (int round = 0; round < 300; round++) {
      int pieces = round % 2 == 0 ? 500 + random.nextInt(3_000) : random.nextInt(10);
      assertSame(direct, randomText(random, pieces));
    }
  }

  @Test
  void shouldCutLongRunsAtTheMaximumTokenLengthAsTheAnalyzerDoes() throws IOException {
    FoldedTokens direct = new FoldedTokens();
    assertSame(direct, "x".repeat(600) + " tail");
    assertSame(direct, "\u0418".repeat(300) + "'s");
    assertSame(direct, "a".repeat(254) + "\uD83D\uDE00" + "b".repeat(10));
    assertSame(direct, "w".repeat(254) + "\u00E9\u00E9\u00E9");
    assertSame(direct, "y".repeat(255) + " " + "z".repeat(256) + " 0123456789abcdef");
    assertSame(direct, "");
    assertSame(direct, "   \n ");
  }

  @Test
  void shouldCutEachOfTheBoundsAsNextCutsIt() {
    Random random = new Random(20251124);
    FoldedTokens direct = new FoldedTokens();
    int tokens = 0;
    for (int round = 0; round < 2_000; round++) {
      String text = randomText(random, round % 10 == 0 ? 500 : random.nextInt(40));
      List<String> cut = read(direct, text);
      assertThat(readBounds(direct, text)).as(text).isEqualTo(cut);
      tokens += cut.size();
    }
    assertThat(tokens).isGreaterThan(20_000);
    assertThat(readBounds(direct, "x".repeat(600) + " tail"))
        .isEqualTo(read(direct, "x".repeat(600) + " tail"));
  }

  @Test
  void shouldTellWhenTheDirectPathDiffers() throws IOException {
    // the comparison itself must be able to fail: a different string gives different tokens
    assertThat(direct("Ceasefire talks")).isNotEqualTo(analyzed("Cease-fire talks"));
  }

  static String randomText(Random random, int pieces) {
    StringBuilder text = new StringBuilder();
    for (int k = 0; k < pieces; k++) {
      text.append(PIECES[random.nextInt(PIECES.length)]);
    }
    return text.toString();
  }

  private static void assertSame(FoldedTokens direct, String text) throws IOException {
    assertThat(read(direct, text)).as("tokens of %s", text).isEqualTo(analyzed(text));
  }

  private static List<String> direct(String text) {
    return read(new FoldedTokens(), text);
  }

  private static List<String> read(FoldedTokens direct, String text) {
    List<String> out = new ArrayList<>();
    direct.reset(text);
    while (direct.next()) {
      String term = new String(direct.buffer, 0, direct.length);
      out.add(term + "@" + direct.start + "-" + direct.end + " " + Long.toHexString(direct.head));
    }
    return out;
  }

  /** As {@link #read}, but through {@link FoldedTokens#bounds} and {@link FoldedTokens#cutAt}. */
  private static List<String> readBounds(FoldedTokens direct, String text) {
    List<String> out = new ArrayList<>();
    direct.reset(text);
    TokenBounds bounds = direct.bounds();
    for (int k = 0; k < bounds.count; k++) {
      if (direct.cutAt(bounds.starts[k])) {
        String term = new String(direct.buffer, 0, direct.length);
        out.add(term + "@" + direct.start + "-" + direct.end + " " + Long.toHexString(direct.head));
      }
    }
    return out;
  }

  private static List<String> analyzed(String text) throws IOException {
    List<String> out = new ArrayList<>();
    try (TokenStream ts = NewsAnalyzer.folding().tokenStream("body", text)) {
      CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
      OffsetAttribute offset = ts.addAttribute(OffsetAttribute.class);
      ts.reset();
      while (ts.incrementToken()) {
        long head = TermDictionary.packHead(term.buffer(), 0, term.length());
        out.add(
            term
                + "@"
                + offset.startOffset()
                + "-"
                + offset.endOffset()
                + " "
                + Long.toHexString(head));
      }
      ts.end();
    }
    return out;
  }
}
