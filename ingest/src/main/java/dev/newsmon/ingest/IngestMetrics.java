package dev.newsmon.ingest;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;

/**
 * Ingest's meters, all named {@code newsmon.ingest.*} and tagged with {@code feed}: the feed's name
 * for feeds, else {@code http}, {@code stdin} or {@code files}.
 */
public final class IngestMetrics {
  private final MeterRegistry registry;

  public IngestMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  public MeterRegistry registry() {
    return registry;
  }

  void fetch(String feed) {
    counter("newsmon.ingest.fetches", feed).increment();
  }

  void notModified(String feed) {
    counter("newsmon.ingest.fetches.not.modified", feed).increment();
  }

  void fetchError(String feed, Fetcher.ErrorKind kind) {
    counter("newsmon.ingest.fetch.errors", feed, "kind", kind.tag()).increment();
  }

  void bytes(String feed, long bytes) {
    Counter.builder("newsmon.ingest.bytes")
        .baseUnit("bytes")
        .tag("feed", feed)
        .register(registry)
        .increment(bytes);
  }

  void newItem(String feed) {
    counter("newsmon.ingest.items.new", feed).increment();
  }

  void duplicate(String feed) {
    counter("newsmon.ingest.items.duplicate", feed).increment();
  }

  /** An item kept after a fix: {@code empty-title}, {@code date-fallback}, {@code truncated}. */
  void repaired(String feed, String reason) {
    counter("newsmon.ingest.items.repaired", feed, "reason", reason).increment();
  }

  void rejected(String feed, String reason) {
    counter("newsmon.ingest.rejected", feed, "reason", reason).increment();
  }

  /** Time from the article's own publication date to its acknowledgement by Kafka. */
  void publishLag(String feed, Duration lag) {
    if (!lag.isNegative()) {
      Timer.builder("newsmon.ingest.publish.lag").tag("feed", feed).register(registry).record(lag);
    }
  }

  void publishRetry() {
    registry.counter("newsmon.ingest.publish.retries").increment();
  }

  void publishFailure() {
    registry.counter("newsmon.ingest.publish.failures").increment();
  }

  private Counter counter(String name, String feed) {
    return registry.counter(name, "feed", feed);
  }

  private Counter counter(String name, String feed, String tag, String value) {
    return registry.counter(name, "feed", feed, tag, value);
  }
}
