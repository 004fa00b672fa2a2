package dev.newsmon.processors.match;

import java.io.IOException;
import org.apache.lucene.analysis.TokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.KeywordAttribute;

/**
 * Reduces a folded token to the form terms are matched on: without a possessive {@code 's} and with
 * a regular English plural made singular by Lucene's {@link EnglishMinimalStemmer} (the Harman "S"
 * stemmer), so {@code deliveries} and {@code delivery}, {@code Ukraine's} and {@code Ukraine} meet.
 * Nothing else is stemmed: {@code halted} stays {@code halted}.
 */
public final class PluralPossessiveFilter extends TokenFilter {
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
    // most tokens do not end in s: that test alone is small enough for the JIT to inline
    return len < 3 || buf[len - 1] != 's' ? len : endingInS(buf, len);
  }

  private static int endingInS(char[] buf, int len) {
    if (buf[len - 2] == '\'') {
      len -= 2;
    }
    return singular(buf, len);
  }

  private static int singular(char[] s, int len) {
    if (len < 3 || s[len - 1] != 's') {
      return len;
    }
    char before = s[len - 2];
    if (!isLatin(before) || before == 's' || before == 'u' || before == 'i') {
      return len; // class, status, crisis; and not English
    }
    if (before == 'e') {
      char c3 = s[len - 3];
      if (c3 == 'i' && len > 4 && s[len - 4] != 'a' && s[len - 4] != 'e') {
        s[len - 3] = 'y'; // deliveries -> delivery
        return len - 2;
      }
      if (len > 4 && c3 == 's' && s[len - 4] == 's') {
        return len - 2; // classes -> class
      }
      if (c3 == 'x' || (len > 4 && c3 == 'h' && (s[len - 4] == 'c' || s[len - 4] == 's'))) {
        return len - 2; // taxes -> tax, speeches -> speech, clashes -> clash
      }
      if (c3 == 'o' && len >= 6) {
        return len - 2; // embargoes -> embargo
      }
    }
    return len - 1; // guarantees -> guarantee, talks -> talk
  }

  private static boolean isLatin(char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
  }

  /** The stem of a folded token. */
  public static String stem(String folded) {
    char[] buf = folded.toCharArray();
    return new String(buf, 0, stem(buf, buf.length));
  }
}
