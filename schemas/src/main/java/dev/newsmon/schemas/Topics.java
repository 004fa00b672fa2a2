package dev.newsmon.schemas;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.Serdes;

/**
 * Every topic newsmon reads or writes, with its serdes. Names share a prefix, {@value
 * #DEFAULT_PREFIX} unless configured, so several deployments can share a cluster.
 */
public final class Topics {
  public static final String DEFAULT_PREFIX = "newsmon.";

  /**
   * How long the seen topic keeps a record of a published feed item: ingest's deduplication window
   * by default, so that what ingest remembers stays bounded, in memory and on restart alike.
   */
  public static final Duration SEEN_RETENTION = Duration.ofDays(30);

  private final String prefix;
  private final Topic<String, Article> articles;
  private final Topic<byte[], byte[]> articlesRejected;
  private final Topic<String, Mention> mentions;
  private final Topic<String, Alert> alerts;
  private final Topic<String, RuleCount> ruleCounts;
  private final Topic<String, String> ingestSeen;

  private Topics(String prefix) {
    if (prefix == null || !prefix.matches("[A-Za-z0-9._-]*")) {
      throw new IllegalArgumentException(
          "topic prefix may hold only letters, digits, '.', '_' and '-': " + prefix);
    }
    this.prefix = prefix;
    articles =
        new Topic<>(prefix + "articles", Serdes.String(), new JsonSerde<>(Article.class), Map.of());
    articlesRejected =
        new Topic<>(prefix + "articles.rejected", Serdes.ByteArray(), Serdes.ByteArray(), Map.of());
    mentions =
        new Topic<>(prefix + "mentions", Serdes.String(), new JsonSerde<>(Mention.class), Map.of());
    alerts =
        new Topic<>(prefix + "alerts", Serdes.String(), new JsonSerde<>(Alert.class), Map.of());
    ruleCounts =
        new Topic<>(
            prefix + "rule-counts",
            Serdes.String(),
            new JsonSerde<>(RuleCount.class),
            Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
    ingestSeen =
        new Topic<>(
            prefix + "ingest.seen",
            Serdes.String(),
            Serdes.String(),
            Map.of(
                TopicConfig.CLEANUP_POLICY_CONFIG,
                TopicConfig.CLEANUP_POLICY_COMPACT + "," + TopicConfig.CLEANUP_POLICY_DELETE,
                TopicConfig.RETENTION_MS_CONFIG,
                Long.toString(SEEN_RETENTION.toMillis())));
  }

  public static Topics withPrefix(String prefix) {
    return new Topics(prefix);
  }

  public static Topics defaults() {
    return new Topics(DEFAULT_PREFIX);
  }

  public String prefix() {
    return prefix;
  }

  /** Articles keyed by article id. */
  public Topic<String, Article> articles() {
    return articles;
  }

  /** Dead letters: the raw payload (capped) with {@link DeadLetters} headers giving the reason. */
  public Topic<byte[], byte[]> articlesRejected() {
    return articlesRejected;
  }

  /** Mentions keyed by rule id. */
  public Topic<String, Mention> mentions() {
    return mentions;
  }

  /** Alerts keyed by rule id. */
  public Topic<String, Alert> alerts() {
    return alerts;
  }

  /** Windowed rule counts keyed by {@link RuleCount#key}; compacted. */
  public Topic<String, RuleCount> ruleCounts() {
    return ruleCounts;
  }

  /**
   * Ingest's memory of feed items already published, keyed by guid or URL; compacted, and deleted
   * after {@link #SEEN_RETENTION}.
   */
  public Topic<String, String> ingestSeen() {
    return ingestSeen;
  }

  public List<Topic<?, ?>> all() {
    return List.of(articles, articlesRejected, mentions, alerts, ruleCounts, ingestSeen);
  }

  /** Topic definitions for an admin client to create, each with its {@link Topic#configs}. */
  public List<NewTopic> newTopics(int partitions, short replicationFactor) {
    return all().stream()
        .map(t -> new NewTopic(t.name(), partitions, replicationFactor).configs(t.configs()))
        .toList();
  }
}
