package dev.newsmon.processors.streams;

import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.slf4j.Logger;

/**
 * The log of one processor's late mentions: each one at WARN with its position, up to {@link
 * #PER_MINUTE} a minute; past that, one line a minute says how many more there were and the
 * positions of the first and last of them. A backfill over several partitions can make a hundred
 * thousand mentions late in a minute, and a line each would flood the log and slow the stream
 * thread that writes it; every one is still counted in {@code newsmon.processors.late.records}. One
 * per stream task's processor, so used by one thread at a time.
 */
final class LateLog {
  static final int PER_MINUTE = 100;
  private static final long MINUTE_MS = 60_000;

  private final Logger log;
  private final String what;
  private long minuteStart = -MINUTE_MS; // so that the first call starts a minute
  private int logged;
  private long suppressed;
  private String firstSuppressed;
  private String lastSuppressed;

  /**
   * @param what what the mentions were left out of, for the summary line ("the counts")
   */
  LateLog(Logger log, String what) {
    this.log = log;
    this.what = what;
  }

  /**
   * Logs {@code message} with {@code args}, followed by the record's position, unless this minute's
   * budget is spent.
   */
  void late(ProcessorContext<?, ?> context, String message, Object... args) {
    long nowMs = context.currentSystemTimeMs();
    String position = ProcessorsTopology.position(context);
    if (nowMs - minuteStart >= MINUTE_MS) {
      flush();
      minuteStart = nowMs;
      logged = 0;
    }
    if (logged < PER_MINUTE) {
      logged++;
      Object[] withPosition = java.util.Arrays.copyOf(args, args.length + 1);
      withPosition[args.length] = position;
      log.warn(message + " at {}", withPosition);
      return;
    }
    if (suppressed++ == 0) {
      firstSuppressed = position;
    }
    lastSuppressed = position;
  }

  /** The summary of the mentions not logged one by one, if any. */
  void flush() {
    if (suppressed > 0) {
      log.warn(
          "{} more late mentions left out of {} in the minute after the first {} were logged, from"
              + " {} to {}",
          suppressed,
          what,
          PER_MINUTE,
          firstSuppressed,
          lastSuppressed);
      suppressed = 0;
    }
  }

  /** How many were left out of the log since the last summary (for tests). */
  long suppressed() {
    return suppressed;
  }
}
