package dev.newsmon.processors.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.newsmon.broker.EmbeddedKafka;
import dev.newsmon.processors.match.ArticleMatcher;
import dev.newsmon.schemas.Alert;
import dev.newsmon.schemas.AlertType;
import dev.newsmon.schemas.Article;
import dev.newsmon.schemas.Json;
import dev.newsmon.schemas.RuleCount;
import dev.newsmon.schemas.Topics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyWindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The processors on a real broker: a hard stop and restart, and two instances sharing the work. */
class ProcessorsClusterIT {
  @AutoClose private static final EmbeddedKafka kafka = EmbeddedKafka.startEphemeral();
  private static final List<byte[]> INPUT = TestArticles.payloads();
  private static long expectedMentions;

  @BeforeAll
  static void start() {
    ArticleMatcher matcher = ArticleMatcher.compile(TestArticles.watchlist());
    for (byte[] payload : INPUT) {
      try {
        Article a = Json.read(payload, Article.class);
        expectedMentions += matcher.match(a, Instant.EPOCH).mentions().size();
      } catch (Exception e) {
        // One of the broken payloads: no mentions.
      }
    }
  }

  private static ProcessorsConfig config(String prefix) {
    return ProcessorsConfig.builder(TestArticles.watchlist())
        .applicationId(prefix + "processors")
        .topics(Topics.withPrefix(prefix))
        .stateDir(Fixtures.tempDir())
        .bootstrapServers(kafka.bootstrapServers())
        .commitInterval(Duration.ofMillis(100))
        // A stopped instance does not leave the group; the broker's minimum session timeout
        // bounds how long its partitions wait for a new owner.
        .clientProperty("consumer.session.timeout.ms", "6000")
        .clientProperty("consumer.heartbeat.interval.ms", "1000")
        .build();
  }

  private static Properties props(ProcessorsConfig config) {
    Properties p = new Properties();
    p.putAll(config.clientProperties());
    return p;
  }

