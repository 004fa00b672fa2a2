package dev.newsmon.processors.streams;

import dev.newsmon.schemas.Topics;
import dev.newsmon.schemas.watchlist.Alerting;
import dev.newsmon.schemas.watchlist.Rule;
import dev.newsmon.schemas.watchlist.Watchlist;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeSet;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.streams.StreamsConfig;

/**
 * Everything the processors need, validated once: where to read and write, what to match, when to
 * alert, and how Kafka Streams runs. Client settings (security, timeouts, anything else) pass
 * through {@link #clientProperties} unchanged; the typed fields win where both set the same key,
 * except {@code replicationFactor} and {@code groupInstanceId}, which the client properties
 * override.
 *
 * @param applicationId the Kafka Streams application id: consumer group, changelog and
 *     transactional-id prefix; instances sharing it share the work
 * @param topics the topic names and serdes
 * @param watchlist the rules to match and the {@link Alerting} settings (with per-rule overrides)
 * @param stateDir where RocksDB stores and the instance's process id live
 * @param processingGuarantee {@link StreamsConfig#EXACTLY_ONCE_V2} (default) or {@link
 *     StreamsConfig#AT_LEAST_ONCE}
 * @param commitInterval how often offsets are committed; under exactly-once this is also how long a
 *     mention waits before a {@code read_committed} consumer can see it
 * @param numThreads stream threads in this instance
 * @param countWindows the window sizes of the dashboard counts; always holds the alerting window
 * @param countsRetention how long windowed counts stay queryable
 * @param countsEmitInterval how often (wall clock) the rule counts changed since the last emission
 *     go out on {@code newsmon.rule-counts}, one record per changed rule and window; defaults to
 *     the commit interval
 * @param replicationFactor of the changelog topics Kafka Streams creates, or {@link
 *     Topics#BROKER_DEFAULT_REPLICATION_FACTOR} for the broker's {@code
 *     default.replication.factor}; a {@code replication.factor} in the client properties wins
 * @param groupInstanceId this instance's static group membership ({@code group.instance.id} of its
 *     main consumers, which Kafka Streams suffixes with the thread number), or null for dynamic
 *     membership; one set in the client properties wins. It must be unique within the application
 *     and stable across restarts (a StatefulSet's pod name)
 * @param maxThreadFailures how many stream-thread failures within {@code threadFailureWindow} are
 *     answered by replacing the thread; the next one within it shuts the client down ({@code
 *     ERROR}), see {@link ProcessorsApp}
 * @param threadFailureWindow the sliding window {@code maxThreadFailures} counts failures in
 * @param clientProperties Kafka client and Streams settings passed through as given
 */
