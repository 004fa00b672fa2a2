package dev.newsmon.processors.match;

import java.util.Arrays;

/**
 * Keys gathered from one article, each one the dictionary's {@link TermDictionary#mayContain
 * filter} let through, for a {@link TermDictionary} to look up together: per key the token it came
 * from, where its characters lie in {@link #chars}, its hash, and, once {@link
 * TermDictionary#resolve resolved}, its id or -1. Reused from article to article. Not thread-safe.
 */
final class LookupBatch {
  int count;
  int[] token = new int[512];
  int[] offset = new int[512];
  int[] length = new int[512];
  int[] hash = new int[512];
  int[] id = new int[512];

  char[] chars = new char[8192];
  int charCount;

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

  void add(int tokenIndex, int charOffset, int keyLength, int keyHash) {
    if (count == token.length) {
      int n = count * 2;
      token = Arrays.copyOf(token, n);
      offset = Arrays.copyOf(offset, n);
      length = Arrays.copyOf(length, n);
      hash = Arrays.copyOf(hash, n);
      id = Arrays.copyOf(id, n);
    }
    token[count] = tokenIndex;
    offset[count] = charOffset;
    length[count] = keyLength;
    hash[count++] = keyHash;
  }
}
