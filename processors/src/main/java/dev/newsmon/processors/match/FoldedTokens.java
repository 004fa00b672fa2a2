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
    turnedAway = false;
  }

  /**
   * Cuts the token of {@code text[0, length)} that starts at {@code offset}, reading the array
   * where it is; false when none is left.
   */
  boolean tokenAt(char[] text, int length, int offset) {
    cursor.reset(text, length, offset);
    return next();
  }

  /** The characters of the string last {@link #reset}, from index 0 (the array may be longer). */
  char[] chars() {
    return text;
  }

  /** Moves to the next token; false at the end. */
  boolean next() {
    while (cursor.next()) {
      if (cursor.ascii) {
        buffer = cursor.term;
        length = cursor.termLength;
        head = cursor.head;
      } else if (!fold()) {
        continue;
      }
      start = cursor.start;
      end = cursor.end;
      return true;
    }
    return false;
  }

  /**
   * As {@link #next}, but a token whose start {@code gate} turns away is only found: {@link
   * #turnedAway} is set and only its offsets are those of the token.
   */
  boolean nextGated(StartGate gate) {
    while (cursor.nextGated(gate)) {
      if (cursor.turnedAway) {
        turnedAway = true;
      } else if (cursor.ascii) {
        turnedAway = false;
        buffer = cursor.term;
        length = cursor.termLength;
        head = cursor.head;
      } else if (fold()) {
        turnedAway = false;
      } else {
        continue;
      }
      start = cursor.start;
      end = cursor.end;
      return true;
    }
    return false;
  }

  /** Whether the token {@link #nextGated} last moved to was turned away by the gate. */
  boolean turnedAway;

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
