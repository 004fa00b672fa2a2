package dev.newsmon.processors.match;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/**
 * The one analysis chain for queries and text: {@link NewsTokenizer}, then {@link FoldingFilter},
 * and, for {@link #stemming()}, {@link PluralPossessiveFilter}. Prefixes match the folded tokens;
 * terms and phrases match the stemmed ones. Thread-safe, like every Lucene analyzer.
 */
public final class NewsAnalyzer extends Analyzer {
  private static final NewsAnalyzer FOLDING = new NewsAnalyzer(false);
  private static final NewsAnalyzer STEMMING = new NewsAnalyzer(true);

  private final boolean stem;

  private NewsAnalyzer(boolean stem) {
    this.stem = stem;
  }

  /** Tokens folded but not stemmed: what prefixes are matched against. */
  public static NewsAnalyzer folding() {
    return FOLDING;
  }

  /** Tokens folded and stemmed: what terms and phrases are matched against. */
  public static NewsAnalyzer stemming() {
    return STEMMING;
  }

  @Override
  protected TokenStreamComponents createComponents(String fieldName) {
    NewsTokenizer tokenizer = new NewsTokenizer();
    TokenStream stream = new FoldingFilter(tokenizer);
    if (stem) {
      stream = new PluralPossessiveFilter(stream);
    }
    return new TokenStreamComponents(tokenizer, stream);
  }

  /** The folded (unstemmed) tokens of {@code text}. */
  public static List<String> foldedTokens(String text) {
    if (isPlainAsciiWord(text)) {
      // what the chain would give, without a token stream: compiling 100,000 rules is words
      return List.of(text.toLowerCase(java.util.Locale.ROOT));
    }
    List<String> tokens = new ArrayList<>();
    try (TokenStream ts = FOLDING.tokenStream("query", text)) {
      CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
      ts.reset();
      while (ts.incrementToken()) {
        tokens.add(term.toString());
      }
      ts.end();
    } catch (IOException e) {
      throw new UncheckedIOException("reading a string cannot fail", e);
    }
    return tokens;
  }

  private static boolean isPlainAsciiWord(String text) {
    if (text.isEmpty() || text.length() > NewsTokenizer.MAX_TOKEN_LENGTH) {
      return false;
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c >= 0x80 || !NewsTokenizer.isWordChar(c)) {
        return false;
      }
    }
    return true;
  }
}
