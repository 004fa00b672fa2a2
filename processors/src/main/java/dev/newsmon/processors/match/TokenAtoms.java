package dev.newsmon.processors.match;

/**
 * A per-thread memo from a folded token to the atoms it is: its term atom (or -1) and the ids of
 * the prefixes it starts with. With a large watchlist the term dictionary and the prefix trie are
 * megabytes, far beyond the CPU's caches, so looking a token up in them costs several cache misses;
 * news text repeats its words, so most tokens are answered here, from a table that stays in cache.
 * Direct-mapped: a newer token simply replaces an older one in its slot. Not thread-safe.
 */
final class TokenAtoms {
  /** Longer tokens are rare and are looked up directly. */
  static final int MAX_KEY = 16;

  /** Tokens that start more prefixes than this are looked up directly. */
  static final int MAX_PREFIXES = 6;

  private static final int SLOTS = 1 << 13;

  private final char[] keys = new char[SLOTS * MAX_KEY];
  private final byte[] lengths = new byte[SLOTS];
  private final int[] terms = new int[SLOTS];
  private final byte[] prefixCounts = new byte[SLOTS];
  private final int[] prefixes = new int[SLOTS * MAX_PREFIXES];

  /** The slot holding {@code buf[0, len)}, or -1 - the slot it would go in. */
  int find(char[] buf, int len) {
    int h = 0;
    for (int i = 0; i < len; i++) {
      h = 31 * h + buf[i];
    }
    int slot = ((h ^ (h >>> 15)) * 0x2C1B3C6D >>> 19) & (SLOTS - 1);
    if (lengths[slot] != len) {
      return -1 - slot;
    }
    int at = slot * MAX_KEY;
    for (int i = 0; i < len; i++) {
      if (keys[at + i] != buf[i]) {
        return -1 - slot;
      }
    }
    return slot;
  }

  /** Puts {@code buf[0, len)} in {@code slot}, before it is stemmed in place. */
  void setKey(int slot, char[] buf, int len) {
    System.arraycopy(buf, 0, keys, slot * MAX_KEY, len);
    lengths[slot] = (byte) len;
  }

  /**
   * Gives the token in {@code slot} its term atom and prefix ids; a token with more than {@link
   * #MAX_PREFIXES} prefixes is dropped instead.
   */
  void setAtoms(int slot, int term, int[] prefixIds, int prefixCount) {
    if (prefixCount > MAX_PREFIXES) {
      lengths[slot] = 0;
      return;
    }
    terms[slot] = term;
    prefixCounts[slot] = (byte) prefixCount;
    System.arraycopy(prefixIds, 0, prefixes, slot * MAX_PREFIXES, prefixCount);
  }

  int term(int slot) {
    return terms[slot];
  }

  int prefixCount(int slot) {
    return prefixCounts[slot];
  }

  int prefix(int slot, int k) {
    return prefixes[slot * MAX_PREFIXES + k];
  }
}
