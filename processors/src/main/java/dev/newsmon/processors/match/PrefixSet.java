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

  /**
   * Adds to {@code batch} each leading substring of {@code buf[0, len)}, the folded token {@code
   * token}, that may be a prefix (its length is some prefix's, and the start gate and the filter
   * let it through), shortest first; {@link #resolve} then says which are.
   */
  void probe(char[] buf, int len, int token, LookupBatch batch) {
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
    long packed = 0;
    boolean packable = true;
    int to = Math.min(len, maxLength);
    int at = -1;
    for (int i = 0; i < to; i++) {
      char c = buf[i];
      h = TermDictionary.step(h, c);
      if (packable) {
        int code = TermDictionary.code(c);
        packable = code != 0 && i < TermDictionary.MAX_PACKED;
        packed |= (long) code << (6 * i);
      }
      int n = i + 1;
      if (n < minLength || (lengths & (1L << Math.min(63, n))) == 0) {
        continue;
      }
      int hash = packable ? TermDictionary.hashPacked(packed) : TermDictionary.finish(h);
      if (dictionary.mayContain(hash)) {
        if (packable) {
          batch.add(token, packed, hash);
        } else {
          if (at < 0) {
            at = batch.addChars(buf, to);
          }
          batch.add(token, at, n, hash);
        }
      }
    }
  }

  /** Sets the id of every probe in {@code batch} to its prefix's, or -1. */
  void resolve(LookupBatch batch) {
    dictionary.resolve(batch);
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
