package dev.newsmon.schemas.watchlist;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * When spike alerts fire: the watchlist's {@code alerting:} section.
 *
 * @param window event-time window size
 * @param grace how long after a window ends late articles are still counted in it
 * @param halfLife how fast the baseline forgets old windows
 * @param minCount the smallest count that can be a spike
 * @param zScore how many standard deviations above the mean a spike must stand
 * @param warmupWindows windows of history needed before spikes can fire
 */
public record Alerting(
    Duration window,
    Duration grace,
    Duration halfLife,
    int minCount,
    double zScore,
    int warmupWindows) {

  public static final Duration DEFAULT_WINDOW = Duration.ofHours(1);
  public static final Duration DEFAULT_GRACE = Duration.ofMinutes(10);
  public static final int DEFAULT_MIN_COUNT = 5;
  public static final double DEFAULT_Z_SCORE = 3.0;
  public static final int DEFAULT_WARMUP_WINDOWS = 6;
  public static final int DEFAULT_HALF_LIFE_WINDOWS = 24;

  public Alerting {
    if (halfLife == null && positive(window)) {
      halfLife = window.multipliedBy(DEFAULT_HALF_LIFE_WINDOWS);
    }
    List<String> problems = problems(window, grace, halfLife, minCount, zScore, warmupWindows);
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(String.join("; ", problems));
    }
  }

  /**
   * Every setting out of range, each as a message such as {@code alerting: window must be a
   * positive duration: PT0S}, so that a watchlist's errors can be listed all at once; empty when
   * all are fine. A null {@code halfLife} stands for the default.
   */
  public static List<String> problems(
      Duration window,
      Duration grace,
      Duration halfLife,
      int minCount,
      double zScore,
      int warmupWindows) {
    List<String> problems = new ArrayList<>();
    if (!positive(window)) {
      problems.add("alerting: window must be a positive duration: " + window);
    }
    if (grace == null || grace.isNegative()) {
      problems.add("alerting: grace must not be negative: " + grace);
    }
    if (halfLife != null && !positive(halfLife)) {
      problems.add("alerting: halfLife must be positive: " + halfLife);
    }
    if (minCount < 1) {
      problems.add("alerting: minCount must be at least 1: " + minCount);
    }
    if (!(zScore > 0) || Double.isInfinite(zScore)) {
      problems.add("alerting: zScore must be a positive number: " + zScore);
    }
    if (warmupWindows < 0) {
      problems.add("alerting: warmupWindows must not be negative: " + warmupWindows);
    }
    return problems;
  }

  private static boolean positive(Duration d) {
    return d != null && !d.isNegative() && !d.isZero();
  }

  public static Alerting defaults() {
    return new Alerting(
        DEFAULT_WINDOW,
        DEFAULT_GRACE,
        null,
        DEFAULT_MIN_COUNT,
        DEFAULT_Z_SCORE,
        DEFAULT_WARMUP_WINDOWS);
  }

  /** The half-life in windows: the decay of the baseline per window is {@code 0.5^(1/this)}. */
  public double halfLifeWindows() {
    return (double) halfLife.toNanos() / window.toNanos();
  }
}
