package dev.newsmon.app.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsmon.broker.EmbeddedKafka;
import dev.newsmon.ingest.IngestConfig;
import dev.newsmon.processors.match.WatchlistLoader;
import dev.newsmon.processors.streams.Backtest;
import dev.newsmon.processors.streams.GroupProgress;
import dev.newsmon.processors.streams.ProcessorMetrics;
import dev.newsmon.processors.streams.ProcessorsConfig;
import dev.newsmon.schemas.Mention;
import dev.newsmon.schemas.RuleCount;
import dev.newsmon.schemas.Topics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.serialization.Deserializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole monitor replays the bundled sample (five days of coverage) at full speed into three
 * partitions, with a watched directory as a live source, as {@code newsmon run --speed max --dir}
 * does: no mention arrives after its window closed (the live article, dated now, is ingested only
 * after the sample), so the dashboard counts of every rule add up to its mentions.
 */
class FastReplayIT {
  private static final Topics TOPICS = Topics.defaults();

  @TempDir static Path state;
  @AutoClose private static final EmbeddedKafka kafka = EmbeddedKafka.startEphemeral();

  @Test
  void shouldCountEveryMentionInItsWindowWhenTheSampleIsReplayedAtFullSpeed() throws Exception {
    Properties client = client();
    kafka.createTopics(TOPICS.newTopics(3, (short) 1));
    ProcessorsConfig processors =
        ProcessorsConfig.builder(WatchlistLoader.defaultWatchlist())
            .stateDir(state.resolve("streams"))
            .clientProperties(client)
            .build();

    // a live source as well, whose article is dated now: were it matched mid-replay, every later
    // sample mention would be late
    Path inbox = Files.createDirectories(state.resolve("inbox"));
    Files.writeString(
        inbox.resolve("live.txt"),
        "Live: envoys discuss a ceasefire today\nA 30-day ceasefire is on the table again.");
    IngestConfig live =
        IngestConfig.builder().watchDir(inbox).dirPollInterval(Duration.ofMillis(100)).build();

    try (LocalMonitor monitor =
            LocalMonitor.start(
                new LocalMonitor.Config(
                    processors, null, live, true, null, Double.POSITIVE_INFINITY),
                client,
                TOPICS);
        Admin admin = Admin.create(client)) {
      SampleReplay.Result replayed = monitor.replay().await(Duration.ofMinutes(3));
      assertThat(replayed).as("the replay finished").isNotNull();
      assertThat(replayed.published()).isPositive().isEqualTo(replayed.read());
      assertThat(monitor.ingestStarted()).succeedsWithin(Duration.ofMinutes(1));
      Awaitility.await()
          .atMost(Duration.ofMinutes(1))
          .until(() -> mentionsByArticleTitle().contains("Live: envoys discuss a ceasefire today"));
      Awaitility.await()
          .atMost(Duration.ofMinutes(1))
          .until(() -> GroupProgress.processed(admin, processors.applicationId(), TOPICS));

      double late = new ProcessorMetrics(monitor.registry()).count(ProcessorMetrics.LATE);
      assertThat(late).as("mentions that arrived after their window closed").isZero();

      Map<String, Long> mentions = mentionsByRule();
      assertThat(mentions).containsKey("ceasefire.30-day");
      // counts go out on a wall-clock punctuation: wait for the last ones
      Awaitility.await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(
              () -> assertThat(countedByRule(processors.alerting().window())).isEqualTo(mentions));
    }
  }

  private static Set<String> mentionsByArticleTitle() {
    Set<String> titles = new TreeSet<>();
    Deserializer<Mention> mentions = TOPICS.mentions().valueSerde().deserializer();
    Backtest.read(
        client(),
        TOPICS.mentions().name(),
        r -> titles.add(mentions.deserialize("", r.value()).title()));
    return titles;
  }

  private static Map<String, Long> mentionsByRule() {
    Map<String, Long> byRule = new TreeMap<>();
    Deserializer<Mention> mentions = TOPICS.mentions().valueSerde().deserializer();
    Backtest.read(
        client(),
        TOPICS.mentions().name(),
        r -> byRule.merge(mentions.deserialize("", r.value()).ruleId(), 1L, Long::sum));
    return byRule;
  }

  /** The latest count of every window of one size, added up per rule. */
  private static Map<String, Long> countedByRule(Duration window) {
    Map<String, RuleCount> latest = new HashMap<>();
    Deserializer<RuleCount> counts = TOPICS.ruleCounts().valueSerde().deserializer();
    Backtest.read(
        client(),
        TOPICS.ruleCounts().name(),
        r -> {
          RuleCount c = counts.deserialize("", r.value());
          latest.put(c.key(), c);
        });
    Map<String, Long> byRule = new TreeMap<>();
    latest.values().stream()
        .filter(c -> c.window().equals(window))
        .forEach(c -> byRule.merge(c.ruleId(), c.mentions(), Long::sum));
    return byRule;
  }

  private static Properties client() {
    Properties p = new Properties();
    p.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    return p;
  }
}
