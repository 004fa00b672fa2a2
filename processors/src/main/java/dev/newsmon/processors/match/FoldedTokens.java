package dev.newsmon.processors.match;

import org.apache.lucene.analysis.tokenattributes.CharTermAttributeImpl;

/**
 * The tokens {@link NewsAnalyzer#folding()} gives for a string, with their offsets, read without
 * the {@code TokenStream} machinery (no attribute clearing, no filter chain, no reader): the
 * matcher analyses every article this way. It calls the same {@link TokenCursor} and {@link
 * FoldingFilter#fold} as the analyzer, and a test holds the two paths equal. Not thread-safe.
 */
final class FoldedTokens {
  private final TokenCursor cursor = new TokenCursor(true);
  private final StringBuilder foldScratch = new StringBuilder();
  private char[] text = new char[8192];

  private int textLength;

  private final TokenBounds bounds = new TokenBounds();

  /** Where non-ASCII tokens are folded. */
  private final CharTermAttributeImpl folded = new CharTermAttributeImpl();

  /** The current token, folded, in {@code buffer[0, length)}. */
  char[] buffer;

  int length;

  /** The current token's offsets in the string. */
  int start;

  int end;

  /**
   * The current token's first {@value TermDictionary#MAX_PACKED} characters (fewer when one before
   * them has no code) {@link TermDictionary#packHead packed}.
   */
  long head;

  void reset(String s) {
    int n = s.length();
    if (text.length < n) {
      text = new char[Math.max(n, text.length * 2)];
    }
    s.getChars(0, n, text, 0);
    cursor.reset(text, n);
    textLength = n;
  }

  /**
   * The bounds of every token of the string last {@link #reset}, before folding: a token that folds
   * to nothing is among them. {@link #cutAt} cuts one.
   */
  TokenBounds bounds() {
    bounds.find(text, textLength, cursor);
    return bounds;
  }

  /**
   * Moves to the token that starts at {@code offset} of the string last {@link #reset}, as {@link
   * #next} would; false when it folds to nothing.
   */
  boolean cutAt(int offset) {
    return cutAt(text, textLength, offset);
  }

  /**
   * As {@link #cutAt(int)}, for the token of {@code text[0, length)} that starts at {@code offset},
   * reading the array where it is.
   */
  boolean cutAt(char[] text, int length, int offset) {
    cursor.reset(text, length, offset);
    cursor.next();
    return take();
  }

  /** The characters of the string last {@link #reset}, from index 0 (the array may be longer). */
  char[] chars() {
    return text;
  }

  /** Moves to the next token; false at the end. */
  boolean next() {
    while (cursor.next()) {
      if (take()) {
        return true;
      }
    }
    return false;
  }

  /** Makes the cursor's token the current one, folded; false when nothing is left of it. */
  private boolean take() {
    if (cursor.ascii) {
      buffer = cursor.term;
      length = cursor.termLength;
      head = cursor.head;
    } else if (!fold()) {
      return false;
    }
    start = cursor.start;
    end = cursor.end;
    return true;
  }

  /** Folds the cursor's non-ASCII token into the current one; false when nothing is left of it. */
  private boolean fold() {
    folded.copyBuffer(cursor.term, 0, cursor.termLength);
    if (!FoldingFilter.fold(folded, foldScratch)) {
      return false;
    }
    buffer = folded.buffer();
    length = folded.length();
    head = TermDictionary.packHead(buffer, 0, length);
    return true;
  }
}
