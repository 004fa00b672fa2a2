package dev.newsmon.processors.streams;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The processors' own meters ({@code newsmon.processors.*}); Kafka Streams' metrics are bound
 * separately by {@link ProcessorsApp}. Safe to share between stream threads: Micrometer meters are
 * thread-safe and looked up by name and tags.
 */
public final class ProcessorMetrics {
  public static final String ARTICLES = "newsmon.processors.articles";
  public static final String ARTICLES_MATCHED = "newsmon.processors.articles.matched";
  public static final String MENTIONS = "newsmon.processors.mentions";
  public static final String ALERTS = "newsmon.processors.alerts";
  public static final String LATE = "newsmon.processors.late.records";
  public static final String REJECTED = "newsmon.processors.rejected";
  public static final String MATCH_ERRORS = "newsmon.processors.match.errors";
  public static final String SKIPPED = "newsmon.processors.skipped";

  private final MeterRegistry registry;
  private final Counter articles;
  private final Counter articlesMatched;
  // Looked up once per rule: registry.counter(name, tags) builds an id and hashes it every call,
  // which showed in the stream thread's profile at one call per mention.
  private final Map<String, Counter> mentionsByRule = new ConcurrentHashMap<>();

  public ProcessorMetrics(MeterRegistry registry) {
    this.registry = registry;
    this.articles = registry.counter(ARTICLES);
    this.articlesMatched = registry.counter(ARTICLES_MATCHED);
  }

  /** Meters kept in a private registry, for tests and callers that do not export metrics. */
  public static ProcessorMetrics detached() {
    return new ProcessorMetrics(new SimpleMeterRegistry());
  }

  public MeterRegistry registry() {
    return registry;
  }

  void articleProcessed(boolean matched) {
    articles.increment();
    if (matched) {
      articlesMatched.increment();
    }
  }

  void mention(String ruleId) {
    mentionsByRule
        .computeIfAbsent(ruleId, id -> registry.counter(MENTIONS, "rule", id))
        .increment();
  }

  void alert(String type) {
    registry.counter(ALERTS, "type", type).increment();
  }

  /**
   * @param processor which processor left the record out ({@code rule-counts}, {@code spikes})
   */
  void late(String processor, Duration window) {
    registry.counter(LATE, "processor", processor, "window", window.toString()).increment();
  }

  /**
   * @param cause {@code deserialise}, {@code invalid} or {@code match}
   */
  void rejected(String cause) {
    registry.counter(REJECTED, "cause", cause).increment();
  }

  /** A record of ours (not an article) that would not deserialise and was skipped. */
  void skipped(String topic) {
    registry.counter(SKIPPED, "topic", topic).increment();
  }

  void matchErrors(int errors) {
    registry.counter(MATCH_ERRORS).increment(errors);
  }

  /** The sum of the counters with this name and tags, 0 when none was touched. */
  public double count(String name, String... tags) {
    return registry.find(name).tags(tags).counters().stream().mapToDouble(Counter::count).sum();
  }
}
