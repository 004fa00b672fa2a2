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

  TermDictionary(List<String> terms) {
    int capacity = Integer.highestOneBit(Math.max(4, terms.size() * 2 - 1)) << 1;
    keys = new char[capacity][];
    hashes = new int[capacity];
    ids = new int[capacity];
    Arrays.fill(ids, -1);
    mask = capacity - 1;
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
      ids[slot] = id;
    }
  }

  /** The id of {@code buf[off, off + len)}, or -1. */
  int get(char[] buf, int off, int len) {
    int h = hash(buf, off, len);
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

  private static boolean same(char[] key, char[] buf, int off, int len) {
    for (int i = 0; i < len; i++) {
      if (key[i] != buf[off + i]) {
        return false;
      }
    }
    return true;
  }

  private static int hash(char[] buf, int off, int len) {
    int h = 0;
    for (int i = off; i < off + len; i++) {
      h = 31 * h + buf[i];
    }
    return (h ^ (h >>> 16)) * 0x9E3779B1;
  }
}
