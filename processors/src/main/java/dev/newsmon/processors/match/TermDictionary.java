package dev.newsmon.processors.match;

import java.util.Arrays;
import java.util.List;

/**
 * An immutable map from strings to their index in a list, looked up straight from a {@code char[]}
 * slice so that matching a token allocates nothing. Open addressing with linear probing.
 *
 * <p>Laid out for a dictionary far larger than the CPU's caches: a lookup reads one slot (the key's
 * hash and where it lies in one pool of characters) and, only on a hash match, the key itself,
 * stored in the pool beside its id; and a filter of one bit per hash, 16 bits per key and small
 * enough to stay in cache, answers most "not here" without touching the table at all. {@link
 * #resolve} looks up a whole batch of keys, reading ahead for all of them first.
 */
final class TermDictionary {
  private final long[] slots;
  private final int mask;

  /** Per key: its length, its id (two chars), then its characters. */
  private final char[] pool;

  private final long[] filter;
  private final int filterShift;

  TermDictionary(List<String> terms) {
    int capacity = Integer.highestOneBit(Math.max(4, terms.size() * 2 - 1)) << 1;
    slots = new long[capacity];
    Arrays.fill(slots, -1L);
    mask = capacity - 1;
    int filterBits =
        Integer.numberOfTrailingZeros(
            Integer.highestOneBit(Math.max(1024, terms.size() * 16 - 1)) << 1);
    filter = new long[1 << (filterBits - 6)];
    filterShift = 32 - filterBits;
    int chars = 0;
    for (String term : terms) {
      chars += 3 + term.length();
    }
    pool = new char[chars];
    int at = 0;
    for (int id = 0; id < terms.size(); id++) {
      String term = terms.get(id);
      if (term.length() > Character.MAX_VALUE) {
        throw new IllegalArgumentException("term too long: " + term.length() + " chars");
      }
      char[] key = term.toCharArray();
      int h = hash(key, 0, key.length);
      if (get(key, 0, key.length, h) >= 0) {
        throw new IllegalArgumentException("duplicate term " + term);
      }
      pool[at] = (char) key.length;
      pool[at + 1] = (char) (id >>> 16);
      pool[at + 2] = (char) id;
      System.arraycopy(key, 0, pool, at + 3, key.length);
      int slot = h & mask;
      while (slots[slot] != -1L) {
        slot = (slot + 1) & mask;
      }
      slots[slot] = ((long) h << 32) | at;
      int bit = filterBit(h);
      filter[bit >>> 6] |= 1L << bit;
      at += 3 + key.length;
    }
  }

  /** The id of {@code buf[off, off + len)}, or -1. */
  int get(char[] buf, int off, int len) {
    return get(buf, off, len, hash(buf, off, len));
  }

  /** As {@link #get(char[], int, int)}, with the slice's {@link #hash} already computed. */
  int get(char[] buf, int off, int len, int hash) {
    return mayContain(hash) ? find(buf, off, len, hash) : -1;
  }

  /** The table lookup behind the filter. */
  private int find(char[] buf, int off, int len, int hash) {
    int slot = hash & mask;
    long entry;
    while ((entry = slots[slot]) != -1L) {
      if ((int) (entry >>> 32) == hash) {
        int at = (int) entry;
        if (pool[at] == len && same(at + 3, buf, off, len)) {
          return (pool[at + 1] << 16) | pool[at + 2];
        }
      }
      slot = (slot + 1) & mask;
    }
    return -1;
  }

  /** False when no key has this hash: a look at the filter only, which stays in cache. */
  boolean mayContain(int hash) {
    int bit = filterBit(hash);
    return (filter[bit >>> 6] & (1L << bit)) != 0;
  }

  /**
   * Looks up every key of {@code batch}, each one {@link #mayContain} already let through, into its
   * {@code id}s. In a dictionary larger than the CPU's caches, a first pass reads each key's slot
   * and a second each candidate key in the pool, before the lookups proper: every one of those
   * reads misses, and one after another they cost a memory latency each, where in a loop over
   * independent keys the CPU keeps many in flight at once.
   */
  void resolve(LookupBatch batch) {
    int n = batch.count;
    int[] hashes = batch.hash;
    int[] ids = batch.id;
    if (large()) {
      warm(batch);
    }
    char[] chars = batch.chars;
    int[] offsets = batch.offset;
    int[] lengths = batch.length;
    for (int i = 0; i < n; i++) {
      ids[i] = find(chars, offsets[i], lengths[i], hashes[i]);
    }
  }

  /**
   * Whether the dictionary is too large for the CPU's caches, so that batching lookups and reading
   * ahead ({@link #resolve}) pays; a small one is best looked up key by key.
   */
  boolean large() {
    return slots.length >= WARM_FROM_SLOTS;
  }

  /**
   * Below this many slots (a table of 256 KB, and its pool) the dictionary stays in cache, and
   * reading ahead only costs.
   */
  private static final int WARM_FROM_SLOTS = 1 << 15;

  /** Reads the slot, then the pooled key, of every key in {@code batch}; sets the ids to junk. */
  private void warm(LookupBatch batch) {
    int n = batch.count;
    int[] hashes = batch.hash;
    int[] ids = batch.id;
    long[] slots = this.slots;
    int mask = this.mask;
    for (int i = 0; i < n; i++) {
      int h = hashes[i];
      long entry = slots[h & mask];
      ids[i] = (int) (entry >>> 32) == h ? (int) entry : -1;
    }
    char[] pool = this.pool;
    int[] lengths = batch.length;
    for (int i = 0; i < n; i++) {
      int at = ids[i];
      if (at >= 0 && pool[at] != lengths[i]) {
        ids[i] = -1;
      }
    }
  }

  int get(String term) {
    char[] buf = term.toCharArray();
    return get(buf, 0, buf.length);
  }

  private boolean same(int at, char[] buf, int off, int len) {
    for (int i = 0; i < len; i++) {
      if (pool[at + i] != buf[off + i]) {
        return false;
      }
    }
    return true;
  }

  /** The slot uses the hash's low bits; the filter takes its bits from a second mix. */
  private int filterBit(int h) {
    return (h * 0x85EBCA6B) >>> filterShift;
  }

  /** The hash of {@code buf[off, off + len)}: {@link #finish} of the {@link #step}s over it. */
  static int hash(char[] buf, int off, int len) {
    int h = 0;
    for (int i = off; i < off + len; i++) {
      h = step(h, buf[i]);
    }
    return finish(h);
  }

  /**
   * One character into a running hash. Rotate-xor keeps the dependency chain to two cheap
   * operations, and lets a caller hash every leading substring of a token in one pass.
   */
  static int step(int h, char c) {
    return Integer.rotateLeft(h, 5) ^ c;
  }

  static int finish(int h) {
    return (h ^ (h >>> 16)) * 0x9E3779B1;
  }
}
