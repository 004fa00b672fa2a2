package dev.newsmon.processors.match;

import java.util.Arrays;
import java.util.List;

/**
 * An immutable map from strings to their index in a list, looked up straight from a {@code char[]}
 * slice so that matching a token allocates nothing. Open addressing with linear probing.
 */
final class TermDictionary {
  private final char[][] keys;
  private final int[] hashes;
  private final int[] ids;
  private final int mask;

  /**
   * One bit per hash, 16 bits per term: most tokens of an article are in no rule, and with a large
   * watchlist the slots are far beyond the CPU's caches, so a small filter that stays in cache
   * answers "not here" for ~94% of them without touching the table.
   */
  private final long[] filter;

  private final int filterShift;

  TermDictionary(List<String> terms) {
    int capacity = Integer.highestOneBit(Math.max(4, terms.size() * 2 - 1)) << 1;
    keys = new char[capacity][];
    hashes = new int[capacity];
    ids = new int[capacity];
    Arrays.fill(ids, -1);
    mask = capacity - 1;
    int filterBits =
        Integer.numberOfTrailingZeros(
            Integer.highestOneBit(Math.max(1024, terms.size() * 16 - 1)) << 1);
    filter = new long[1 << (filterBits - 6)];
    filterShift = 32 - filterBits;
    for (int id = 0; id < terms.size(); id++) {
      char[] key = terms.get(id).toCharArray();
      int h = hash(key, 0, key.length);
      int slot = h & mask;
      while (keys[slot] != null) {
        if (Arrays.equals(keys[slot], key)) {
          throw new IllegalArgumentException("duplicate term " + terms.get(id));
        }
        slot = (slot + 1) & mask;
      }
      keys[slot] = key;
      hashes[slot] = h;
      int bit = filterBit(h);
      filter[bit >>> 6] |= 1L << bit;
      ids[slot] = id;
    }
  }

  /** The id of {@code buf[off, off + len)}, or -1. */
  int get(char[] buf, int off, int len) {
    int h = hash(buf, off, len);
    int bit = filterBit(h);
    if ((filter[bit >>> 6] & (1L << bit)) == 0) {
      return -1;
    }
    int slot = h & mask;
    int id;
    // the stored hash spares following the pointer to every key passed on the way
    while ((id = ids[slot]) >= 0) {
      if (hashes[slot] == h) {
        char[] key = keys[slot];
        if (key.length == len && same(key, buf, off, len)) {
          return id;
        }
      }
      slot = (slot + 1) & mask;
    }
    return -1;
  }

  int get(String term) {
    char[] buf = term.toCharArray();
    return get(buf, 0, buf.length);
  }

  /** The slot uses the hash's low bits; the filter takes its bits from a second mix. */
  private int filterBit(int h) {
    return (h * 0x85EBCA6B) >>> filterShift;
  }

  private static boolean same(char[] key, char[] buf, int off, int len) {
    for (int i = 0; i < len; i++) {
      if (key[i] != buf[off + i]) {
        return false;
      }
    }
    return true;
  }

  private static int hash(char[] buf, int off, int len) {
    // rotate-xor per char keeps the dependency chain to two cheap operations; one multiply mixes
    int h = len;
    for (int i = off; i < off + len; i++) {
      h = Integer.rotateLeft(h, 5) ^ buf[i];
    }
    return (h ^ (h >>> 16)) * 0x9E3779B1;
  }
}
