package dev.newsmon.processors.match;

import java.util.Arrays;
import java.util.List;

/**
 * The prefixes of all queries in one immutable character trie, so that finding every prefix of a
 * token is one walk along it that usually stops after a character or two, however many prefixes
 * there are. Edges live in one open-addressing table keyed by (node, char): a step is one probe.
 */
final class PrefixTrie {
  /** Receives each prefix found. */
  interface Hits {
    void hit(int prefixId);
  }

  private final long[] edgeKeys;
  private final int[] edgeTargets;
  private final int mask;
  private final int[] prefixIds;

  /**
   * One bit per edge key, 16 bits per edge: below the direct levels most steps find no edge, and
   * with many prefixes the edge table is far beyond the caches, so this filter answers most of
   * them.
   */
  private final long[] filter;

  private final int filterShift;

  /**
   * Most tokens start with three ASCII letters or digits, and no prefix is shorter than three
   * characters (when none is), so the node at depth three is looked up directly: a bit per
   * three-character start (6 KB, stays in L1) rejects most tokens with one read, and the node of a
   * start that passes comes from one array read instead of three hashed probes.
   */
  private static final int CLASSES = 37;

  private final boolean direct;
  private final long[] startBits;
  private final int[] startNodes;

  PrefixTrie(List<String> prefixes) {
    int maxNodes = 1;
    for (String p : prefixes) {
      maxNodes += p.length();
    }
    int capacity = Integer.highestOneBit(Math.max(4, maxNodes * 2 - 1)) << 1;
    edgeKeys = new long[capacity];
    Arrays.fill(edgeKeys, -1L);
    edgeTargets = new int[capacity];
    mask = capacity - 1;
    int filterBits =
        Integer.numberOfTrailingZeros(
            Integer.highestOneBit(Math.max(1024, maxNodes * 16 - 1)) << 1);
    filter = new long[1 << (filterBits - 6)];
    filterShift = 64 - filterBits;
    int[] ids = new int[maxNodes];
    Arrays.fill(ids, -1);
    int nodes = 1;
    for (int id = 0; id < prefixes.size(); id++) {
      String p = prefixes.get(id);
      int node = 0;
      for (int i = 0; i < p.length(); i++) {
        int next = child(node, p.charAt(i));
        if (next < 0) {
          next = nodes++;
          long key = key(node, p.charAt(i));
          int slot = slot(key);
          while (edgeKeys[slot] != -1L) {
            slot = (slot + 1) & mask;
          }
          edgeKeys[slot] = key;
          edgeTargets[slot] = next;
          int bit = filterBit(key);
          filter[bit >>> 6] |= 1L << bit;
        }
        node = next;
      }
      ids[node] = id;
    }
    prefixIds = Arrays.copyOf(ids, nodes);
    boolean allLong = true;
    for (String p : prefixes) {
      allLong &= p.length() >= 3;
    }
    direct = allLong;
    int starts = CLASSES * CLASSES * CLASSES;
    startBits = new long[allLong ? (starts + 63) >>> 6 : 0];
    startNodes = new int[allLong ? starts : 0];
    if (allLong) {
      for (String p : prefixes) {
        int start = start(p.charAt(0), p.charAt(1), p.charAt(2));
        if (start >= 0) {
          startBits[start >>> 6] |= 1L << start;
          startNodes[start] = child(child(child(0, p.charAt(0)), p.charAt(1)), p.charAt(2));
        }
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

  /** Reports the id of every prefix of {@code buf[0, len)}, shortest first. */
  void find(char[] buf, int len, Hits hits) {
    int node = 0;
    int i = 0;
    if (direct) {
      if (len < 3) {
        return;
      }
      int start = start(buf[0], buf[1], buf[2]);
      if (start >= 0) {
        if ((startBits[start >>> 6] & (1L << start)) == 0) {
          return;
        }
        node = startNodes[start];
        int id = prefixIds[node];
        if (id >= 0) {
          hits.hit(id);
        }
        i = 3;
      }
    }
    for (; i < len; i++) {
      node = child(node, buf[i]);
      if (node < 0) {
        return;
      }
      int id = prefixIds[node];
      if (id >= 0) {
        hits.hit(id);
      }
    }
  }

  private int child(int node, char c) {
    long key = key(node, c);
    int bit = filterBit(key);
    if ((filter[bit >>> 6] & (1L << bit)) == 0) {
      return -1;
    }
    int slot = slot(key);
    long k;
    while ((k = edgeKeys[slot]) != -1L) {
      if (k == key) {
        return edgeTargets[slot];
      }
      slot = (slot + 1) & mask;
    }
    return -1;
  }

  private static long key(int node, char c) {
    return ((long) node << 16) | c;
  }

  private int filterBit(long key) {
    return (int) ((key * 0xC2B2AE3D27D4EB4FL) >>> filterShift);
  }

  private int slot(long key) {
    long h = key * 0x9E3779B97F4A7C15L;
    return (int) (h >>> 40) & mask;
  }
}
