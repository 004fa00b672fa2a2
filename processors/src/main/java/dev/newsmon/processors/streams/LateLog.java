package dev.newsmon.processors.streams;

import java.time.Duration;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.slf4j.Logger;

/**
 * The log of one processor's late mentions: each one at WARN with its position, up to {@link
 * #PER_MINUTE} a minute; past that, one line a minute says how many more there were and the
 * positions of the first and last of them. A backfill over several partitions can make a hundred
 * thousand mentions late in a minute, and a line each would flood the log and slow the stream
 * thread that writes it; every one is still counted in {@code newsmon.processors.late.records}. One
 * per stream task's processor, so used by one thread at a time; the processor {@link #tick}s it on
 * a wall-clock punctuator.
 */
final class LateLog {
  static final int PER_MINUTE = 100;

  /** How often a processor should {@link #tick}: a summary is out this long after its minute. */
  static final Duration TICK = Duration.ofSeconds(10);

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
    String position = ProcessorsTopology.position(context);
    tick(context.currentSystemTimeMs());
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

  /**
   * Ends the minute if it is over at wall-clock {@code nowMs}: its summary goes out and the budget
   * is whole again. Called on every late mention and by a punctuator, so that the summary of a
   * burst does not wait for the next late mention, which may never come.
   */
  void tick(long nowMs) {
    if (nowMs - minuteStart >= MINUTE_MS) {
      flush();
      minuteStart = nowMs;
      logged = 0;
    }
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
