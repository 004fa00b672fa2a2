package dev.newsmon.processors.match;

import java.io.IOException;
import org.apache.lucene.analysis.TokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.en.EnglishMinimalStemmer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.KeywordAttribute;

/**
 * Reduces a folded token to the form terms are matched on: without a possessive {@code 's} and with
 * a regular English plural made singular by Lucene's {@link EnglishMinimalStemmer} (the Harman "S"
 * stemmer), so {@code deliveries} and {@code delivery}, {@code Ukraine's} and {@code Ukraine} meet.
 * Nothing else is stemmed: {@code halted} stays {@code halted}.
 */
public final class PluralPossessiveFilter extends TokenFilter {
  private static final EnglishMinimalStemmer STEMMER = new EnglishMinimalStemmer();

  private final CharTermAttribute termAtt = addAttribute(CharTermAttribute.class);
  private final KeywordAttribute keywordAtt = addAttribute(KeywordAttribute.class);

  public PluralPossessiveFilter(TokenStream input) {
    super(input);
  }

  @Override
  public boolean incrementToken() throws IOException {
    if (!input.incrementToken()) {
      return false;
    }
    if (!keywordAtt.isKeyword()) {
      termAtt.setLength(stem(termAtt.buffer(), termAtt.length()));
    }
    return true;
  }

  /**
   * Stems a folded token in place.
   *
   * @return the new length
   */
  public static int stem(char[] buf, int len) {
    if (len > 2 && buf[len - 2] == '\'' && buf[len - 1] == 's') {
      len -= 2;
    }
    return STEMMER.stem(buf, len);
  }

  /** The stem of a folded token. */
  public static String stem(String folded) {
    char[] buf = folded.toCharArray();
    return new String(buf, 0, stem(buf, buf.length));
  }
}
