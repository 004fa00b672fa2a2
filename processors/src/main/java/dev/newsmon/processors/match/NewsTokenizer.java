package dev.newsmon.processors.match;

import java.io.IOException;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;

/**
 * Cuts text into the word tokens of the query language: runs of letters, digits and combining marks
 * in any script. Every other character separates tokens ({@code 30-day} is {@code 30 day}, {@code
 * U.S.} is {@code u s}, {@code 3.5} is {@code 3 5}), except an apostrophe (straight, curly or
 * modifier letter) between two word characters, which stays in the token as a straight {@code '} so
 * that {@code nation’s} is one token, {@code nation's}.
 *
 * <p>The whole input is read into a buffer at {@link #reset()}: articles are capped in size, and a
 * one-character look-ahead across reads is not worth its complexity.
 */
public final class NewsTokenizer extends Tokenizer {

  /** Longer runs are cut into tokens of this many chars, as Lucene's tokenizers do. */
  public static final int MAX_TOKEN_LENGTH = 255;

  private final CharTermAttribute termAtt = addAttribute(CharTermAttribute.class);
  private final OffsetAttribute offsetAtt = addAttribute(OffsetAttribute.class);

  private final TokenCursor cursor = new TokenCursor(false);
  private char[] text = new char[1024];
  private int length;

  @Override
  public void reset() throws IOException {
    super.reset();
    length = 0;
    int n;
    while ((n = input.read(text, length, text.length - length)) != -1) {
      length += n;
      if (length == text.length) {
        char[] grown = new char[text.length * 2];
        System.arraycopy(text, 0, grown, 0, length);
        text = grown;
      }
    }
    cursor.reset(text, length);
  }

  @Override
  public boolean incrementToken() {
    clearAttributes();
    if (!cursor.next()) {
      return false;
    }
    termAtt.copyBuffer(cursor.term, 0, cursor.termLength);
    offsetAtt.setOffset(correctOffset(cursor.start), correctOffset(cursor.end));
    return true;
  }

  @Override
  public void end() throws IOException {
    super.end();
    int finalOffset = correctOffset(length);
    offsetAtt.setOffset(finalOffset, finalOffset);
  }

  private static final boolean[] ASCII_WORD = new boolean[128];

  static {
    for (char c = '0'; c <= '9'; c++) {
      ASCII_WORD[c] = true;
    }
    for (char c = 'a'; c <= 'z'; c++) {
      ASCII_WORD[c] = true;
      ASCII_WORD[Character.toUpperCase(c)] = true;
    }
  }

  /** For {@code c < 0x80}: a table lookup, as branches on character ranges mispredict. */
  static boolean isAsciiWordChar(char c) {
    return ASCII_WORD[c];
  }

  /** Letters and digits of any script, and the combining marks that decorate them. */
  static boolean isWordChar(int cp) {
    if (cp < 0x80) {
      return isAsciiWordChar((char) cp);
    }
    if (Character.isLetterOrDigit(cp)) {
      return true;
    }
    int type = Character.getType(cp);
    return type == Character.NON_SPACING_MARK
        || type == Character.COMBINING_SPACING_MARK
        || type == Character.ENCLOSING_MARK;
  }

  /** Straight, curly and modifier-letter apostrophes, and the left quote some sites use for one. */
  static boolean isApostrophe(int cp) {
    return cp == '\'' || cp == '\u2019' || cp == '\u2018' || cp == '\u02BC' || cp == '\uFF07';
  }
}
