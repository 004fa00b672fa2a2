package dev.newsmon.processors.match;

import java.util.List;

/**
 * The prefixes of all queries, found in a token by hashing each of its leading substrings whose
 * length some prefix has, so that only real prefixes touch the table. (A trie walk follows every
 * shared path a token starts along; with 100,000 rules most of those steps are cache misses in an
 * edge table of megabytes, while a token usually starts with no prefix at all.) A {@link StartGate}
 * of the prefixes' first three characters, and the {@link TermDictionary}'s own filter, stay in
 * cache and answer most questions. Immutable.
 */
final class PrefixSet {
  private final TermDictionary dictionary;

  /** Bit {@code n} set when some prefix has {@code n} characters (longer ones share bit 63). */
  private final long lengths;

  private final int minLength;
  private final int maxLength;

  /** Says no to most tokens, that start as no prefix does. */
  private final StartGate starts;

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
    starts = new StartGate(List.of(), prefixes);
  }

  /**
   * Adds to {@code batch} each leading substring of {@code buf[0, len)}, the folded token {@code
   * token} whose {@link TermDictionary#packHead} is {@code head}, that may be a prefix (its length
   * is some prefix's, and the start gate and the filter let it through), shortest first; {@link
   * #resolve} then says which are.
   */
  void probe(char[] buf, int len, long head, int token, LookupBatch batch) {
    // most tokens are too short or start as no prefix does: that test alone is small enough for the
    // JIT to inline
    if (len >= minLength && starts.mayMatch(head)) {
      probeLengths(buf, len, head, token, batch);
    }
  }

  private void probeLengths(char[] buf, int len, long head, int token, LookupBatch batch) {
    int packedLength = TermDictionary.packedLength(head);
    int to = Math.min(len, maxLength);
    // lengths up to the packed head are looked up packed; longer ones by their characters' hash
    long wanted = lengths & ~((1L << minLength) - 1) & (to >= 63 ? -1L : (2L << to) - 1);
    long upToHead = (2L << packedLength) - 1;
    long packedLengths = wanted & upToHead;
    while (packedLengths != 0) {
      int n = Long.numberOfTrailingZeros(packedLengths);
      packedLengths &= packedLengths - 1;
      long packed = TermDictionary.packedPrefix(head, n);
      int hash = TermDictionary.hashPacked(packed);
      if (dictionary.mayContain(hash)) {
        batch.add(token, packed, hash);
      }
    }
    if ((wanted & ~upToHead) == 0) {
      return;
    }
    int h = 0;
    int at = -1;
    for (int i = 0; i < to; i++) {
      h = TermDictionary.step(h, buf[i]);
      int n = i + 1;
      if (n <= packedLength || (lengths & (1L << Math.min(63, n))) == 0) {
        continue;
      }
      int hash = TermDictionary.finish(h);
      if (dictionary.mayContain(hash)) {
        if (at < 0) {
          at = batch.addChars(buf, to);
        }
        batch.add(token, at, n, hash);
      }
    }
  }

  /** Sets the id of every probe in {@code batch} to its prefix's, or -1. */
  void resolve(LookupBatch batch) {
    dictionary.resolve(batch);
  }
}
