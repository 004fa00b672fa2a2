package dev.newsmon.processors.match;

import java.util.List;

/**
 * Says from a token's start whether it can be a term (once stemmed) or start with a prefix. In: the
 * terms and prefixes of a watchlist; per token, either the first four bytes of a plain one (ASCII
 * letters and digits only, found but not yet cut: {@link #mayStart}) or the {@link
 * TermDictionary#packHead packed head} of a folded one ({@link #mayMatch}); out: false when no term
 * or prefix can match it. With a small watchlist most tokens fail here, and so are neither cut nor
 * stemmed, hashed and looked up. Immutable.
 */
final class StartGate {
  /** Codes a packed character can have, 0 (none: the head ended before it) included. */
  private static final int CODES = 38;

  private static final int Y = TermDictionary.code('y');
  private static final int I = TermDictionary.code('i');

  /** A bit per start of three codes. */
  private final long[] starts = new long[(CODES * CODES * CODES + 63) >>> 6];

  /** Bits of {@link #hash}: the table of {@link #mayStart} holds 64K bits, 8 KiB. */
  private static final int KEY_BITS = 16;

  /** A bit per hash of the first four characters of a plain token that a key can match. */
  private final long[] keys = new long[1 << (KEY_BITS - 6)];

  /**
   * @param terms stems, as the {@link TermDictionary} holds them
   * @param prefixes folded prefixes, as the {@link PrefixSet} holds them
   */
  StartGate(List<String> terms, List<String> prefixes) {
    for (String term : terms) {
      int start = allow(term);
      // stemming keeps a token's first three characters except in one case: "spies" -> "spy"
      if (term.length() == 3 && (start >>> 12) == Y) {
        allowStart(start & 0xFFF | I << 12);
      }
    }
    prefixes.forEach(this::allow);
    for (String term : terms) {
      // the plain tokens whose stem it is: stemming only takes "s" or "es" off, or "ies" for "y"
      allowKey(term);
      allowKey(term + "s");
      allowKey(term + "es");
      if (term.length() >= 3 && term.endsWith("y")) {
        allowKey(term.substring(0, term.length() - 1) + "ies");
      }
    }
    prefixes.forEach(this::allowStartsWith);
  }

  /** Allows the plain tokens that start with {@code start}, at most four characters. */
  private void allowStartsWith(String start) {
    allowKey(start);
    if (start.length() < 4) {
      for (char c = '0'; c <= 'z'; c++) {
        if (NewsTokenizer.isAsciiWordChar(c) && !Character.isUpperCase(c)) {
          allowStartsWith(start + c);
        }
      }
    }
  }

  /**
   * Allows the plain tokens whose first four characters are those of {@code token}; nothing when
   * one of them is not a lower-case ASCII letter or digit, as no plain token can have it.
   */
  private void allowKey(String token) {
    long key = 0;
    for (int i = 0; i < Math.min(4, token.length()); i++) {
      char c = token.charAt(i);
      if (c >= 0x80 || !NewsTokenizer.isAsciiWordChar(c) || Character.isUpperCase(c)) {
        return;
      }
      key |= (long) c << (8 * i);
    }
    int bit = hash(key);
    keys[bit >>> 6] |= 1L << bit;
  }

  private static int hash(long key) {
    return (int) ((key * 0x9E3779B97F4A7C15L) >>> (64 - KEY_BITS));
  }

  /**
   * False when no key can match a plain token (ASCII letters and digits only) whose first four
   * characters, lower-cased, are the bytes of {@code key} from the lowest, zero after the token's
   * end. A hashed table: true for a few tokens no key matches.
   */
  boolean mayStart(long key) {
    int bit = hash(key);
    return (keys[bit >>> 6] & (1L << bit)) != 0;
  }

  /**
   * Allows the starts of the tokens that begin with {@code key}, or are {@code key} with a suffix;
   * returns its start.
   */
  private int allow(String key) {
    int n = Math.min(3, key.length());
    int start = (int) TermDictionary.packHead(key.toCharArray(), 0, n);
    int packed = TermDictionary.packedLength(start);
    if (packed < n || n == 3) {
      // a token whose head ends where the key's does, or has the key's three, starts the same
      allowStart(start);
    } else {
      // a key of one or two characters: any token that goes on from it
      for (int second = 0; second < (n == 1 ? CODES : 1); second++) {
        for (int third = 0; third < CODES; third++) {
          int rest = n == 1 ? second << 6 | third << 12 : third << 12;
          allowStart(start | rest);
        }
      }
    }
    return start;
  }

  private void allowStart(int start) {
    int bit = index(start);
    starts[bit >>> 6] |= 1L << bit;
  }

  private static int index(int start) {
    return ((start & 63) * CODES + (start >>> 6 & 63)) * CODES + (start >>> 12 & 63);
  }

  /** False when no key can match a token whose packed head is {@code head}. */
  boolean mayMatch(long head) {
    int bit = index((int) head);
    return (starts[bit >>> 6] & (1L << bit)) != 0;
  }
}
