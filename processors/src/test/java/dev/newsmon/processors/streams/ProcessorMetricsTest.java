package dev.newsmon.processors.streams;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsmon.processors.match.ArticleMatcher;
import dev.newsmon.schemas.Article;
import dev.newsmon.schemas.Json;
import dev.newsmon.schemas.watchlist.Rule;
import dev.newsmon.schemas.watchlist.Watchlist;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.Test;

class ProcessorMetricsTest {
  private final ProcessorsConfig config =
      ProcessorsConfig.builder(TestArticles.watchlist())
          .applicationId("metrics-test")
          .bootstrapServers("unused:9092")
          .stateDir(Fixtures.tempDir())
          .build();

  @Test
  void shouldRegisterEveryCounterTheConfigNamesAtZero() {
    MeterRegistry registry = new SimpleMeterRegistry();

    new ProcessorMetrics(registry).startAtZero(config);

    String mentions = config.topics().mentions().name();
    assertThat(series(registry))
        .containsExactlyInAnyOrder(
            "newsmon.processors.alerts type=FIRST_MENTION 0.0",
            "newsmon.processors.alerts type=SPIKE 0.0",
            "newsmon.processors.articles  0.0",
            "newsmon.processors.articles.matched  0.0",
            "newsmon.processors.late.records processor=rule-counts,window=PT24H 0.0",
            "newsmon.processors.late.records processor=rule-counts,window=PT1H 0.0",
            "newsmon.processors.late.records processor=rule-counts,window=PT1M 0.0",
            "newsmon.processors.late.records processor=spikes,window=PT1H 0.0",
            "newsmon.processors.match.errors  0.0",
            "newsmon.processors.articles.repeated  0.0",
            "newsmon.processors.event.time.replaced reason=ahead 0.0",
            "newsmon.processors.event.time.replaced reason=before-1970 0.0",
            "newsmon.processors.mentions rule=grain-corridor 0.0",
            "newsmon.processors.mentions rule=prisoner-swap 0.0",
            "newsmon.processors.mentions rule=truce-talks 0.0",
            "newsmon.processors.rejected cause=deserialise 0.0",
            "newsmon.processors.rejected cause=invalid 0.0",
            "newsmon.processors.rejected cause=match 0.0",
            "newsmon.processors.skipped topic=" + mentions + " 0.0");
  }

  @Test
  void shouldCountTheMentionsOfRulesBeyondTheSeriesLimitTogether() {
    int limit = ProcessorMetrics.RULE_SERIES_LIMIT;
    List<Rule> rules = new ArrayList<>();
    for (int i = 0; i < limit + 2; i++) {
      rules.add(new Rule("r" + i, "Rule " + i, "demand", null, "word" + i));
    }
    ProcessorsConfig large =
        ProcessorsConfig.builder(new Watchlist(List.of(), rules, null))
            .applicationId("metrics-test")
            .bootstrapServers("unused:9092")
            .stateDir(Fixtures.tempDir())
            .build();
    MeterRegistry registry = new SimpleMeterRegistry();
    ProcessorMetrics metrics = new ProcessorMetrics(registry).startAtZero(large);
    Set<String> atStart = ids(registry);

    metrics.mention("r0");
    metrics.mention("r" + (limit - 1));
    metrics.mention("r" + limit);
    metrics.mention("r" + (limit + 1));
    metrics.mention("r" + (limit + 1));

    Set<String> ruleTags = new TreeSet<>();
    registry
        .find(ProcessorMetrics.MENTIONS)
        .counters()
        .forEach(c -> ruleTags.add(c.getId().getTag("rule")));
    assertThat(ruleTags)
        .hasSize(limit + 1)
        .contains("r0", "r" + (limit - 1), ProcessorMetrics.OTHER_RULES);
    assertThat(ruleTags).doesNotContain("r" + limit, "r" + (limit + 1));
    assertThat(metrics.count(ProcessorMetrics.MENTIONS, "rule", "r0")).isEqualTo(1);
    assertThat(metrics.count(ProcessorMetrics.MENTIONS, "rule", "r" + (limit - 1))).isEqualTo(1);
    assertThat(metrics.count(ProcessorMetrics.MENTIONS, "rule", ProcessorMetrics.OTHER_RULES))
        .isEqualTo(3);
    assertThat(ids(registry)).isEqualTo(atStart);
  }

