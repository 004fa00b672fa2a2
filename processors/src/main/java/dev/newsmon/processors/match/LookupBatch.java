package dev.newsmon.processors.match;

import java.util.Arrays;

/**
 * Keys gathered from one article, each one the dictionary's {@link TermDictionary#mayContain
 * filter} let through, for a {@link TermDictionary} to look up together: per key the token it came
 * from, its hash, and the key {@link TermDictionary#pack packed} or, when it cannot be, where its
 * characters lie in {@link #chars}; once {@link TermDictionary#resolve resolved}, its id or -1.
 * Reused from article to article. Not thread-safe.
 */
final class LookupBatch {
  int count;
  int[] token = new int[512];
  long[] packed = new long[512];
  int[] offset = new int[512];
  int[] length = new int[512];
  int[] hash = new int[512];
  int[] id = new int[512];

  char[] chars = new char[1024];
  int charCount;

  /** Keeps the reads that only warm the cache from being optimised away. */
  long sink;

  void clear() {
    count = 0;
    charCount = 0;
  }

  /** Copies {@code buf[0, len)} into {@link #chars} and returns where it starts. */
  int addChars(char[] buf, int len) {
    if (charCount + len > chars.length) {
      chars = Arrays.copyOf(chars, Math.max(chars.length * 2, charCount + len));
    }
    System.arraycopy(buf, 0, chars, charCount, len);
    int at = charCount;
    charCount += len;
    return at;
  }

  /** Adds a key that cannot be packed, its characters at {@code chars[charOffset]}. */
  void add(int tokenIndex, int charOffset, int keyLength, int keyHash) {
    int k = next();
    token[k] = tokenIndex;
    packed[k] = TermDictionary.NOT_PACKED;
    offset[k] = charOffset;
    length[k] = keyLength;
    hash[k] = keyHash;
  }

  /** Adds a packed key. */
  void add(int tokenIndex, long packedKey, int keyHash) {
    int k = next();
    token[k] = tokenIndex;
    packed[k] = packedKey;
    hash[k] = keyHash;
  }

  private int next() {
    if (count == token.length) {
      int n = count * 2;
      token = Arrays.copyOf(token, n);
      packed = Arrays.copyOf(packed, n);
      offset = Arrays.copyOf(offset, n);
      length = Arrays.copyOf(length, n);
      hash = Arrays.copyOf(hash, n);
      id = Arrays.copyOf(id, n);
    }
    return count++;
  }
}
