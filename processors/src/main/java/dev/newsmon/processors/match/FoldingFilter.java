package dev.newsmon.processors.match;

import java.io.IOException;
import org.apache.lucene.analysis.TokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.icu.ICUFoldingFilter;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/**
 * Folds each token as {@link ICUFoldingFilter} does (NFKC, case folding, diacritics removed), with
 * a fast path for the ASCII tokens that make up most English text, where folding is lower-casing.
 */
public final class FoldingFilter extends TokenFilter {
  private final CharTermAttribute termAtt = addAttribute(CharTermAttribute.class);
  private final StringBuilder folded = new StringBuilder();

  public FoldingFilter(TokenStream input) {
    super(input);
  }

  @Override
  public boolean incrementToken() throws IOException {
    while (input.incrementToken()) {
      if (fold(termAtt, folded)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Folds {@code term} in place, using {@code scratch} for non-ASCII tokens; false when nothing is
   * left of it (a lone combining mark).
   */
  static boolean fold(CharTermAttribute term, StringBuilder scratch) {
    char[] buf = term.buffer();
    int len = term.length();
    for (int i = 0; i < len; i++) {
      char c = buf[i];
      if (c >= 0x80) {
        scratch.setLength(0);
        ICUFoldingFilter.NORMALIZER.normalize(term, scratch);
        term.setEmpty().append(scratch);
        return term.length() > 0;
      }
      if (c >= 'A' && c <= 'Z') {
        buf[i] = (char) (c + ('a' - 'A'));
      }
    }
    return true;
  }
}
