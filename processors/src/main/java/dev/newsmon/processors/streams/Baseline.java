package dev.newsmon.processors.streams;

/**
 * An exponentially weighted mean and variance of a rule's counts per window, kept as decayed sums
 * so that folding in {@code k} empty windows is one closed-form step rather than {@code k} steps,
 * and so that early windows are not biased toward zero (the mean is divided by the decayed weight,
 * not started from 0).
 *
 * <p>With decay {@code d} per window, after windows {@code x_1..x_n}: {@code weight = Σ d^(n-i)},
 * {@code sum = Σ d^(n-i) x_i}, {@code sumSquares = Σ d^(n-i) x_i²}; mean is {@code sum / weight}
 * and variance {@code sumSquares / weight - mean²}.
 *
 * @param windows how many windows have been folded in, empty ones included: the warm-up clock
 */
public record Baseline(long windows, double weight, double sum, double sumSquares) {
  public static final Baseline EMPTY = new Baseline(0, 0, 0, 0);

  /** The per-window decay for a half-life given in windows: {@code 0.5^(1/halfLife)}. */
  public static double decay(double halfLifeWindows) {
    return Math.pow(0.5, 1.0 / halfLifeWindows);
  }

  /** This baseline with one more window of {@code count}. */
  public Baseline fold(long count, double decay) {
    return new Baseline(
        windows + 1,
        weight * decay + 1,
        sum * decay + count,
        sumSquares * decay + (double) count * count);
  }

  /** This baseline with {@code k} more windows of zero mentions: an empty hour is data. */
  public Baseline foldZeros(long k, double decay) {
    if (k <= 0) {
      return this;
    }
    double dk = Math.pow(decay, k);
    // Σ_{i<k} d^i, written to stay exact as d approaches 1.
    double added = 1 - decay < 1e-12 ? k : (1 - dk) / (1 - decay);
    return new Baseline(windows + k, weight * dk + added, sum * dk, sumSquares * dk);
  }

  public double mean() {
    return weight == 0 ? 0 : sum / weight;
  }

  public double variance() {
    double mean = mean();
    return weight == 0 ? 0 : Math.max(0, sumSquares / weight - mean * mean);
  }

  /**
   * The standard deviation used for thresholds: at least {@code sqrt(mean)}, because counts are
   * Poisson-like and a perfectly steady history must not turn every +1 into a spike.
   */
  public double stdDev() {
    return Math.max(Math.sqrt(variance()), Math.sqrt(mean()));
  }
}
