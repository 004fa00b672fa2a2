package dev.newsmon.processors.match;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * The prefixes of all queries in one immutable character trie, flattened into arrays, so that
 * finding every prefix of a token is one walk along it that usually stops after a character or two,
 * however many prefixes there are.
 */
final class PrefixTrie {
  /** Receives each prefix found. */
  interface Hits {
    void hit(int prefixId);
  }

  private final int[] childStart;
  private final char[] labels;
  private final int[] targets;
  private final int[] prefixIds;

  PrefixTrie(List<String> prefixes) {
    List<TreeMap<Character, Integer>> children = new ArrayList<>();
    List<Integer> ids = new ArrayList<>();
    children.add(new TreeMap<>());
    ids.add(-1);
    for (int id = 0; id < prefixes.size(); id++) {
      String p = prefixes.get(id);
      int node = 0;
      for (int i = 0; i < p.length(); i++) {
        Integer next = children.get(node).get(p.charAt(i));
        if (next == null) {
          next = children.size();
          children.add(new TreeMap<>());
          ids.add(-1);
          children.get(node).put(p.charAt(i), next);
        }
        node = next;
      }
      ids.set(node, id);
    }
    int nodes = children.size();
    childStart = new int[nodes + 1];
    prefixIds = new int[nodes];
    int edges = 0;
    for (int n = 0; n < nodes; n++) {
      edges += children.get(n).size();
    }
    labels = new char[edges];
    targets = new int[edges];
    int e = 0;
    for (int n = 0; n < nodes; n++) {
      childStart[n] = e;
      prefixIds[n] = ids.get(n);
      for (var entry : children.get(n).entrySet()) {
        labels[e] = entry.getKey();
        targets[e++] = entry.getValue();
      }
    }
    childStart[nodes] = e;
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
    int lo = childStart[node];
    int hi = childStart[node + 1] - 1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      char label = labels[mid];
      if (label < c) {
        lo = mid + 1;
      } else if (label > c) {
        hi = mid - 1;
      } else {
        return targets[mid];
      }
    }
    return -1;
  }
}