  /**
   * A counter the topologies create on first use would miss the first incident in Prometheus'
   * {@code increase()}: every series they count into must be one registered at zero.
   */
  @Test
  void shouldCountIntoTheSeriesRegisteredAtZero() throws IOException {
    MeterRegistry registry = new SimpleMeterRegistry();
    ProcessorMetrics metrics = new ProcessorMetrics(registry).startAtZero(config);
    Set<String> atStart = ids(registry);

    try (TopologyTestDriver driver =
        new TopologyTestDriver(
            ProcessorsTopology.build(config, ArticleMatcher.compile(config.watchlist()), metrics),
            config.streamsProperties(),
            TestArticles.START)) {
      TestInputTopic<byte[], byte[]> articles =
          driver.createInputTopic(
              config.topics().articles().name(),
              Serdes.ByteArray().serializer(),
              Serdes.ByteArray().serializer());
      List<byte[]> day = TestArticles.payloads();
      for (byte[] payload : day) {
        articles.pipeInput(null, payload, publishedAt(payload));
      }
      byte[] first = day.get(0);
      // sent again unchanged: skipped as a repeat
      articles.pipeInput(null, first, publishedAt(first));
      // edited, dated back in the first hour: matched again, and late
      Article old = Json.read(first, Article.class);
      byte[] backfill =
          Json.write(
                  Article.builder()
                      .url(old.url())
                      .source(old.source())
                      .title(old.title())
                      .body(old.body() + " Updated.")
                      .publishedAt(old.publishedAt())
                      .fetchedAt(old.fetchedAt())
                      .build())
              .getBytes(StandardCharsets.UTF_8);
      articles.pipeInput(null, backfill, publishedAt(backfill));
      articles.pipeInput(null, null, TestArticles.START);
    }

    assertThat(metrics.count(ProcessorMetrics.MENTIONS, "rule", "truce-talks")).isPositive();
    assertThat(metrics.count(ProcessorMetrics.ALERTS, "type", "SPIKE")).isPositive();
    assertThat(metrics.count(ProcessorMetrics.ALERTS, "type", "FIRST_MENTION")).isPositive();
    assertThat(metrics.count(ProcessorMetrics.LATE, "processor", "rule-counts", "window", "PT1H"))
        .isPositive();
    assertThat(metrics.count(ProcessorMetrics.LATE, "processor", "spikes")).isPositive();
    assertThat(metrics.count(ProcessorMetrics.REJECTED, "cause", "deserialise")).isPositive();
    assertThat(metrics.count(ProcessorMetrics.REJECTED, "cause", "invalid")).isPositive();
    assertThat(metrics.count(ProcessorMetrics.ARTICLES_REPEATED)).isPositive();
    assertThat(ids(registry)).isEqualTo(atStart);
  }

  private static Instant publishedAt(byte[] payload) {
    try {
      return Json.read(payload, Article.class).publishedAt();
    } catch (IOException | IllegalArgumentException e) {
      return TestArticles.START.plus(Duration.ofHours(5)); // where the day's broken records lie
    }
  }

  private static Set<String> ids(MeterRegistry registry) {
    Set<String> ids = new TreeSet<>();
    for (Meter meter : registry.getMeters()) {
      ids.add(meter.getId().getName() + " " + meter.getId().getTags());
    }
    return ids;
  }

  private static List<String> series(MeterRegistry registry) {
    return registry.getMeters().stream()
        .map(
            m ->
                m.getId().getName()
                    + " "
                    + String.join(
                        ",",
                        m.getId().getTags().stream()
                            .map(t -> t.getKey() + "=" + t.getValue())
                            .toList())
                    + " "
                    + m.measure().iterator().next().getValue())
        .toList();
  }
}
