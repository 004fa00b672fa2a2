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
        }
        node = next;
      }
      ids[node] = id;
    }
    prefixIds = Arrays.copyOf(ids, nodes);
  }

  /** Reports the id of every prefix of {@code buf[0, len)}, shortest first. */
  void find(char[] buf, int len, Hits hits) {
    int node = 0;
    for (int i = 0; i < len; i++) {
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

  private int slot(long key) {
    long h = key * 0x9E3779B97F4A7C15L;
    return (int) (h >>> 40) & mask;
  }
}
