package dev.newsmon.ingest;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.UnsupportedVersionException;

/**
 * Whether ingest can publish, as {@code GET /health} answers it, decided only from what the
 * producer has seen of Kafka. Ingest is
 *
 * <ul>
 *   <li>DOWN until the producer has first had an answer from the cluster: the metadata of the
 *       articles topic, or an acknowledgement;
 *   <li>DOWN for good, until ingest is restarted, once a send or that metadata request failed with
 *       an error no retry cures: authentication, authorization, a fenced producer or an unsupported
 *       version (see {@link #isFatal});
 *   <li>DOWN while a record has waited for Kafka's acknowledgement for longer than the stall limit,
 *       whatever other records were acknowledged meanwhile: the broker is away, or one partition
 *       has no leader or too few in-sync replicas. The records stay queued and are retried, so this
 *       heals by itself once Kafka takes them;
 *   <li>UP otherwise.
 * </ul>
 *
 * <p>The producer learns of a broker going away only when it sends: while nothing is queued, an
 * absent broker leaves ingest UP, and the next record it hands over starts its own clock.
 *
 * <p>The publisher reports what happens from its own threads; {@link #at} may be asked from any.
 * The first fatal error also completes {@link #failure()}, so that ingest can stop instead of
 * staying up without publishing.
 */
final class PublishHealth {
  /** What {@code GET /health} answers: 200 with {@code "UP"} or 503 with {@code "DOWN"}. */
  record Status(boolean up, String reason) {
    String status() {
      return up ? "UP" : "DOWN";
    }
  }

  private final Duration stallLimit;
  private volatile Instant reachedAt;
  private final CompletableFuture<Throwable> failure = new CompletableFuture<>();

  /**
   * @param stallLimit how long a record may wait for Kafka's acknowledgement before ingest is DOWN
   */
  PublishHealth(Duration stallLimit) {
    if (stallLimit == null || stallLimit.isNegative() || stallLimit.isZero()) {
      throw new IllegalArgumentException("stall limit must be positive: " + stallLimit);
    }
    this.stallLimit = stallLimit;
  }

  /** The cluster answered the producer, e.g. with metadata. */
  void reached(Instant now) {
    if (reachedAt == null) {
      reachedAt = now;
    }
  }

  /** Kafka acknowledged a record: the cluster has answered. */
  void acknowledged(Instant now) {
    reached(now);
  }

  /** A send or a metadata request failed with {@code error}; only a fatal one counts here. */
  void failed(Throwable error) {
    if (isFatal(error)) {
      failure.complete(error); // only the first one: it is what made ingest useless
    }
  }

  /**
   * Completes, once, with the first fatal error. Its dependants run on whichever thread reported
   * the error, possibly the producer's I/O thread, so they must not block.
   */
  CompletableFuture<Throwable> failure() {
    return failure;
  }

  /**
   * The answer at {@code now}.
   *
   * @param unacknowledged records handed to the producer and not yet acknowledged or failed
   * @param oldestSince when the oldest of them was handed over, or null when none waits
   */
  Status at(Instant now, long unacknowledged, Instant oldestSince) {
    Throwable fatal = failure.getNow(null);
    if (fatal != null) {
      return new Status(false, "publishing failed for good: " + fatal);
    }
    if (reachedAt == null) {
      return new Status(false, "the producer has not reached the Kafka cluster yet");
    }
    if (oldestSince != null) {
      Duration stalled = Duration.between(oldestSince, now);
      if (stalled.compareTo(stallLimit) > 0) {
        return new Status(
            false,
            "a record has waited "
                + stalled.toSeconds()
                + " s for Kafka's acknowledgement (limit "
                + stallLimit
                + "); unacknowledged records: "
                + unacknowledged);
      }
    }
    return new Status(true, "publishing; unacknowledged records: " + unacknowledged);
  }

  /**
   * How long the oldest record not yet acknowledged has waited, in seconds at {@code now}; 0 when
   * none waits. The gauge an alert can watch: with deliveries retried forever, an outage fails no
   * send and counts no retry until the producer's buffer is full. The oldest record, not the last
   * acknowledgement, so that a partition without a leader shows while the others still take
   * records.
   *
   * @param oldestSince when the oldest waiting record was handed over, or null when none waits
   */
  static double stalledSeconds(Instant now, Instant oldestSince) {
    if (oldestSince == null) {
      return 0;
    }
    return Math.max(0, Duration.between(oldestSince, now).toMillis() / 1000.0);
  }

  /**
   * True for errors after which this producer will not publish again, whatever it retries: wrong
   * credentials or missing ACLs (which need a new configuration or an operator), a producer fenced
   * by another with its identity, and a broker too old for it. The cause chain is searched, since
   * the producer wraps the original error in later sends.
   */
  static boolean isFatal(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t instanceof AuthenticationException
          || t instanceof AuthorizationException
          || t instanceof ProducerFencedException
          || t instanceof UnsupportedVersionException) {
        return true;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return false;
  }
}
