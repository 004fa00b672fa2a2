package dev.newsmon.processors.match;

import java.util.List;

/**
 * An immutable map from strings to their index in a list, looked up straight from a {@code char[]}
 * slice so that matching a token allocates nothing. Open addressing with linear probing.
 *
 * <p>Laid out for a dictionary far larger than the CPU's caches, where every read of a slot is a
 * cache miss. Most keys are short lower-case words: a key of up to {@value #MAX_PACKED} characters
 * of {@code [a-z0-9']} is {@link #pack packed} into a {@code long} that is stored in its slot,
 * beside its id, so that looking it up is one read and one comparison. Any other key is stored in a
 * pool of characters, and its slot holds its hash and where it lies there. A filter of one bit per
 * hash, 16 bits per key and small enough to stay in cache, answers most "not here" without touching
 * the table at all. {@link #resolve} looks up a whole batch of keys, reading ahead for all of them
 * first.
 */
final class TermDictionary {
  /** The most characters a packed key holds: six bits each. */
  static final int MAX_PACKED = 10;

  /** Returned by {@link #pack} for a key that cannot be packed. */
  static final long NOT_PACKED = -1L;

  /** Marks a slot's key as a pooled one: packed keys use the low 60 bits only. */
  private static final long POOLED = 1L << 63;

  private static final int OFFSET_BITS = 30;
  private static final long OFFSET_MASK = (1L << OFFSET_BITS) - 1;

  /** Per slot two longs: its key (0 when free), then its id. */
  private final long[] table;

  private final int mask;

  /** Per pooled key: its length, then its characters. */
  private final char[] pool;

  private final long[] filter;
  private final int filterShift;

  TermDictionary(List<String> terms) {
    int capacity = Integer.highestOneBit(Math.max(4, terms.size() * 2 - 1)) << 1;
    table = new long[capacity * 2];
    mask = capacity - 1;
    int filterBits =
        Integer.numberOfTrailingZeros(
            Integer.highestOneBit(Math.max(1024, terms.size() * 16 - 1)) << 1);
    filter = new long[1 << (filterBits - 6)];
    filterShift = 32 - filterBits;
    long[] packedTerms = new long[terms.size()];
    int chars = 0;
    for (int id = 0; id < terms.size(); id++) {
      String term = terms.get(id);
      packedTerms[id] = pack(term.toCharArray(), 0, term.length());
      chars += packedTerms[id] == NOT_PACKED ? 1 + term.length() : 0;
    }
    if (chars > OFFSET_MASK) {
      throw new IllegalArgumentException("terms too long: " + chars + " chars");
    }
    pool = new char[chars];
    int at = 0;
    for (int id = 0; id < terms.size(); id++) {
      String term = terms.get(id);
      if (term.isEmpty() || term.length() > Character.MAX_VALUE) {
        throw new IllegalArgumentException("empty or too long term: " + term.length() + " chars");
      }
      char[] key = term.toCharArray();
      long packed = packedTerms[id];
      int h = hash(packed, key, 0, key.length);
      if (get(packed, key, 0, key.length, h) >= 0) {
        throw new IllegalArgumentException("duplicate term " + term);
      }
      long stored;
      if (packed != NOT_PACKED) {
        stored = packed;
      } else {
        stored = pooledKey(h) | at;
        pool[at] = (char) key.length;
        System.arraycopy(key, 0, pool, at + 1, key.length);
        at += 1 + key.length;
      }
      int slot = h & mask;
      while (table[2 * slot] != 0) {
        slot = (slot + 1) & mask;
      }
      table[2 * slot] = stored;
      table[2 * slot + 1] = id;
      int bit = filterBit(h);
      filter[bit >>> 6] |= 1L << bit;
    }
  }

  /**
   * {@code buf[off, off + len)} packed six bits a character, the first in the lowest bits, or
   * {@link #NOT_PACKED} when it is longer than {@value #MAX_PACKED} characters or holds one outside
   * {@code [a-z0-9']}. No character packs to 0, so no two keys pack alike.
   */
  static long pack(char[] buf, int off, int len) {
    long head = packHead(buf, off, len);
    return len <= MAX_PACKED && packedLength(head) == len ? head : NOT_PACKED;
  }

  /**
   * The longest leading run of {@code buf[off, off + len)}, up to {@value #MAX_PACKED} characters,
   * that {@link #pack packs}, packed; its length is {@link #packedLength}.
   */
  static long packHead(char[] buf, int off, int len) {
    long packed = 0;
    for (int i = 0; i < Math.min(len, MAX_PACKED); i++) {
      int code = code(buf[off + i]);
      if (code == 0) {
        break;
      }
      packed |= (long) code << (6 * i);
    }
    return packed;
  }

  /**
   * {@code buf[0, len)} packed, or {@link #NOT_PACKED}, knowing {@code head}, the {@link #packHead}
   * of a token that {@code buf[0, len)} is a stem of. A stem only shortens a token and may change
   * its last character ({@code deliveries} to {@code delivery}), so only that character is read.
   */
  static long packStem(long head, char[] buf, int len) {
    int last = len - 1;
    if (len > MAX_PACKED || last > packedLength(head) || last < 0) {
      return NOT_PACKED;
    }
    int code = code(buf[last]);
    return code == 0 ? NOT_PACKED : packedPrefix(head, last) | (long) code << (6 * last);
  }

  /** How many characters a packed key holds. */
  static int packedLength(long packed) {
    return (64 - Long.numberOfLeadingZeros(packed) + 5) / 6;
  }

  /** The first {@code n} characters, {@code n <= packedLength(packed)}, of a packed key. */
  static long packedPrefix(long packed, int n) {
    return n >= MAX_PACKED ? packed : packed & ((1L << (6 * n)) - 1);
  }

