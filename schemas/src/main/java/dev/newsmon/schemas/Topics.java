package dev.newsmon.schemas;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
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

  /**
   * How long the rule-counts topic keeps a count after it was last emitted: the processors' default
   * counts retention (7 days, {@code ProcessorsConfig.DEFAULT_COUNTS_RETENTION}) plus the day Kafka
   * Streams adds to its own window changelogs. Compaction alone keeps one record per rule, window
   * size and window forever (nothing writes tombstones), and every dashboard replays the topic from
   * the beginning. A count's record timestamp is when it was emitted (wall clock), and the stores
   * forget a window 7 days after it starts, so with live news the topic still holds every count the
   * stores hold. Deletion drops whole segments, so a count may outlive this by up to the topic's
   * {@code segment.ms} (7 days by default).
   */
  public static final Duration RULE_COUNTS_RETENTION = Duration.ofDays(8);

  /**
   * The {@code min.insync.replicas} newsmon asks for from this replication factor up (on the topics
   * it creates and on Kafka Streams' changelogs): an acknowledged write is then on two brokers and
   * survives losing one, while writes go on with one broker down. Below it the broker's default
   * stays: 2 of 2 replicas would stop every write whenever either broker is down.
   */
  public static final int MIN_INSYNC_FROM_REPLICAS = 3;

  public static final int MIN_INSYNC_REPLICAS = 2;

  /**
   * Kafka's own value for "the broker's {@code default.replication.factor}", to topic creation and
   * to Kafka Streams' {@code replication.factor} alike.
   */
  public static final int BROKER_DEFAULT_REPLICATION_FACTOR = -1;

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
            Map.of(
                TopicConfig.CLEANUP_POLICY_CONFIG,
                TopicConfig.CLEANUP_POLICY_COMPACT + "," + TopicConfig.CLEANUP_POLICY_DELETE,
                TopicConfig.RETENTION_MS_CONFIG,
                Long.toString(RULE_COUNTS_RETENTION.toMillis())));
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

  /**
   * Windowed rule counts keyed by {@link RuleCount#key}; compacted, and deleted after {@link
   * #RULE_COUNTS_RETENTION}.
   */
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

  /**
   * Topic definitions for an admin client to create, each with its {@link Topic#configs}, and with
   * {@link #minInsyncReplicas} where the replication factor calls for it.
   */
  public List<NewTopic> newTopics(int partitions, short replicationFactor) {
    return all().stream()
        .map(
            t -> {
              Map<String, String> configs = new HashMap<>(t.configs());
              minInsyncReplicas(replicationFactor)
                  .ifPresent(
                      n ->
                          configs.put(
                              TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, Integer.toString(n)));
              return new NewTopic(t.name(), partitions, replicationFactor).configs(configs);
            })
        .toList();
  }

  /**
   * The {@code min.insync.replicas} newsmon sets for a replication factor: {@value
   * #MIN_INSYNC_REPLICAS} from {@value #MIN_INSYNC_FROM_REPLICAS} replicas up, else none (the
   * broker's default).
   */
  public static OptionalInt minInsyncReplicas(int replicationFactor) {
    return replicationFactor >= MIN_INSYNC_FROM_REPLICAS
        ? OptionalInt.of(MIN_INSYNC_REPLICAS)
        : OptionalInt.empty();
  }
}
