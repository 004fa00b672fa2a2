package dev.newsmon.processors.streams;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.function.LongSupplier;

/**
 * How many stream-thread failures one Kafka Streams client may answer by replacing the thread: at
 * most {@code maxFailures} within any {@code window}. Each failure comes in as {@link #spend()};
 * the one that makes {@code maxFailures + 1} within the window spends the budget, and the caller
 * should then shut the client down. Failures further apart than the window never add up, so a
 * thread that dies now and then is replaced for as long as the process lives.
 *
 * <p>Time comes from a monotonic clock in nanoseconds ({@link System#nanoTime} unless a test gives
 * its own), so that a wall-clock step neither forgives nor adds failures. Called from dying stream
 * threads, possibly several at once.
 */
final class ThreadFailureBudget {
  private final int maxFailures;
  private final long windowNanos;
  private final LongSupplier nanoClock;
  // times of the failures within the window, oldest first; at most maxFailures + 1
  private final ArrayDeque<Long> failures = new ArrayDeque<>();

  ThreadFailureBudget(int maxFailures, Duration window) {
    this(maxFailures, window, System::nanoTime);
  }

  ThreadFailureBudget(int maxFailures, Duration window, LongSupplier nanoClock) {
    if (maxFailures < 1) {
      throw new IllegalArgumentException("maxFailures must be at least 1: " + maxFailures);
    }
    if (window == null || window.isNegative() || window.isZero()) {
      throw new IllegalArgumentException("window must be positive: " + window);
    }
    this.maxFailures = maxFailures;
    // past 292 years nanoseconds overflow a long; such a window never lets a failure go anyway
    this.windowNanos =
        window.compareTo(Duration.ofNanos(Long.MAX_VALUE)) >= 0 ? Long.MAX_VALUE : window.toNanos();
    this.nanoClock = nanoClock;
  }

  /**
   * Counts a failure that happened now.
   *
   * @return true while at most {@code maxFailures} failures fall within the window that ends now
   *     (replace the thread), false when this one is the {@code maxFailures + 1}st (shut the client
   *     down)
   */
  synchronized boolean spend() {
    long now = nanoClock.getAsLong();
    // a failure exactly one window ago has left it; compared as a difference, as nanoTime needs
    while (!failures.isEmpty() && now - failures.peekFirst() >= windowNanos) {
      failures.removeFirst();
    }
    failures.addLast(now);
    if (failures.size() > maxFailures + 1) {
      failures.removeFirst();
    }
    return failures.size() <= maxFailures;
  }

  /** The failures within the window as of the last {@link #spend()}, that one included. */
  synchronized int recent() {
    return failures.size();
  }

  int maxFailures() {
    return maxFailures;
  }

  Duration window() {
    return Duration.ofNanos(windowNanos);
  }
}