public record ProcessorsConfig(
    String applicationId,
    Topics topics,
    Watchlist watchlist,
    Path stateDir,
    String processingGuarantee,
    Duration commitInterval,
    int numThreads,
    List<Duration> countWindows,
    Duration countsRetention,
    Duration countsEmitInterval,
    int replicationFactor,
    String groupInstanceId,
    int maxThreadFailures,
    Duration threadFailureWindow,
    Map<String, String> clientProperties) {

  public static final String DEFAULT_APPLICATION_ID = "newsmon-processors";

  /**
   * Half of Kafka's exactly-once default: a mention waits for the next commit, and at 100 ms the
   * p99 from article to visible mention was 12–15× the raw broker's, at 50 ms 7.6–9.4×, for 2–8%
   * more CPU per article (BENCHMARKS.md, Pipeline, run 3).
   */
  public static final Duration DEFAULT_COMMIT_INTERVAL = Duration.ofMillis(50);

  /** The Streams producers' linger unless the client properties say otherwise. */
  public static final Duration DEFAULT_PRODUCER_LINGER = Duration.ofMillis(5);

  /**
   * Also the basis of the rule-counts topic's {@code retention.ms} ({@link
   * Topics#RULE_COUNTS_RETENTION}, a day more): change both together.
   */
  public static final Duration DEFAULT_COUNTS_RETENTION = Duration.ofDays(7);

  public static final List<Duration> DEFAULT_EXTRA_COUNT_WINDOWS =
      List.of(Duration.ofMinutes(1), Duration.ofDays(1));

  /**
   * A fault that clears (a broker restarting, a network partition) kills a thread once, or each of
   * a few threads once, and the replacement carries on; five leaves room for that on an instance
   * with up to five threads. A failure that comes back on every retry is spent through it in
   * seconds when a record causes it (the new thread resumes from the last commit and meets the
   * record again), and in about four minutes when a rebalance does: a changelog Kafka Streams
   * cannot create fails the group leader's thread once per rebalance, and the next rebalance waits
   * for the dead thread's consumer to time out of the group (45 s by default). With more threads
   * than that the default is the thread count ({@link #defaultMaxThreadFailures}), so that a fault
   * that hits every thread once does not stop the instance.
   */
  public static final int DEFAULT_MAX_THREAD_FAILURES = 5;

  /** {@link #DEFAULT_MAX_THREAD_FAILURES}, or {@code numThreads} when that is more. */
  public static int defaultMaxThreadFailures(int numThreads) {
    return Math.max(DEFAULT_MAX_THREAD_FAILURES, numThreads);
  }

  /**
   * Long enough to hold six of those rebalance-paced failures (six in under four minutes at the
   * default session timeout) with room for a session twice as long; short enough that a thread
   * dying every few minutes forever is still replaced, and left to the {@code
   * NewsmonStreamThreadFailed} alert rather than restarting the whole instance.
   */
  public static final Duration DEFAULT_THREAD_FAILURE_WINDOW = Duration.ofMinutes(10);

  public ProcessorsConfig {
    if (applicationId == null || !applicationId.matches(NAME)) {
      throw new IllegalArgumentException(
          "applicationId may hold only letters, digits, '.', '_' and '-': " + applicationId);
    }
    if (groupInstanceId != null && !groupInstanceId.matches(NAME)) {
      throw new IllegalArgumentException(
          "groupInstanceId may hold only letters, digits, '.', '_' and '-': " + groupInstanceId);
    }
    if (replicationFactor != Topics.BROKER_DEFAULT_REPLICATION_FACTOR
        && (replicationFactor < 1 || replicationFactor > Short.MAX_VALUE)) {
      throw new IllegalArgumentException(
          "replicationFactor must be at least 1, or "
              + Topics.BROKER_DEFAULT_REPLICATION_FACTOR
              + " for the broker's default: "
              + replicationFactor);
    }
    require("topics", topics);
    require("watchlist", watchlist);
    require("stateDir", stateDir);
    if (!StreamsConfig.EXACTLY_ONCE_V2.equals(processingGuarantee)
        && !StreamsConfig.AT_LEAST_ONCE.equals(processingGuarantee)) {
      throw new IllegalArgumentException(
          "processingGuarantee must be "
              + StreamsConfig.EXACTLY_ONCE_V2
              + " or "
              + StreamsConfig.AT_LEAST_ONCE
              + ": "
              + processingGuarantee);
    }
    if (commitInterval == null || commitInterval.isNegative() || commitInterval.isZero()) {
      throw new IllegalArgumentException("commitInterval must be positive: " + commitInterval);
    }
    if (numThreads < 1) {
      throw new IllegalArgumentException("numThreads must be at least 1: " + numThreads);
    }
    if (maxThreadFailures < 1) {
      throw new IllegalArgumentException(
          "maxThreadFailures must be at least 1: " + maxThreadFailures);
    }
    if (threadFailureWindow == null
        || threadFailureWindow.isNegative()
        || threadFailureWindow.isZero()) {
      throw new IllegalArgumentException(
          "threadFailureWindow must be positive: " + threadFailureWindow);
    }
    TreeSet<Duration> windows = new TreeSet<>();
    windows.add(watchlist.alerting().window());
    for (Duration w : countWindows == null ? List.<Duration>of() : countWindows) {
      if (w == null || w.isNegative() || w.isZero() || w.toMillis() < 1) {
        throw new IllegalArgumentException("count windows must be at least 1 ms: " + w);
      }
      windows.add(w);
    }
    countWindows = List.copyOf(windows);
    if (countsRetention == null) {
      countsRetention = DEFAULT_COUNTS_RETENTION;
    }
    Duration minRetention = windows.last().plus(watchlist.alerting().grace());
    if (countsRetention.compareTo(minRetention) < 0) {
      throw new IllegalArgumentException(
          "countsRetention must cover the largest count window plus grace ("
              + minRetention
              + "): "
              + countsRetention);
    }
    if (countsEmitInterval == null) {
      countsEmitInterval = commitInterval;
    }
    if (countsEmitInterval.isNegative() || countsEmitInterval.toMillis() < 1) {
      throw new IllegalArgumentException(
          "countsEmitInterval must be at least 1 ms: " + countsEmitInterval);
    }
    clientProperties = clientProperties == null ? Map.of() : Map.copyOf(clientProperties);
  }

  private static final String NAME = "[A-Za-z0-9._-]+";

  private static void require(String name, Object value) {
    if (value == null) {
      throw new IllegalArgumentException(name + " is required");
    }
  }

  public static Builder builder(Watchlist watchlist) {
    return new Builder(watchlist);
  }

  /** The largest of {@link #countWindows}: it bounds how far back any view counts. */
  public Duration largestCountWindow() {
    return countWindows.get(countWindows.size() - 1);
  }

  /** The watchlist's alerting settings: window, grace and the default thresholds. */
  public Alerting alerting() {
    return watchlist.alerting();
  }

  /** The alerting settings in force for a rule: its overrides, or the watchlist's defaults. */
  public Alerting alertingFor(String ruleId) {
    return watchlist.rule(ruleId).map(r -> r.effectiveAlerting(alerting())).orElse(alerting());
  }

  /** Per-rule alerting settings, precomputed for the processors' hot path. */
  Map<String, Alerting> alertingByRule() {
    Map<String, Alerting> byRule = new LinkedHashMap<>();
    for (Rule rule : watchlist.rules()) {
      byRule.put(rule.id(), rule.effectiveAlerting(alerting()));
    }
    return Map.copyOf(byRule);
  }

  /** The properties to start {@code KafkaStreams} with. */
  public Properties streamsProperties() {
    Properties p = new Properties();
    p.putAll(clientProperties);
    p.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
    p.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toAbsolutePath().toString());
    p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, processingGuarantee);
    p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, Long.toString(commitInterval.toMillis()));
    p.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, Integer.toString(numThreads));
    // Only a corrupted mention reaches this handler; the articles source reads bytes and routes
    // bad payloads to the dead-letter topic itself.
    p.putIfAbsent(
        StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG,
        CountingDeserializationHandler.class.getName());
    p.putIfAbsent(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    // Kafka 5.0's default, set now so the processors behave the same on both.
    p.putIfAbsent("processing.exception.handler.global.enabled", "true");
    // Streams sets linger.ms to 100 ms for its producers. Under exactly-once every commit flushes
    // the producer anyway, so a long linger only piles the interval's records into that flush and
    // the commit (and with it every mention's visibility) waits for them; the producer's own
    // default of 5 ms sends them while the interval runs. Measured in BENCHMARKS.md (Pipeline).
    putDefault(
        p, ProducerConfig.LINGER_MS_CONFIG, Long.toString(DEFAULT_PRODUCER_LINGER.toMillis()));
    // Without it the changelogs get the broker's default.replication.factor, which is 1 unless
    // configured: a broker lost would take the only copy of its changelog partitions, and a
    // task's state could then not be restored. The client properties win, unlike for the typed
    // fields above, because `process` always passes its --replication-factor (the broker's default
    // unless given), while a file that sets replication.factor says so on purpose.
    if (replicationFactor != Topics.BROKER_DEFAULT_REPLICATION_FACTOR) {
      p.putIfAbsent(StreamsConfig.REPLICATION_FACTOR_CONFIG, Integer.toString(replicationFactor));
    }
    // The changelogs then take the min.insync.replicas of the topics newsmon creates, which
    // follows the replication factor in force.
    String minInsync = StreamsConfig.topicPrefix(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG);
    if (!p.containsKey(minInsync)) {
      Topics.minInsyncReplicas(replicationFactorIn(p))
          .ifPresent(n -> p.put(minInsync, Integer.toString(n)));
    }
    if (groupInstanceId != null && !staticMember(p)) {
      p.put(
          StreamsConfig.mainConsumerPrefix(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG),
          groupInstanceId);
    }
    if (!p.containsKey(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG)) {
      throw new IllegalArgumentException(
          "clientProperties must hold " + CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG);
    }
    return p;
  }

  /** The changelogs' replication factor these properties give Kafka Streams; -1 for none. */
  private static int replicationFactorIn(Properties p) {
    try {
      return Integer.parseInt(
          p.getProperty(
                  StreamsConfig.REPLICATION_FACTOR_CONFIG,
                  Integer.toString(Topics.BROKER_DEFAULT_REPLICATION_FACTOR))
              .strip());
    } catch (NumberFormatException e) {
      // Kafka Streams rejects it itself, naming the key
      return Topics.BROKER_DEFAULT_REPLICATION_FACTOR;
    }
  }

  /**
   * Whether these Kafka Streams properties give the main consumers a {@code group.instance.id}
   * (static membership), under any of the keys Kafka Streams reads it from.
   */
  static boolean staticMember(Properties p) {
    String key = ConsumerConfig.GROUP_INSTANCE_ID_CONFIG;
    return List.of(key, StreamsConfig.consumerPrefix(key), StreamsConfig.mainConsumerPrefix(key))
        .stream()
        .map(p::getProperty)
        .anyMatch(v -> v != null && !v.isBlank());
  }

  /** Sets a producer default unless the client properties set it, prefixed or not. */
  private static void putDefault(Properties p, String producerKey, String value) {
    String prefixed = StreamsConfig.producerPrefix(producerKey);
    if (!p.containsKey(producerKey) && !p.containsKey(prefixed)) {
      p.put(prefixed, value);
    }
  }

  /** Builds a config from defaults; only the watchlist is required. */
  public static final class Builder {
    private final Watchlist watchlist;
    private String applicationId = DEFAULT_APPLICATION_ID;
    private Topics topics = Topics.defaults();
    private Path stateDir = Path.of(System.getProperty("java.io.tmpdir"), "newsmon-streams");
    private String processingGuarantee = StreamsConfig.EXACTLY_ONCE_V2;
    private Duration commitInterval = DEFAULT_COMMIT_INTERVAL;
    private int numThreads = 1;
    private List<Duration> countWindows = DEFAULT_EXTRA_COUNT_WINDOWS;
    private Duration countsRetention = DEFAULT_COUNTS_RETENTION;
    private Duration countsEmitInterval;
    private int replicationFactor = Topics.BROKER_DEFAULT_REPLICATION_FACTOR;
    private String groupInstanceId;
    private Integer maxThreadFailures; // null: by the thread count, see defaultMaxThreadFailures
    private Duration threadFailureWindow = DEFAULT_THREAD_FAILURE_WINDOW;
    private final Map<String, String> clientProperties = new LinkedHashMap<>();

    private Builder(Watchlist watchlist) {
      this.watchlist = watchlist;
    }

    public Builder applicationId(String applicationId) {
      this.applicationId = applicationId;
      return this;
    }

    public Builder topics(Topics topics) {
      this.topics = topics;
      return this;
    }

    public Builder stateDir(Path stateDir) {
      this.stateDir = stateDir;
      return this;
    }

    public Builder processingGuarantee(String processingGuarantee) {
      this.processingGuarantee = processingGuarantee;
      return this;
    }

    public Builder commitInterval(Duration commitInterval) {
      this.commitInterval = commitInterval;
      return this;
    }

    public Builder numThreads(int numThreads) {
      this.numThreads = numThreads;
      return this;
    }

    /** Extra dashboard window sizes besides the alerting window. */
    public Builder countWindows(List<Duration> countWindows) {
      this.countWindows = countWindows;
      return this;
    }

    public Builder countsRetention(Duration countsRetention) {
      this.countsRetention = countsRetention;
      return this;
    }

    /** How often changed rule counts are emitted; null (the default) for the commit interval. */
    public Builder countsEmitInterval(Duration countsEmitInterval) {
      this.countsEmitInterval = countsEmitInterval;
      return this;
    }

    /** Of the changelogs; the broker's default unless set. */
    public Builder replicationFactor(int replicationFactor) {
      this.replicationFactor = replicationFactor;
      return this;
    }

    /** Static group membership; null (the default) for dynamic membership. */
    public Builder groupInstanceId(String groupInstanceId) {
      this.groupInstanceId = groupInstanceId;
      return this;
    }

    /**
     * Stream-thread failures within the {@link #threadFailureWindow} that are answered by replacing
     * the thread; the next one shuts the client down. Unset, {@link #defaultMaxThreadFailures}.
     */
    public Builder maxThreadFailures(int maxThreadFailures) {
      this.maxThreadFailures = maxThreadFailures;
      return this;
    }

    public Builder threadFailureWindow(Duration threadFailureWindow) {
      this.threadFailureWindow = threadFailureWindow;
      return this;
    }

    public Builder bootstrapServers(String bootstrapServers) {
      clientProperties.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
      return this;
    }

    /** Client settings as read from a properties file; later calls add to earlier ones. */
    public Builder clientProperties(Properties properties) {
      properties
          .stringPropertyNames()
          .forEach(k -> clientProperties.put(k, properties.getProperty(k)));
      return this;
    }

    public Builder clientProperty(String key, String value) {
      clientProperties.put(key, value);
      return this;
    }

    public ProcessorsConfig build() {
      return new ProcessorsConfig(
          applicationId,
          topics,
          watchlist,
          stateDir,
          processingGuarantee,
          commitInterval,
          numThreads,
          countWindows,
          countsRetention,
          countsEmitInterval,
          replicationFactor,
          groupInstanceId,
          maxThreadFailures != null ? maxThreadFailures : defaultMaxThreadFailures(numThreads),
          threadFailureWindow,
          clientProperties);
    }
  }
}
