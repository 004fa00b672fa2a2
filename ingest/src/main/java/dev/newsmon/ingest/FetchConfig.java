package dev.newsmon.ingest;

import java.time.Duration;

/**
 * How politely feeds and pages are fetched.
 *
 * @param defaultInterval time between polls of a feed that names none
 * @param connectTimeout limit on opening a connection
 * @param readTimeout limit on the whole response, headers and body, once connected
 * @param maxResponseBytes body size cap, enforced while the body streams in
 * @param maxRedirects redirects followed before giving up
 * @param initialBackoff delay after the first failed poll; doubled per further failure
 * @param maxBackoff the longest delay after failures, and the cap on a server's Retry-After
 */
public record FetchConfig(
    Duration defaultInterval,
    Duration connectTimeout,
    Duration readTimeout,
    long maxResponseBytes,
    int maxRedirects,
    Duration initialBackoff,
    Duration maxBackoff,
    String userAgent) {

  public static final long DEFAULT_MAX_RESPONSE_BYTES = 10L * 1024 * 1024;

  public FetchConfig {
    requirePositive("defaultInterval", defaultInterval);
    requirePositive("connectTimeout", connectTimeout);
    requirePositive("readTimeout", readTimeout);
    requirePositive("initialBackoff", initialBackoff);
    requirePositive("maxBackoff", maxBackoff);
    if (maxResponseBytes < 1) {
      throw new IllegalArgumentException("maxResponseBytes must be positive: " + maxResponseBytes);
    }
    if (maxRedirects < 0) {
      throw new IllegalArgumentException("maxRedirects must not be negative: " + maxRedirects);
    }
    if (maxBackoff.compareTo(initialBackoff) < 0) {
      throw new IllegalArgumentException("maxBackoff is shorter than initialBackoff");
    }
    if (userAgent == null || userAgent.isBlank()) {
      throw new IllegalArgumentException("userAgent is required");
    }
  }

  public static FetchConfig defaults() {
    return new FetchConfig(
        Duration.ofMinutes(15),
        Duration.ofSeconds(10),
        Duration.ofSeconds(30),
        DEFAULT_MAX_RESPONSE_BYTES,
        5,
        Duration.ofMinutes(1),
        Duration.ofHours(6),
        "newsmon/0.1 (news monitor)");
  }

  public FetchConfig withDefaultInterval(Duration interval) {
    return new FetchConfig(
        interval,
        connectTimeout,
        readTimeout,
        maxResponseBytes,
        maxRedirects,
        initialBackoff,
        maxBackoff,
        userAgent);
  }

  public FetchConfig withBackoff(Duration initial, Duration max) {
    return new FetchConfig(
        defaultInterval,
        connectTimeout,
        readTimeout,
        maxResponseBytes,
        maxRedirects,
        initial,
        max,
        userAgent);
  }

  public FetchConfig withMaxResponseBytes(long bytes) {
    return new FetchConfig(
        defaultInterval,
        connectTimeout,
        readTimeout,
        bytes,
        maxRedirects,
        initialBackoff,
        maxBackoff,
        userAgent);
  }

  static void requirePositive(String name, Duration d) {
    if (d == null || d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(name + " must be a positive duration: " + d);
    }
  }
}
