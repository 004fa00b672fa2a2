package dev.newsmon.processors.match;

import java.util.List;

/**
 * The prefixes of all queries, found in a token by hashing each of its leading substrings whose
 * length some prefix has, so that only real prefixes touch the table. (A trie walk follows every
 * shared path a token starts along; with 100,000 rules most of those steps are cache misses in an
 * edge table of megabytes, while a token usually starts with no prefix at all.) A bit per
 * three-character start of the prefixes, and the {@link TermDictionary}'s own filter, stay in cache
 * and answer most questions. Immutable.
 */
final class PrefixSet {
  /** Receives each prefix found. */
  interface Hits {
    void hit(int prefixId);
  }

  private static final int CLASSES = 37;

  private final TermDictionary dictionary;

  /** Bit {@code n} set when some prefix has {@code n} characters (longer ones share bit 63). */
  private final long lengths;

  private final int minLength;
  private final int maxLength;

  /** When no prefix is shorter than 3 characters: a bit per {@code [a-z0-9]{3}} start in use. */
  private final long[] startBits;

  PrefixSet(List<String> prefixes) {
    dictionary = new TermDictionary(prefixes);
    long lengthBits = 0;
    int min = Integer.MAX_VALUE;
    int max = 0;
    for (String p : prefixes) {
      lengthBits |= 1L << Math.min(63, p.length());
      min = Math.min(min, p.length());
      max = Math.max(max, p.length());
    }
    lengths = lengthBits;
    minLength = prefixes.isEmpty() ? Integer.MAX_VALUE : min;
    maxLength = max;
    boolean gated = !prefixes.isEmpty() && min >= 3;
    startBits = gated ? new long[(CLASSES * CLASSES * CLASSES + 63) >>> 6] : null;
    if (gated) {
      for (String p : prefixes) {
        int start = start(p.charAt(0), p.charAt(1), p.charAt(2));
        if (start >= 0) {
          startBits[start >>> 6] |= 1L << start;
        }
      }
    }
  }

  /** Reports the id of every prefix of {@code buf[0, len)}, shortest first. */
  void find(char[] buf, int len, Hits hits) {
    if (len < minLength) {
      return;
    }
    if (startBits != null) {
      int start = start(buf[0], buf[1], buf[2]);
      if (start >= 0 && (startBits[start >>> 6] & (1L << start)) == 0) {
        return;
      }
    }
    int h = 0;
    int to = Math.min(len, maxLength);
    for (int i = 0; i < to; i++) {
      h = TermDictionary.step(h, buf[i]);
      int n = i + 1;
      if (n < minLength || (lengths & (1L << Math.min(63, n))) == 0) {
        continue;
      }
      int id = dictionary.get(buf, 0, n, TermDictionary.finish(h));
      if (id >= 0) {
        hits.hit(id);
      }
    }
  }

  /** The index of a start made of {@code [a-z0-9]} only, or -1. */
  private static int start(char a, char b, char c) {
    int x = charClass(a);
    int y = charClass(b);
    int z = charClass(c);
    if ((x | y | z) < 0) {
      return -1;
    }
    return (x * CLASSES + y) * CLASSES + z;
  }

  private static int charClass(char c) {
    if (c >= 'a' && c <= 'z') {
      return c - 'a' + 1;
    }
    if (c >= '0' && c <= '9') {
      return c - '0' + 27;
    }
    return -1;
  }
}
