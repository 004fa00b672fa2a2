package dev.newsmon.processors.match;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.CharBuffer;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Finds where every token of a text starts and ends, eight characters at a time. In: a text's
 * characters; out: its tokens' offsets in order, the same as {@link TokenCursor} cuts, each marked
 * plain (ASCII letters and digits between ASCII separators) or not. Only plain tokens are found
 * here: a stretch with a non-ASCII character or an apostrophe is cut by the cursor, which owns the
 * cutting rules. A token cut one at a time costs a chain of dependent steps (where it starts, then
 * where it ends, then where the next starts); found eight characters to a {@code long}, the bounds
 * of many tokens are worked out at once. Not thread-safe.
 */
final class TokenBounds {
  private static final int LANE = Long.BYTES;
  private static final long ONES = 0x0101010101010101L;
  private static final long HIGH = 0x8080808080808080L;
  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  /**
   * After more reads than this in a row of eight word characters, the token under way may be longer
   * than {@link NewsTokenizer#MAX_TOKEN_LENGTH}, where the cursor cuts it: the cursor takes over.
   */
  private static final int LONG_RUN = (NewsTokenizer.MAX_TOKEN_LENGTH - LANE) / LANE - 1;

  private final CharsetEncoder latin1 =
      StandardCharsets.ISO_8859_1
          .newEncoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT);

  /**
   * The text, a byte per character: a Latin-1 character as itself (so any non-ASCII one has its
   * high bit set), any other as {@code 0x80}; then {@value #LANE} spaces, so that a read of eight
   * from any index before the end stays in the array and meets a separator.
   */
  byte[] bytes = new byte[8192 + LANE];

  /** Token {@code k} starts at {@code starts[k]}. */
  int[] starts = new int[4096 + 16];

  /**
   * Token {@code k} ends at {@code ends[k]} when it is plain; at {@code ~ends[k]} when the cursor
   * cut it.
   */
  int[] ends = new int[4096 + 16];

  /** How many tokens were found. */
  int count;

  /** Finds the tokens of {@code text[0, length)}, using {@code cursor} where it must. */
  void find(char[] text, int length, TokenCursor cursor) {
    toBytes(text, length);
    // a token and the separator after it take at least two characters; four more, for emit
    int capacity = (length >>> 1) + 8;
    if (starts.length < capacity) {
      starts = new int[capacity];
      ends = new int[capacity];
    }
    byte[] b = bytes;
    int[] s = starts;
    int[] e = ends;
    int started = 0;
    int ended = 0;
    long carry = 0; // the high bit of byte 0 set when the character before p is a word character
    int run = 0;
    int p = 0;
    while (p < length) {
      long w = (long) LONGS.get(b, p);
      long word = wordMask(w);
      long special = w & HIGH | zeroBytes(w ^ '\'' * ONES);
      run = word == HIGH ? run + 1 : 0;
      if (special != 0 || run > LONG_RUN) {
        // the cursor cuts from the start of the token under way, if one is, to past this word's
        // last special character (or the whole word, in a long run)
        int from = started > ended ? s[--started] : p;
        int past = special != 0 ? p + LANE - (Long.numberOfLeadingZeros(special) >>> 3) : p + LANE;
        cursor.reset(text, length, from);
        p = length;
        while (cursor.next()) {
          s[started++] = cursor.start;
          e[ended++] = ~cursor.end;
          if (cursor.end >= past) {
            p = cursor.end;
            break;
          }
        }
        carry = 0;
        run = 0;
        continue;
      }
      long before = word << 8 | carry;
      carry = word >>> 56;
      long begins = word & ~before;
      long stops = before & ~word;
      emit(s, started, p, begins);
      started += Long.bitCount(begins);
      emit(e, ended, p, stops);
      ended += Long.bitCount(stops);
      p += LANE;
    }
    if (started > ended) {
      e[ended] = length;
    }
    count = started;
  }

  /**
   * Writes the offsets of up to four marked bytes of the word at {@code p}, in order, from {@code
   * at} on, and junk after them: always four writes, so no branch depends on how many there are.
   */
  private static void emit(int[] out, int at, int p, long marks) {
    out[at] = p + (Long.numberOfTrailingZeros(marks) >>> 3);
    marks &= marks - 1;
    out[at + 1] = p + (Long.numberOfTrailingZeros(marks) >>> 3);
    marks &= marks - 1;
    out[at + 2] = p + (Long.numberOfTrailingZeros(marks) >>> 3);
    marks &= marks - 1;
    out[at + 3] = p + (Long.numberOfTrailingZeros(marks) >>> 3);
  }

  /**
   * Of plain token {@code k}: its first four characters lower-cased, a byte each, and zero bytes
   * after its end, which {@link PlainTokenGate#mayStart} takes.
   */
  long key(int k) {
    int start = starts[k];
    long w = (long) LONGS.get(bytes, start);
    // every ASCII letter and digit has 0x20 set once lower-cased
    return (w | 0x20 * ONES) & KEY_MASKS[Math.min(ends[k] - start, 4)];
  }

  private static final long[] KEY_MASKS = {0, 0xFFL, 0xFFFFL, 0xFFFFFFL, 0xFFFFFFFFL};

  private CharBuffer in;
  private ByteBuffer out;

  private void toBytes(char[] text, int length) {
    if (bytes.length < length + LANE) {
      bytes = new byte[Math.max(length, bytes.length * 2) + LANE];
    }
    byte[] b = bytes;
    // the JDK's Latin-1 encoder copies whole runs with vector instructions; only the characters
    // it cannot encode are written one at a time
    if (in == null || in.array() != text) {
      in = CharBuffer.wrap(text);
    }
    if (out == null || out.array() != b) {
      out = ByteBuffer.wrap(b);
    }
    in.limit(length).position(0);
    out.limit(length).position(0);
    latin1.reset();
    while (latin1.encode(in, out, true) != CoderResult.UNDERFLOW) {
      int p = in.position();
      int q = p;
      while (q < length && text[q] > 0xFF) {
        b[q++] = (byte) 0x80;
      }
      in.position(q);
      out.position(q);
    }
    for (int i = length; i < length + LANE; i++) {
      b[i] = ' ';
    }
  }

  /** The high bit of each byte of {@code w} that is an ASCII letter or digit. */
  private static long wordMask(long w) {
    long x = w & ~HIGH;
    long lower = x | 0x20 * ONES;
    // no byte's sum carries into the next: each byte is at most 0x7F before the add
    long letter = lower + (0x80 - 'a') * ONES & ~(lower + (0x7F - 'z') * ONES);
    long digit = x + (0x80 - '0') * ONES & ~(x + (0x7F - '9') * ONES);
    return (letter | digit) & ~w & HIGH;
  }

  /** The high bit of each byte of {@code w} that is zero. */
  private static long zeroBytes(long w) {
    return ~((w & ~HIGH) + ~HIGH | w) & HIGH;
  }
}
