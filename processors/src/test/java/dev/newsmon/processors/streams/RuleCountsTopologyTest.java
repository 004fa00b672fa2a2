package dev.newsmon.processors.streams;

import static dev.newsmon.processors.streams.Fixtures.at;
import static dev.newsmon.processors.streams.Fixtures.mention;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.newsmon.schemas.Mention;
import dev.newsmon.schemas.RuleCount;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.WindowStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RuleCountsTopologyTest {
  private static final String RULE = "truce-talks";

  private final ProcessorsConfig config = Fixtures.config();
  private final ProcessorMetrics metrics = ProcessorMetrics.detached();
  private TopologyTestDriver driver;
  private TestInputTopic<String, Mention> mentions;
  private TestOutputTopic<String, RuleCount> counts;

  @BeforeEach
  void open() {
    driver =
        new TopologyTestDriver(
            RuleCountsTopology.build(config, metrics), config.streamsProperties(), Fixtures.T0);
    mentions =
        driver.createInputTopic(
            config.topics().mentions().name(),
            config.topics().mentions().keySerde().serializer(),
            config.topics().mentions().valueSerde().serializer());
    counts =
        driver.createOutputTopic(
            config.topics().ruleCounts().name(),
            config.topics().ruleCounts().keySerde().deserializer(),
            config.topics().ruleCounts().valueSerde().deserializer());
  }

  @AfterEach
  void close() {
    driver.close();
  }

  private void send(String articleId, Instant at) {
    mentions.pipeInput(RULE, mention(RULE, articleId, at), at);
  }

  @Test
  void shouldCountMentionsAndDistinctArticlesPerWindowInEveryView() {
    send("a1", at(0, Duration.ofSeconds(10)));
    send("a2", at(0, Duration.ofSeconds(20)));
    // The same article again (re-published, one minute later): a mention, not a new article.
    send("a1", at(0, Duration.ofMinutes(1).plusSeconds(5)));
    send("a3", at(1, Duration.ofMinutes(3)));

    driver.advanceWallClockTime(config.countsEmitInterval());
    Map<String, RuleCount> latest = counts.readKeyValuesToMap();
    Instant w0 = at(0, Duration.ZERO);
    RuleCount hour0 = latest.get(RuleCount.key(RULE, w0, Duration.ofHours(1)));
    assertThat(hour0.mentions()).isEqualTo(3);
    assertThat(hour0.articles()).isEqualTo(2);
    assertThat(hour0.windowEnd()).isEqualTo(at(1, Duration.ZERO));
    RuleCount minute0 = latest.get(RuleCount.key(RULE, w0, Duration.ofMinutes(1)));
    assertThat(minute0.mentions()).isEqualTo(2);
    assertThat(minute0.articles()).isEqualTo(2);
    RuleCount minute1 =
        latest.get(RuleCount.key(RULE, w0.plus(Duration.ofMinutes(1)), Duration.ofMinutes(1)));
    assertThat(minute1.mentions()).isEqualTo(1);
    assertThat(minute1.articles()).isEqualTo(1);
    RuleCount day = latest.get(RuleCount.key(RULE, w0, Duration.ofDays(1)));
    assertThat(day.mentions()).isEqualTo(4);
    assertThat(day.articles()).isEqualTo(3);
    RuleCount hour1 = latest.get(RuleCount.key(RULE, at(1, Duration.ZERO), Duration.ofHours(1)));
    assertThat(hour1.mentions()).isEqualTo(1);

    WindowStore<String, WindowCount> store =
        driver.getWindowStore(RuleCountsTopology.storeName(Duration.ofHours(1)));
    assertThat(store.fetch(RULE, w0.toEpochMilli())).isEqualTo(new WindowCount(3, 2));
  }

  @Test
  void shouldCountAMentionDatedAheadOfItsArticleAtWhenItReachedKafkaAndMakeNoOneLate() {
    Instant received = at(0, Duration.ofMinutes(10));
    // a feed three hours off: taken at its word, stream time would jump past window 0 and its grace
    mentions.pipeInput(RULE, mention(RULE, "ahead", received.plus(Duration.ofHours(3))), received);
    send("a1", at(0, Duration.ofMinutes(20)));

    driver.advanceWallClockTime(config.countsEmitInterval());
    RuleCount hour0 =
        counts.readKeyValuesToMap().get(RuleCount.key(RULE, at(0, Duration.ZERO), Fixtures.HOUR));
    assertThat(hour0.mentions()).isEqualTo(2);
    assertThat(metrics.count(ProcessorMetrics.LATE)).isZero();
    assertThat(metrics.count(ProcessorMetrics.EVENT_TIME_REPLACED, "reason", EventTime.AHEAD))
        .isEqualTo(1);
  }

  @Test
  void shouldCountAMentionDatedBefore1970AtWhenItsArticleReachedKafka() {
    Instant received = at(0, Duration.ofMinutes(10));
    // "unknown date" placeholders: Kafka Streams would drop a negative timestamp without a word
    Instant undated = Instant.parse("0001-01-01T00:00:00Z");
    mentions.pipeInput(RULE, mention(RULE, "undated", undated), received);

    driver.advanceWallClockTime(config.countsEmitInterval());
    RuleCount hour0 =
        counts.readKeyValuesToMap().get(RuleCount.key(RULE, at(0, Duration.ZERO), Fixtures.HOUR));
    assertThat(hour0.mentions()).isEqualTo(1);
    assertThat(metrics.count(ProcessorMetrics.EVENT_TIME_REPLACED, "reason", EventTime.BEFORE_1970))
        .isEqualTo(1);
  }

  @Test
  void shouldCountAMentionWithoutAValueAsSkippedOnce() {
    mentions.pipeInput(RULE, null, at(0, Duration.ofMinutes(1)));
    send("a1", at(0, Duration.ofMinutes(2)));

    assertThat(metrics.count(ProcessorMetrics.SKIPPED, "topic", config.topics().mentions().name()))
        .isEqualTo(1);
    driver.advanceWallClockTime(config.countsEmitInterval());
    assertThat(
            counts
                .readKeyValuesToMap()
                .get(RuleCount.key(RULE, at(0, Duration.ZERO), Fixtures.HOUR))
                .mentions())
        .isEqualTo(1);
  }

  @Test
  void shouldEmitEachChangedWindowOncePerIntervalWithItsLatestCounts() {
    send("a1", at(0, Duration.ofSeconds(10)));
    send("a2", at(0, Duration.ofSeconds(20)));
    send("a3", at(0, Duration.ofSeconds(30)));
    assertThat(counts.isEmpty()).isTrue();

    driver.advanceWallClockTime(config.countsEmitInterval());
    List<KeyValue<String, RuleCount>> first = counts.readKeyValuesToList();
    // One record per view (1 min, 1 h, 1 day), not one per mention and view.
    assertThat(first)
        .extracting(kv -> kv.value.window(), kv -> kv.value.mentions(), kv -> kv.value.articles())
        .containsExactlyInAnyOrder(
            tuple(Duration.ofMinutes(1), 3L, 3L),
            tuple(Duration.ofHours(1), 3L, 3L),
            tuple(Duration.ofDays(1), 3L, 3L));
    assertThat(first).allMatch(kv -> kv.key.equals(kv.value.key()));
    assertThat(first)
        .allMatch(kv -> kv.value.updatedAt().equals(Fixtures.T0.plus(config.countsEmitInterval())));

    // Nothing changed: nothing to emit.
    driver.advanceWallClockTime(config.countsEmitInterval());
    assertThat(counts.isEmpty()).isTrue();

    // Only the minute that changed and the views holding it go out again.
    send("a4", at(0, Duration.ofMinutes(2)));
    driver.advanceWallClockTime(config.countsEmitInterval());
    assertThat(counts.readKeyValuesToList())
        .extracting(kv -> kv.key, kv -> kv.value.mentions())
        .containsExactlyInAnyOrder(
            tuple(RuleCount.key(RULE, at(0, Duration.ofMinutes(2)), Duration.ofMinutes(1)), 1L),
            tuple(RuleCount.key(RULE, at(0, Duration.ZERO), Duration.ofHours(1)), 4L),
            tuple(RuleCount.key(RULE, at(0, Duration.ZERO), Duration.ofDays(1)), 4L));
  }

  @Test
  void shouldCountMentionsWithinGraceAndLeaveLaterOnesOut() {
    send("a1", at(0, Duration.ofMinutes(30)));
    send("a2", at(1, Duration.ofMinutes(5)));
    // Hour 0 ended 5 minutes ago, grace is 10 minutes: still counted there.
    send("a3", at(0, Duration.ofMinutes(59)));
    send("a4", at(1, Duration.ofMinutes(11)));
    // Stream time 01:11 is past 01:00 + 10 min: too late for hour 0 (the day view still takes it).
    send("a5", at(0, Duration.ofMinutes(58)));

    WindowStore<String, WindowCount> hours =
        driver.getWindowStore(RuleCountsTopology.storeName(Duration.ofHours(1)));
    assertThat(hours.fetch(RULE, at(0, Duration.ZERO).toEpochMilli()))
        .isEqualTo(new WindowCount(2, 2));
    WindowStore<String, WindowCount> days =
        driver.getWindowStore(RuleCountsTopology.storeName(Duration.ofDays(1)));
    assertThat(days.fetch(RULE, at(0, Duration.ZERO).toEpochMilli()))
        .isEqualTo(new WindowCount(5, 5));
    assertThat(metrics.count(ProcessorMetrics.LATE, "processor", "rule-counts", "window", "PT1H"))
        .isEqualTo(1);
    // a3 (window 00:59-01:00, open until 01:10) counted at 01:05; a5 (closed at 01:09) did not.
    assertThat(metrics.count(ProcessorMetrics.LATE, "processor", "rule-counts", "window", "PT1M"))
        .isEqualTo(1);
  }
}
