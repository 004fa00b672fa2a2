package dev.newsmon.processors.streams;

import dev.newsmon.schemas.AlertType;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
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
  public static final String ARTICLES_REPEATED = "newsmon.processors.articles.repeated";
  public static final String MENTIONS = "newsmon.processors.mentions";
  public static final String ALERTS = "newsmon.processors.alerts";
  public static final String LATE = "newsmon.processors.late.records";
  public static final String REJECTED = "newsmon.processors.rejected";
  public static final String MATCH_ERRORS = "newsmon.processors.match.errors";
  public static final String SKIPPED = "newsmon.processors.skipped";
  public static final String EVENT_TIME_REPLACED = "newsmon.processors.event.time.replaced";

  // why MentionsTopology sends an input record to the dead-letter topic
  static final String REJECT_DESERIALISE = "deserialise";
  static final String REJECT_INVALID = "invalid";
  static final String REJECT_MATCH = "match";
  static final List<String> REJECT_CAUSES =
      List.of(REJECT_DESERIALISE, REJECT_INVALID, REJECT_MATCH);

  /**
   * Rules with a mention series of their own, the first in watchlist order; the mentions of any
   * further rule count under {@link #OTHER_RULES}. A label per rule of a 100,000-rule watchlist
   * would be 100,000 series on every scrape; per-rule counts of any size are on the rule-counts
   * topic.
   */
  public static final int RULE_SERIES_LIMIT = 1_000;

  /** The {@code rule} tag of the mentions of rules beyond {@link #RULE_SERIES_LIMIT}. */
  public static final String OTHER_RULES = "(other rules)";

  private final MeterRegistry registry;
  private final Counter articles;
  private final Counter articlesMatched;
  private final Counter articlesRepeated;
  // Looked up once per rule: building a counter makes an id and hashes it every call,
  // which showed in the stream thread's profile at one call per mention.
  private final Map<String, Counter> mentionsByRule = new ConcurrentHashMap<>();
  private volatile Counter otherRules;

  // the HELP line Prometheus shows for each
  private static final Map<String, String> DESCRIPTIONS =
      Map.of(
          ARTICLES,
          "articles read from the articles topic",
          ARTICLES_MATCHED,
          "articles with at least one mention",
          ARTICLES_REPEATED,
          "articles with mentions sent again unchanged (same id and text) and skipped",
          MENTIONS,
          "mentions emitted, per rule",
          ALERTS,
          "alerts emitted, per type",
          LATE,
          "mentions left out of a window that had closed (its end plus grace)",
          REJECTED,
          "input records sent to the dead-letter topic, per cause",
          MATCH_ERRORS,
          "rule checks that failed on an article",
          SKIPPED,
          "records of newsmon's own topics that could not be read and were skipped",
          EVENT_TIME_REPLACED,
          "mentions whose publishedAt could not be true (ahead, before-1970): event time is when"
              + " the article reached Kafka");

  private Counter counter(String name, String... tags) {
    return Counter.builder(name).description(DESCRIPTIONS.get(name)).tags(tags).register(registry);
  }

  public ProcessorMetrics(MeterRegistry registry) {
    this.registry = registry;
    this.articles = counter(ARTICLES);
    this.articlesMatched = counter(ARTICLES_MATCHED);
    this.articlesRepeated = counter(ARTICLES_REPEATED);
  }

  /**
   * Registers at zero every counter whose tags {@code config} already names: mentions per rule (up
   * to {@link #RULE_SERIES_LIMIT}, and {@link #OTHER_RULES} when there are more), alerts per type,
   * late records per processor and window, rejects per cause, skipped records of the mentions
   * topic, and match errors. A counter that first appears at 1 has no earlier sample, so
   * Prometheus' {@code increase()} sees no increase and an alert on it misses the first incident; a
   * board shows "No data" where the truth is 0.
   */
  public ProcessorMetrics startAtZero(ProcessorsConfig config) {
    config.watchlist().rules().forEach(rule -> mention(rule.id(), 0));
    if (config.watchlist().rules().size() > RULE_SERIES_LIMIT) {
      otherRules();
    }
    for (AlertType type : AlertType.values()) {
      counter(ALERTS, "type", type.name());
    }
    for (Duration window : config.countWindows()) {
      lateCounter(RuleCountsTopology.LATE_TAG, window);
    }
    lateCounter(SpikeAlertsTopology.LATE_TAG, config.alerting().window());
    for (String cause : REJECT_CAUSES) {
      counter(REJECTED, "cause", cause);
    }
    counter(SKIPPED, "topic", config.topics().mentions().name());
    counter(MATCH_ERRORS);
    for (String reason : EventTime.REASONS) {
      counter(EVENT_TIME_REPLACED, "reason", reason);
    }
    return this;
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

  void articleRepeated() {
    articlesRepeated.increment();
  }

  void mention(String ruleId) {
    mention(ruleId, 1);
  }

  private void mention(String ruleId, int count) {
    Counter counter = mentionsByRule.get(ruleId);
    if (counter == null) {
      // two threads may both pass the size test: a series or two over the limit, never unbounded
      counter =
          mentionsByRule.size() < RULE_SERIES_LIMIT
              ? mentionsByRule.computeIfAbsent(ruleId, id -> counter(MENTIONS, "rule", id))
              : otherRules();
    }
    counter.increment(count);
  }

  private Counter otherRules() {
    Counter c = otherRules;
    if (c == null) {
      c = counter(MENTIONS, "rule", OTHER_RULES);
      otherRules = c;
    }
    return c;
  }

  void alert(String type) {
    counter(ALERTS, "type", type).increment();
  }

  /**
   * @param processor which processor left the record out ({@code rule-counts}, {@code spikes})
   */
  void late(String processor, Duration window) {
    lateCounter(processor, window).increment();
  }

  private Counter lateCounter(String processor, Duration window) {
    return counter(LATE, "processor", processor, "window", window.toString());
  }

  /**
   * @param cause one of {@link #REJECT_CAUSES}
   */
  void rejected(String cause) {
    counter(REJECTED, "cause", cause).increment();
  }

  /** A record of ours (not an article) that would not deserialise and was skipped. */
  void skipped(String topic) {
    counter(SKIPPED, "topic", topic).increment();
  }

  /**
   * @param reason one of {@link EventTime#REASONS}
   */
  void eventTimeReplaced(String reason) {
    counter(EVENT_TIME_REPLACED, "reason", reason).increment();
  }

  void matchErrors(int errors) {
    counter(MATCH_ERRORS).increment(errors);
  }

  /** The sum of the counters with this name and tags, 0 when none was touched. */
  public double count(String name, String... tags) {
    return registry.find(name).tags(tags).counters().stream().mapToDouble(Counter::count).sum();
  }
}