  /** A character's six-bit code in a packed key, or 0 when it has none. */
  static int code(char c) {
    return c < 128 ? CODES[c] : 0;
  }

  private static final byte[] CODES = new byte[128];

  static {
    for (char c = 'a'; c <= 'z'; c++) {
      CODES[c] = (byte) (1 + c - 'a');
    }
    for (char c = '0'; c <= '9'; c++) {
      CODES[c] = (byte) (27 + c - '0');
    }
    CODES['\''] = 37;
  }

  /** The id of {@code buf[off, off + len)}, or -1. */
  int get(char[] buf, int off, int len) {
    long packed = pack(buf, off, len);
    return get(packed, buf, off, len, hash(packed, buf, off, len));
  }

  /**
   * As {@link #get(char[], int, int)}, with the slice already {@link #pack packed} (or {@link
   * #NOT_PACKED}) and {@link #hash(long, char[], int, int) hashed}.
   */
  int get(long packed, char[] buf, int off, int len, int hash) {
    return mayContain(hash) ? lookUp(packed, buf, off, len, hash) : -1;
  }

  /** The table lookup behind the filter: by the packed key, or by the pooled characters. */
  private int lookUp(long packed, char[] buf, int off, int len, int hash) {
    return packed != NOT_PACKED ? find(packed, hash) : findPooled(buf, off, len, hash);
  }

  private int find(long packed, int hash) {
    long[] table = this.table;
    int slot = hash & mask;
    long key;
    while ((key = table[2 * slot]) != 0) {
      if (key == packed) {
        return (int) table[2 * slot + 1];
      }
      slot = (slot + 1) & mask;
    }
    return -1;
  }

  private int findPooled(char[] buf, int off, int len, int hash) {
    long want = pooledKey(hash);
    int slot = hash & mask;
    long key;
    while ((key = table[2 * slot]) != 0) {
      if ((key & ~OFFSET_MASK) == want) {
        int at = (int) (key & OFFSET_MASK);
        if (pool[at] == len && same(at + 1, buf, off, len)) {
          return (int) table[2 * slot + 1];
        }
      }
      slot = (slot + 1) & mask;
    }
    return -1;
  }

  private static long pooledKey(int hash) {
    return POOLED | (hash & 0xFFFFFFFFL) << OFFSET_BITS;
  }

  /** False when no key has this hash: a look at the filter only, which stays in cache. */
  boolean mayContain(int hash) {
    int bit = filterBit(hash);
    return (filter[bit >>> 6] & (1L << bit)) != 0;
  }

  /**
   * Looks up every key of {@code batch}, each one {@link #mayContain} already let through, into its
   * {@code id}s. In a dictionary larger than the CPU's caches, a first pass reads each key's slot
   * (and a second the pooled keys' characters) before the lookups proper: every one of those reads
   * misses, and one after another they cost a memory latency each, where in a loop over independent
   * keys the CPU keeps many in flight at once.
   */
  void resolve(LookupBatch batch) {
    int n = batch.count;
    int[] hashes = batch.hash;
    long[] packed = batch.packed;
    int[] ids = batch.id;
    if (large()) {
      warm(batch);
    }
    for (int i = 0; i < n; i++) {
      ids[i] = lookUp(packed[i], batch.chars, batch.offset[i], batch.length[i], hashes[i]);
    }
  }

  /**
   * Whether the dictionary is too large for the CPU's caches, so that batching lookups and reading
   * ahead ({@link #resolve}) pays; a small one is best looked up key by key.
   */
  boolean large() {
    return table.length >= WARM_FROM_LONGS;
  }

  /** Below this table size (256 KB) the dictionary stays in cache, and reading ahead only costs. */
  private static final int WARM_FROM_LONGS = 1 << 15;

  /** Reads the slot of every key in {@code batch}, and the pool of the pooled ones. */
  private void warm(LookupBatch batch) {
    int n = batch.count;
    int[] hashes = batch.hash;
    long[] packed = batch.packed;
    long[] table = this.table;
    int mask = this.mask;
    long any = 0;
    int pooled = 0;
    for (int i = 0; i < n; i++) {
      any |= table[2 * (hashes[i] & mask)];
      pooled |= (int) (packed[i] >>> 63);
    }
    if (pooled != 0) {
      for (int i = 0; i < n; i++) {
        long key = table[2 * (hashes[i] & mask)];
        if (packed[i] == NOT_PACKED && key < 0) {
          any |= pool[(int) (key & OFFSET_MASK)];
        }
      }
    }
    batch.sink = any;
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

  /**
   * The hash of the key {@code buf[off, off + len)}, given it {@link #pack packed}: {@link
   * #hashPacked} of that, or when it cannot be packed {@link #finish} of the {@link #step}s over
   * its characters.
   */
  static int hash(long packed, char[] buf, int off, int len) {
    if (packed != NOT_PACKED) {
      return hashPacked(packed);
    }
    int h = 0;
    for (int i = off; i < off + len; i++) {
      h = step(h, buf[i]);
    }
    return finish(h);
  }

  /** The hash of a packed key. */
  static int hashPacked(long packed) {
    return (int) ((packed * 0x9E3779B97F4A7C15L) >>> 32);
  }

  /**
   * One character into a running hash of a key that cannot be packed. Rotate-xor lets a caller hash
   * every leading substring of a token in one pass.
   */
  static int step(int h, char c) {
    return Integer.rotateLeft(h, 5) ^ c;
  }

  static int finish(int h) {
    return (h ^ (h >>> 16)) * 0x9E3779B1;
  }
}
