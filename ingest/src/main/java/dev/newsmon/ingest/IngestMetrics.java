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
    counter("newsmon.ingest.fetches", "feed polls started", feed).increment();
  }

  void notModified(String feed) {
    counter("newsmon.ingest.fetches.not.modified", "polls answered 304 Not Modified", feed)
        .increment();
  }

  void fetchError(String feed, Fetcher.ErrorKind kind) {
    counter("newsmon.ingest.fetch.errors", "failed fetches and parses", feed, "kind", kind.tag())
        .increment();
  }

  void bytes(String feed, long bytes) {
    Counter.builder("newsmon.ingest.bytes")
        .baseUnit("bytes")
        .description("response bytes read from feeds and pages")
        .tag("feed", feed)
        .register(registry)
        .increment(bytes);
  }

  void newItem(String feed) {
    counter("newsmon.ingest.items.new", "articles handed to Kafka", feed).increment();
  }

  void duplicate(String feed) {
    counter("newsmon.ingest.items.duplicate", "feed items already published", feed).increment();
  }

  /** An item kept after a fix: {@code empty-title}, {@code date-fallback}, {@code truncated}. */
  void repaired(String feed, String reason) {
    counter("newsmon.ingest.items.repaired", "articles kept after a fix", feed, "reason", reason)
        .increment();
  }

  void rejected(String feed, String reason) {
    counter(
            "newsmon.ingest.rejected",
            "inputs sent to the dead letter topic",
            feed,
            "reason",
            reason)
        .increment();
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

  private Counter counter(String name, String description, String feed) {
    return Counter.builder(name).description(description).tag("feed", feed).register(registry);
  }

  private Counter counter(String name, String description, String feed, String tag, String value) {
    return Counter.builder(name)
        .description(description)
        .tag("feed", feed)
        .tag(tag, value)
        .register(registry);
  }
}
