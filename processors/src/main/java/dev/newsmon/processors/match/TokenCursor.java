package dev.newsmon.processors.match;

/**
 * Cuts a {@code char[]} into the raw (unfolded) word tokens of the query language, one at a time:
 * the cutting rules of {@link NewsTokenizer}, which wraps this cursor in a {@code TokenStream}, and
 * of {@link FoldedTokens}, the matcher's path without one. One implementation, so the two cannot
 * drift. Not thread-safe.
 */
final class TokenCursor {
  private char[] text = new char[0];
  private int length;
  private int pos;

  /** The token last cut, in {@code [0, termLength)}. */
  final char[] term = new char[NewsTokenizer.MAX_TOKEN_LENGTH + 2];

  int termLength;

  /** Offsets of the token last cut, in the text given to {@link #reset}. */
  int start;

  int end;

  /** Whether the token last cut was all ASCII (and so lower-cased, when asked for). */
  boolean ascii;

  /**
   * Of an ASCII token cut with lower-casing: its first {@value TermDictionary#MAX_PACKED}
   * characters {@link TermDictionary#pack packed}, which the dictionaries look its keys up by.
   */
  long head;

  private final boolean lowerAscii;

  /**
   * @param lowerAscii lower-case the letters of all-ASCII tokens while cutting them, which is all
   *     that {@link FoldingFilter#fold} would do to them, so that a caller can skip folding
   */
  TokenCursor(boolean lowerAscii) {
    this.lowerAscii = lowerAscii;
  }

  void reset(char[] text, int length) {
    reset(text, length, 0);
  }

  /** Cuts {@code text[0, length)} from {@code from} on. */
  void reset(char[] text, int length, int from) {
    this.text = text;
    this.length = length;
    this.pos = from;
  }

  /**
   * Cuts the next token into {@link #term}; false at the end of the text. Only the common case is
   * in the methods it calls, the rare ones in methods of their own: smaller methods measured faster
   * (though the JIT still calls them once per token rather than inlining them).
   */
  boolean next() {
    int p = nextStart();
    if (p < 0) {
      return false;
    }
    cut(p);
    return true;
  }

  /** Moves past the characters before the next token; where it starts, or -1 at the end. */
  private int nextStart() {
    char[] text = this.text;
    int length = this.length;
    int p = pos;
    while (p < length) {
      char c = text[p];
      if (c < 0x80) {
        if (NewsTokenizer.isAsciiWordChar(c)) {
          break;
        }
        p++;
      } else {
        int past = pastNonWord(p);
        if (past == p) {
          break;
        }
        p = past;
      }
    }
    if (p >= length) {
      pos = p;
      return -1;
    }
    return p;
  }

  /** Cuts the token that starts at {@code p}. */
  private void cut(int p) {
    if (lowerAscii) {
      cutLower(p);
      return;
    }
    start = p;
    int limit = Math.min(this.length, p + NewsTokenizer.MAX_TOKEN_LENGTH);
    endAt(p, copyAscii(p, limit), limit);
  }

  /** Cuts the token that starts at {@code p}, lower-casing its ASCII letters. */
  private void cutLower(int p) {
    char[] text = this.text;
    start = p;
    int q = p;
    long packed = 0;
    // most tokens are a run of ASCII letters and digits ended by an ASCII separator: copy it whole
    int limit = Math.min(this.length, p + NewsTokenizer.MAX_TOKEN_LENGTH);
    // one table read per character both tests it and lower-cases it
    char[] out = term;
    int shift = 0;
    int headLimit = Math.min(limit, p + TermDictionary.MAX_PACKED);
    while (q < headLimit) {
      char c = text[q];
      int coded = c < 0x80 ? LOWER_CODE[c] : 0;
      if (coded == 0) {
        break;
      }
      out[q - p] = (char) (coded & 0x7F);
      packed |= (long) (coded >>> 7) << shift;
      shift += 6;
      q++;
    }
    head = packed;
    if (q == headLimit && q < limit) {
      q = lowerTail(p, q, limit);
    }
    endAt(p, q, limit);
  }

  /**
   * Ends the token that starts at {@code p} and whose ASCII run stops at {@code q}, going on
   * through non-ASCII word characters and inner apostrophes if one follows.
   */
  private void endAt(int p, int q, int limit) {
    char c = q < limit ? text[q] : ' ';
    if (c >= 0x80 || c == '\'') {
      termLength = slowTail(q - p, q);
      ascii = false;
    } else {
      termLength = q - p;
      pos = q;
      ascii = true;
    }
    end = pos;
  }

  /** At {@code p}, a non-ASCII character: {@code p} when it is a word character, else past it. */
  private int pastNonWord(int p) {
    int cp = Character.codePointAt(text, p, length);
    return NewsTokenizer.isWordChar(cp) ? p : p + Character.charCount(cp);
  }

  /** Lower-cases the ASCII word characters from {@code q} on; returns where they stop. */
  private int lowerTail(int p, int q, int limit) {
    char[] text = this.text;
    char[] out = term;
    while (q < limit) {
      char c = text[q];
      char lower = c < 0x80 ? LOWER_WORD[c] : 0;
      if (lower == 0) {
        break;
      }
      out[q - p] = lower;
      q++;
    }
    return q;
  }

  /** Copies the ASCII word characters from {@code p} on as they are; returns where they stop. */
  private int copyAscii(int p, int limit) {
    char[] text = this.text;
    int q = p;
    while (q < limit) {
      char c = text[q];
      if (c >= 0x80 || !NewsTokenizer.isAsciiWordChar(c)) {
        break;
      }
      q++;
    }
    System.arraycopy(text, p, term, 0, q - p);
    return q;
  }

  /** Per ASCII character: its lower case when it is a word character, else 0. */
  private static final char[] LOWER_WORD = new char[128];

  /**
   * Per ASCII character: when it is a word character, its lower case in the low seven bits and its
   * {@link TermDictionary#code} above them; else 0.
   */
  private static final short[] LOWER_CODE = new short[128];

  static {
    for (char c = 0; c < 128; c++) {
      if (NewsTokenizer.isAsciiWordChar(c)) {
        LOWER_WORD[c] = c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
        LOWER_CODE[c] = (short) (LOWER_WORD[c] | TermDictionary.code(LOWER_WORD[c]) << 7);
      }
    }
  }

  /** Goes on cutting at {@code p}, through non-ASCII word characters and inner apostrophes. */
  private int slowTail(int outLen, int p) {
    char[] out = term;
    while (p < length && outLen < NewsTokenizer.MAX_TOKEN_LENGTH) {
      char c = text[p];
      if (c < 0x80 && NewsTokenizer.isAsciiWordChar(c)) {
        out[outLen++] = c;
        p++;
        continue;
      }
      int cp = Character.codePointAt(text, p, length);
      int count = Character.charCount(cp);
      if (NewsTokenizer.isWordChar(cp)) {
        outLen += Character.toChars(cp, out, outLen);
      } else if (NewsTokenizer.isApostrophe(cp) && p + count < length) {
        if (!NewsTokenizer.isWordChar(Character.codePointAt(text, p + count, length))) {
          break;
        }
        out[outLen++] = '\'';
      } else {
        break;
      }
      p += count;
    }
    pos = p;
    return outLen;
  }
}