  private static void produce(Topics topics, List<byte[]> payloads) {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
      int i = 0;
      for (byte[] payload : payloads) {
        producer.send(
            new ProducerRecord<>(
                topics.articles().name(), Integer.toString(i++).getBytes(), payload));
      }
      producer.flush();
    }
  }

  private static void awaitDone(ProcessorsConfig config) {
    try (Admin admin = kafka.admin()) {
      await()
          .atMost(Duration.ofSeconds(90))
          .pollInterval(Duration.ofMillis(200))
          .until(() -> GroupProgress.processed(admin, config.applicationId(), config.topics()));
    }
  }

  private static long countMentions(ProcessorsConfig config) {
    Properties client = new Properties();
    client.putAll(config.clientProperties());
    long[] n = {0};
    Backtest.read(client, config.topics().mentions().name(), r -> n[0]++);
    return n[0];
  }

  private static List<Alert> alerts(ProcessorsConfig config) {
    Properties client = new Properties();
    client.putAll(config.clientProperties());
    List<Alert> alerts = new ArrayList<>();
    Backtest.read(
        client,
        config.topics().alerts().name(),
        r ->
            alerts.add(
                config.topics().alerts().valueSerde().deserializer().deserialize("", r.value())));
    return alerts;
  }

  private static boolean hasActiveTasks(ProcessorsApp app) {
    return app.state() == KafkaStreams.State.RUNNING
        && app.streams().metadataForLocalThreads().stream()
            .anyMatch(t -> !t.activeTasks().isEmpty());
  }

  /**
   * What this instance's count store of {@code window} size holds for {@code ruleId}, by window
   * start within {@code [from, to]}: nothing for the rules of partitions it does not own.
   */
  private static Map<Instant, WindowCount> stored(
      ProcessorsApp app, String ruleId, Duration window, Instant from, Instant to) {
    ReadOnlyWindowStore<String, WindowCount> store =
        app.streams()
            .store(
                StoreQueryParameters.fromNameAndType(
                    RuleCountsTopology.storeName(window), QueryableStoreTypes.windowStore()));
    Map<Instant, WindowCount> out = new TreeMap<>();
    try (WindowStoreIterator<WindowCount> it = store.fetch(ruleId, from, to)) {
      it.forEachRemaining(kv -> out.put(Instant.ofEpochMilli(kv.key), kv.value));
    }
    return out;
  }

  private static void assertComplete(ProcessorsConfig config) {
    assertThat(expectedMentions).isGreaterThan(30);
    assertThat(countMentions(config)).isEqualTo(expectedMentions);
    List<Alert> alerts = alerts(config);
    Set<String> ids = new HashSet<>();
    alerts.forEach(a -> assertThat(ids.add(a.alertId())).as("duplicate %s", a).isTrue());
    assertThat(alerts)
        .filteredOn(a -> a.type() == AlertType.FIRST_MENTION)
        .extracting(Alert::ruleId)
        .containsExactlyInAnyOrder("truce-talks", "grain-corridor", "prisoner-swap");
    // Which windows spike depends on how the articles partitions interleave on the mentions
    // topic, so only the first mentions are pinned here; the topology tests pin spike behaviour.
  }

  /**
   * The compacted {@code rule-counts} topic converges on what the stores hold: counts updated but
   * not yet emitted when an instance stopped are emitted by the next one, not lost.
   */
  private static void assertCountsPublished(ProcessorsConfig config, List<ProcessorsApp> apps) {
    Duration hour = Duration.ofHours(1);
    Instant from = TestArticles.START.minus(Duration.ofDays(1));
    Instant to = TestArticles.START.plus(Duration.ofDays(1));
    Map<String, Long> stored = new TreeMap<>();
    for (ProcessorsApp app : apps) {
      for (String rule : List.of("truce-talks", "grain-corridor", "prisoner-swap")) {
        stored(app, rule, hour, from, to)
            .forEach(
                (start, count) -> stored.put(RuleCount.key(rule, start, hour), count.mentions()));
      }
    }
    assertThat(stored).isNotEmpty();
    Properties client = props(config);
    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(200))
        .untilAsserted(
            () -> {
              Map<String, Long> published = new TreeMap<>();
              Backtest.read(
                  client,
                  config.topics().ruleCounts().name(),
                  r -> {
                    RuleCount c =
                        config
                            .topics()
                            .ruleCounts()
                            .valueSerde()
                            .deserializer()
                            .deserialize("", r.value());
                    if (c.window().equals(hour)) {
                      published.put(c.key(), c.mentions());
                    }
                  });
              assertThat(published).isEqualTo(stored);
            });
  }

  @Test
  void shouldLoseAndDuplicateNothingWhenAProcessorIsStoppedHardAndRestarted() throws Exception {
    ProcessorsConfig config = config("failover.");
    kafka.createTopics(config.topics().newTopics(3, (short) 1));
    int half = INPUT.size() / 2;
    ProcessorsApp first = new ProcessorsApp(config, new SimpleMeterRegistry()).start();
    produce(config.topics(), INPUT.subList(0, half));
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> first.metrics().count(ProcessorMetrics.ARTICLES) > 0);
    produce(config.topics(), INPUT.subList(half, INPUT.size()));
    // No grace period: whatever is in flight is abandoned. (Streams still runs its shutdown in
    // this JVM; the app module's ProcessKillIT kills a real process with SIGKILL.)
    first.close(Duration.ZERO);
    assertThat(first.ready()).as("closed").isFalse();

    // A new instance with an empty state dir: every store comes back from its changelog.
    ProcessorsConfig restarted =
        ProcessorsConfig.builder(config.watchlist())
            .applicationId(config.applicationId())
            .topics(config.topics())
            .stateDir(Fixtures.tempDir())
            .bootstrapServers(kafka.bootstrapServers())
            .commitInterval(config.commitInterval())
            .clientProperties(props(config))
            .build();
    try (ProcessorsApp second = new ProcessorsApp(restarted, new SimpleMeterRegistry()).start()) {
      awaitDone(restarted);
      assertComplete(restarted);
      assertCountsPublished(restarted, List.of(second));
    }
    assertChangelogsStampedOnAppend(config);
  }

  /**
   * The articles are from 2025: changelog records dated then would sit in segments that retention
   * deletes at its next check, and a later restore would miss them.
   */
  private static void assertChangelogsStampedOnAppend(ProcessorsConfig config) throws Exception {
    try (Admin admin = Admin.create(props(config))) {
      List<ConfigResource> changelogs =
          admin.listTopics().names().get().stream()
              .filter(n -> n.startsWith(config.applicationId() + "-") && n.endsWith("-changelog"))
              .map(n -> new ConfigResource(ConfigResource.Type.TOPIC, n))
              .toList();
      // one per store: articles matched, seen, pending, the three count views, spike state, first
      // mentions
      assertThat(changelogs).hasSize(8);
      assertThat(admin.describeConfigs(changelogs).all().get().values())
          .extracting(c -> c.get(TopicConfig.MESSAGE_TIMESTAMP_TYPE_CONFIG).value())
          .containsOnly("LogAppendTime");
    }
  }

  @Test
  void shouldShareThePartitionsBetweenTwoInstances() {
    ProcessorsConfig a = config("scale.");
    ProcessorsConfig b =
        ProcessorsConfig.builder(a.watchlist())
            .applicationId(a.applicationId())
            .topics(a.topics())
            .stateDir(Fixtures.tempDir())
            .bootstrapServers(kafka.bootstrapServers())
            .commitInterval(a.commitInterval())
            .clientProperties(props(a))
            .build();
    kafka.createTopics(a.topics().newTopics(4, (short) 1));
    try (ProcessorsApp one = new ProcessorsApp(a, new SimpleMeterRegistry()).start();
        ProcessorsApp two = new ProcessorsApp(b, new SimpleMeterRegistry())) {
      await().atMost(Duration.ofSeconds(60)).until(one::ready);
      assertThat(two.ready()).as("not started").isFalse();
      two.start();
      await()
          .atMost(Duration.ofSeconds(60))
          .until(() -> hasActiveTasks(one) && hasActiveTasks(two));
      await().atMost(Duration.ofSeconds(60)).until(two::ready);
      assertThat(one.ready()).as("still ready after the rebalance").isTrue();
      produce(a.topics(), INPUT);
      awaitDone(a);

      assertComplete(a);
      double byOne = one.metrics().count(ProcessorMetrics.ARTICLES);
      double byTwo = two.metrics().count(ProcessorMetrics.ARTICLES);
      assertThat(byOne).isPositive();
      assertThat(byTwo).isPositive();
      assertThat(byOne + byTwo).isEqualTo(INPUT.size() - 2);

      // Each instance's stores hold the rules it owns; together, every mention is counted once in
      // the alerting-window view, except those that came too late.
      Duration hour = Duration.ofHours(1);
      Instant from = TestArticles.START.minus(Duration.ofDays(1));
      Instant to = TestArticles.START.plus(Duration.ofDays(1));
      long counted = 0;
      for (ProcessorsApp app : List.of(one, two)) {
        for (String rule : List.of("truce-talks", "grain-corridor", "prisoner-swap")) {
          counted +=
              stored(app, rule, hour, from, to).values().stream()
                  .mapToLong(WindowCount::mentions)
                  .sum();
        }
      }
      double late =
          one.metrics().count(ProcessorMetrics.LATE, "processor", "rule-counts", "window", "PT1H")
              + two.metrics()
                  .count(ProcessorMetrics.LATE, "processor", "rule-counts", "window", "PT1H");
      assertThat(counted).isPositive().isEqualTo(expectedMentions - (long) late);
      assertCountsPublished(a, List.of(one, two));
    }
  }
}
