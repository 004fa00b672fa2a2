package dev.newsmon.ingest;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.List;
import java.util.function.DoubleSupplier;

/**
 * Ingest's meters, all named {@code newsmon.ingest.*} and tagged with {@code feed}: the feed's name
 * for feeds, else {@code http}, {@code stdin} or {@code files}.
 */
public final class IngestMetrics {
  public static final String ITEMS_NEW = "newsmon.ingest.items.new";
  public static final String ITEMS_DUPLICATE = "newsmon.ingest.items.duplicate";
  public static final String ITEMS_REPAIRED = "newsmon.ingest.items.repaired";
  public static final String REJECTED = "newsmon.ingest.rejected";
  private static final String PUBLISH_RETRIES = "newsmon.ingest.publish.retries";
  private static final String PUBLISH_FAILURES = "newsmon.ingest.publish.failures";
  public static final String PUBLISH_STALLED = "newsmon.ingest.publish.stalled";

  // why an article was repaired rather than rejected
  static final String REPAIRED_EMPTY_TITLE = "empty-title";
  static final String REPAIRED_DATE_FALLBACK = "date-fallback";
  static final String REPAIRED_TRUNCATED = "truncated";
  private static final List<String> FEED_REPAIRS =
      List.of(REPAIRED_EMPTY_TITLE, REPAIRED_DATE_FALLBACK, REPAIRED_TRUNCATED);

  private final MeterRegistry registry;

  public IngestMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  public MeterRegistry registry() {
    return registry;
  }

  /**
   * Registers at zero every counter whose tags {@code config} already names: per feed its polls,
   * 304s, errors of each kind, bytes, new and duplicate items, and its rejects and repairs of every
   * reason a feed can have; per other source its new and duplicate items, rejects and repairs; and
   * the publish retries and failures. A counter that first appears at 1 has no earlier sample, so
   * Prometheus' {@code increase()} and {@code rate()} see no increase: an alert misses the first
   * incident and a board the first rejected input.
   */
  IngestMetrics startAtZero(IngestConfig config) {
    for (FeedConfig feed : config.feeds()) {
      String name = feed.name();
      fetches(name);
      notModifieds(name);
      for (Fetcher.ErrorKind kind : Fetcher.ErrorKind.values()) {
        fetchErrors(name, kind);
      }
      bytesRead(name);
      items(name, Rejection.FEED_KINDS, FEED_REPAIRS);
    }
    if (config.watchDir() != null || !config.files().isEmpty()) {
      items(FileSource.TAG, Rejection.FILE_KINDS, List.of(REPAIRED_TRUNCATED));
    }
    if (config.stdin()) {
      items(StdinSource.TAG, Rejection.JSON_KINDS, List.of(REPAIRED_TRUNCATED));
    }
    if (config.httpPort() != -1) {
      items(PushServer.TAG, Rejection.JSON_KINDS, List.of(REPAIRED_TRUNCATED));
    }
    registry.counter(PUBLISH_RETRIES);
    registry.counter(PUBLISH_FAILURES);
    return this;
  }

  private void items(String feed, List<String> rejectKinds, List<String> repairs) {
    newItems(feed);
    duplicates(feed);
    rejectKinds.forEach(kind -> rejects(feed, kind));
    repairs.forEach(reason -> repairs(feed, reason));
  }

  void fetch(String feed) {
    fetches(feed).increment();
  }

  private Counter fetches(String feed) {
    return counter("newsmon.ingest.fetches", "feed polls started", feed);
  }

  void notModified(String feed) {
    notModifieds(feed).increment();
  }

  private Counter notModifieds(String feed) {
    return counter("newsmon.ingest.fetches.not.modified", "polls answered 304 Not Modified", feed);
  }

  void fetchError(String feed, Fetcher.ErrorKind kind) {
    fetchErrors(feed, kind).increment();
  }

  private Counter fetchErrors(String feed, Fetcher.ErrorKind kind) {
    return counter(
        "newsmon.ingest.fetch.errors", "failed fetches and parses", feed, "kind", kind.tag());
  }

  void bytes(String feed, long bytes) {
    bytesRead(feed).increment(bytes);
  }

  private Counter bytesRead(String feed) {
    return Counter.builder("newsmon.ingest.bytes")
        .baseUnit("bytes")
        .description("response bytes read from feeds and pages")
        .tag("feed", feed)
        .register(registry);
  }

  void newItem(String feed) {
    newItems(feed).increment();
  }

  private Counter newItems(String feed) {
    return counter(ITEMS_NEW, "articles handed to Kafka", feed);
  }

  void duplicate(String feed) {
    duplicates(feed).increment();
  }

  private Counter duplicates(String feed) {
    return counter(ITEMS_DUPLICATE, "feed items already published", feed);
  }

  /**
   * An item kept after a fix.
   *
   * @param reason one of the {@code REPAIRED_*} constants
   */
  void repaired(String feed, String reason) {
    repairs(feed, reason).increment();
  }

  private Counter repairs(String feed, String reason) {
    return counter(ITEMS_REPAIRED, "articles kept after a fix", feed, "reason", reason);
  }

  /**
   * An input sent to the dead-letter topic.
   *
   * @param reason a {@link Rejection} kind
   */
  void rejected(String feed, String reason) {
    rejects(feed, reason).increment();
  }

  private Counter rejects(String feed, String reason) {
    return counter(REJECTED, "inputs sent to the dead letter topic", feed, "reason", reason);
  }

  /** Time from the article's own publication date to its acknowledgement by Kafka. */
  void publishLag(String feed, Duration lag) {
    if (!lag.isNegative()) {
      Timer.builder("newsmon.ingest.publish.lag").tag("feed", feed).register(registry).record(lag);
    }
  }

  /**
   * Exports {@code stalledSeconds} as {@value #PUBLISH_STALLED} (seconds): how long the oldest
   * record not yet acknowledged by Kafka has waited, 0 when none waits.
   */
  void publishStalled(DoubleSupplier stalledSeconds) {
    // strongly held: the supplier is a lambda nothing else refers to, and a weak one would be
    // collected, leaving the gauge at NaN
    Gauge.builder(PUBLISH_STALLED, stalledSeconds, DoubleSupplier::getAsDouble)
        .strongReference(true)
        .baseUnit("seconds")
        .description("how long the oldest record not yet acknowledged by Kafka has waited")
        .register(registry);
  }

  void publishRetry() {
    registry.counter(PUBLISH_RETRIES).increment();
  }

  void publishFailure() {
    registry.counter(PUBLISH_FAILURES).increment();
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
