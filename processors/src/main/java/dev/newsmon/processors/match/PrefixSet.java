package dev.newsmon.processors.match;

import java.util.Arrays;
import java.util.List;

/**
 * The prefixes of all queries, found in a token by hashing each of its leading substrings whose
 * length some prefix has, so that only real prefixes touch the table. (A trie walk follows every
 * shared path a token starts along; with 100,000 rules most of those steps are cache misses in an
 * edge table of megabytes, while a token usually starts with no prefix at all.) Two small filters
 * stay in cache and answer most questions: a bit per three-character start of the prefixes, and a
 * bit per prefix hash. Immutable.
 */
final class PrefixSet {
  /** Receives each prefix found. */
  interface Hits {
    void hit(int prefixId);
  }

  private static final int CLASSES = 37;

  private final long[] slots;
  private final int mask;
  private final char[][] keys;
  private final long[] filter;
  private final int filterShift;

  /** Bit {@code n} set when some prefix has {@code n} characters (longer ones share bit 63). */
  private final long lengths;

  private final int minLength;
  private final int maxLength;

  /** When no prefix is shorter than 3 characters: a bit per {@code [a-z0-9]{3}} start in use. */
  private final long[] startBits;

  PrefixSet(List<String> prefixes) {
    int capacity = Integer.highestOneBit(Math.max(4, prefixes.size() * 2 - 1)) << 1;
    slots = new long[capacity];
    Arrays.fill(slots, -1L);
    mask = capacity - 1;
    keys = new char[prefixes.size()][];
    int filterBits =
        Integer.numberOfTrailingZeros(
            Integer.highestOneBit(Math.max(1024, prefixes.size() * 32 - 1)) << 1);
    filter = new long[1 << (filterBits - 6)];
    filterShift = 32 - filterBits;
    long lengthBits = 0;
    int min = Integer.MAX_VALUE;
    int max = 0;
    for (int id = 0; id < prefixes.size(); id++) {
      char[] key = prefixes.get(id).toCharArray();
      keys[id] = key;
      int h = mix(hashOf(key, key.length));
      int slot = h & mask;
      while (slots[slot] != -1L) {
        slot = (slot + 1) & mask;
      }
      slots[slot] = ((long) h << 32) | id;
      int bit = filterBit(h);
      filter[bit >>> 6] |= 1L << bit;
      lengthBits |= 1L << Math.min(63, key.length);
      min = Math.min(min, key.length);
      max = Math.max(max, key.length);
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
      h = step(h, buf[i]);
      int n = i + 1;
      if (n < minLength || (lengths & (1L << Math.min(63, n))) == 0) {
        continue;
      }
      int m = mix(h);
      int bit = filterBit(m);
      if ((filter[bit >>> 6] & (1L << bit)) == 0) {
        continue;
      }
      int id = lookUp(m, buf, n);
      if (id >= 0) {
        hits.hit(id);
      }
    }
  }

  private int lookUp(int h, char[] buf, int n) {
    int slot = h & mask;
    long entry;
    while ((entry = slots[slot]) != -1L) {
      if ((int) (entry >>> 32) == h) {
        int id = (int) entry;
        char[] key = keys[id];
        if (key.length == n && Arrays.equals(key, 0, n, buf, 0, n)) {
          return id;
        }
      }
      slot = (slot + 1) & mask;
    }
    return -1;
  }

  private static int hashOf(char[] key, int n) {
    int h = 0;
    for (int i = 0; i < n; i++) {
      h = step(h, key[i]);
    }
    return h;
  }

  /** Rotate-xor: the hash of every leading substring comes from one pass over the token. */
  private static int step(int h, char c) {
    return Integer.rotateLeft(h, 5) ^ c;
  }

  private static int mix(int h) {
    return (h ^ (h >>> 16)) * 0x9E3779B1;
  }

  private int filterBit(int h) {
    return (h * 0x85EBCA6B) >>> filterShift;
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
