package dev.newsmon.processors.match;

import java.util.List;

/**
 * Says from a folded token's first three characters whether it can be a term (once stemmed) or
 * start with a prefix. In: the terms and prefixes of a watchlist; per token, its {@link
 * TermDictionary#packHead packed head}; out: false when no term or prefix can match it. With a
 * small watchlist most tokens fail here, and so skip stemming, hashing and both look-ups. (A plain
 * token is asked before it is cut, by {@link PlainTokenGate}.) Immutable.
 */
final class StartGate {
  /** Codes a packed character can have, 0 (none: the head ended before it) included. */
  private static final int CODES = 38;

  private static final int Y = TermDictionary.code('y');
  private static final int I = TermDictionary.code('i');

  /** A bit per start of three codes. */
  private final long[] starts = new long[(CODES * CODES * CODES + 63) >>> 6];

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
