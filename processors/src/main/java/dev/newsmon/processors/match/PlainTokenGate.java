package dev.newsmon.processors.match;

import java.util.List;

/**
 * Says from a plain token's first four characters (a token of ASCII letters and digits only, found
 * by {@link TokenBounds} but not yet cut) whether it can be a term (once stemmed) or start with a
 * prefix. In: the terms and prefixes of a watchlist; per token, its {@link TokenBounds#key key};
 * out: false when no term or prefix can match it. A hashed table of 8 KiB: it says yes to a few
 * tokens no key matches, which {@link StartGate} then asks again once they are cut. Immutable.
 */
final class PlainTokenGate {
  /** Bits of {@link #hash}: the table holds 64K bits. */
  private static final int KEY_BITS = 16;

  /** A bit per hash of the first four characters of a plain token that a key can match. */
  private final long[] keys = new long[1 << (KEY_BITS - 6)];

  /**
   * @param terms stems, as the {@link TermDictionary} holds them
   * @param prefixes folded prefixes, as the {@link PrefixSet} holds them
   */
  PlainTokenGate(List<String> terms, List<String> prefixes) {
    for (String term : terms) {
      allowKey(term);
      // the plain tokens whose stem it is: stemming only takes "s" or "es" off, or "ies" for "y".
      // From five characters on they all start with the term's first four
      if (term.length() < 5) {
        allowKey(term + "s");
        allowKey(term + "es");
        if (term.length() >= 3 && term.endsWith("y")) {
          allowKey(term.substring(0, term.length() - 1) + "ies");
        }
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
   * False when no key can match a plain token whose first four characters, lower-cased, are the
   * bytes of {@code key} from the lowest, zero after the token's end.
   */
  boolean mayStart(long key) {
    int bit = hash(key);
    return (keys[bit >>> 6] & (1L << bit)) != 0;
  }
}
