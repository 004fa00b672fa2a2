package dev.newsmon.processors.streams;

import static dev.newsmon.processors.streams.Fixtures.HOUR;
import static dev.newsmon.processors.streams.Fixtures.at;
import static dev.newsmon.processors.streams.Fixtures.mention;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.newsmon.schemas.Alert;
import dev.newsmon.schemas.AlertType;
import dev.newsmon.schemas.Mention;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SpikeAlertsTopologyTest {
  private static final String RULE = "truce-talks";

  private Harness harness;

  @BeforeEach
  void open() {
    harness = new Harness();
  }

  @AfterEach
  void close() {
    harness.close();
  }

  @Test
  void shouldStayQuietDuringWarmUp() {
    harness.steady(RULE, 0, 4, 2);
    // Window 5 has only five windows of history behind it (warm-up is six).
    harness.burst(RULE, 5, 40);

    assertThat(harness.alerts()).isEmpty();
  }

  @Test
  void shouldFireOnceMidWindowWhenTheRunningCountReachesTheThreshold() {
    harness.steady(RULE, 0, 7, 3);
    List<Alert> fired = new ArrayList<>();
    int firedAfter = -1;
    for (int i = 0; i < 30; i++) {
      harness.send(RULE, "burst-" + i, at(8, Duration.ofMinutes(i)));
      List<Alert> now = harness.alerts();
      if (!now.isEmpty() && firedAfter < 0) {
        firedAfter = i + 1;
      }
      fired.addAll(now);
    }

    // A steady 3 per window has no variance, so the Poisson floor sqrt(3) sets the spread:
    // threshold = max(5, 3 + 3 * sqrt(3)) = 8.196..., reached by the 9th mention.
    assertThat(fired).hasSize(1);
    Alert alert = fired.get(0);
    assertThat(firedAfter).isEqualTo(9);
    assertThat(alert.type()).isEqualTo(AlertType.SPIKE);
    assertThat(alert.ruleId()).isEqualTo(RULE);
    assertThat(alert.count()).isEqualTo(9);
    assertThat(alert.baselineMean()).isCloseTo(3.0, within(1e-9));
    assertThat(alert.baselineStdDev()).isCloseTo(Math.sqrt(3), within(1e-9));
    assertThat(alert.threshold()).isCloseTo(3 + 3 * Math.sqrt(3), within(1e-9));
    assertThat(alert.score()).isCloseTo(6 / Math.sqrt(3), within(1e-9));
    assertThat(alert.windowStart()).isEqualTo(at(8, Duration.ZERO));
    assertThat(alert.windowEnd()).isEqualTo(at(9, Duration.ZERO));
    assertThat(alert.detectedAt()).isEqualTo(at(8, Duration.ofMinutes(8)));
    assertThat(alert.alertId()).isEqualTo(Alert.idFor(AlertType.SPIKE, RULE, alert.windowStart()));
    assertThat(alert.articleIds())
        .containsExactly(
            "burst-0", "burst-1", "burst-2", "burst-3", "burst-4", "burst-5", "burst-6", "burst-7",
            "burst-8");
  }

  @Test
  void shouldNotFireOnSteadyVolume() {
    int[] pattern = {9, 10, 11, 10, 12, 8};
    for (int w = 0; w < 48; w++) {
      harness.steady(RULE, w, w, pattern[w % pattern.length]);
    }
    // +5 over a steady 10 is within the Poisson floor: threshold is 10 + 3 * sqrt(10) ~ 19.5.
    harness.steady(RULE, 48, 48, 15);

    assertThat(harness.alerts()).isEmpty();
  }

  @Test
  void shouldFoldEmptyWindowsIntoTheBaselineAsZeros() {
    harness.steady(RULE, 0, 5, 10);
    // Twenty silent hours, then 15 mentions: against 10 per hour that is no spike, but the
    // empty hours are data and pull the baseline down to ~1.6.
    harness.burst(RULE, 26, 15);

    List<Alert> alerts = harness.alerts();
    assertThat(alerts).hasSize(1);
    double decay = Baseline.decay(24);
    double weight = 0;
    double sum = 0;
    double squares = 0;
    for (int w = 0; w < 26; w++) {
      long count = w < 6 ? 10 : 0;
      weight = weight * decay + 1;
      sum = sum * decay + count;
      squares = squares * decay + count * count;
    }
    double mean = sum / weight;
    double stdDev = Math.max(Math.sqrt(squares / weight - mean * mean), Math.sqrt(mean));
    Alert alert = alerts.get(0);
    assertThat(alert.baselineMean()).isCloseTo(mean, within(1e-9));
    assertThat(alert.baselineStdDev()).isCloseTo(stdDev, within(1e-9));
    assertThat(alert.threshold()).isCloseTo(Math.max(5, mean + 3 * stdDev), within(1e-9));
    assertThat(alert.count()).isEqualTo((long) Math.ceil(alert.threshold()));
    assertThat(alert.count()).isLessThan(15);
  }

  @Test
  void shouldApplyPerRuleOverrides() {
    // grain-corridor: minCount 2, zScore 2, warm-up 3; truce-talks keeps the defaults.
    for (String rule : List.of("grain-corridor", RULE)) {
      harness.steady(rule, 0, 2, 1);
      harness.burst(rule, 3, 4);
    }

    List<Alert> alerts = harness.alerts();
    assertThat(alerts).extracting(Alert::ruleId).containsExactly("grain-corridor");
    // mean 1, stdDev max(0, sqrt(1)) = 1: threshold max(2, 1 + 2 * 1) = 3.
    assertThat(alerts.get(0).count()).isEqualTo(3);
  }

  @Test
  void shouldCountMentionsWithinGraceInTheirWindowAndLeaveLaterOnesOut() {
    harness.steady(RULE, 0, 7, 3);
    harness.send(RULE, "on-time", at(8, Duration.ofMinutes(5)));
    // Window 7 ended 5 minutes ago; grace is 10 minutes, so this still counts in window 7.
    harness.send(RULE, "late-within-grace", at(7, Duration.ofMinutes(50)));
    harness.send(RULE, "on-time-2", at(8, Duration.ofMinutes(20)));
    // Stream time is now 08:20, past window 7's end plus grace: this one is too late.
    harness.send(RULE, "too-late", at(7, Duration.ofMinutes(55)));

    KeyValueStore<String, SpikeState> store =
        harness.driver.getKeyValueStore(
            SpikeAlertsTopology.storeName(Fixtures.config().alerting().window()));
    SpikeState state = store.get(RULE);
    assertThat(state.nextWindow()).isEqualTo(at(8, Duration.ZERO).toEpochMilli());
    assertThat(state.open()).singleElement().extracting(SpikeState.OpenWindow::count).isEqualTo(2L);
    Baseline expected = Baseline.EMPTY;
    double decay = Baseline.decay(24);
    for (long count : new long[] {3, 3, 3, 3, 3, 3, 3, 4}) {
      expected = expected.fold(count, decay);
    }
    assertThat(state.baseline().windows()).isEqualTo(8);
    assertThat(state.baseline().mean()).isCloseTo(expected.mean(), within(1e-9));
    assertThat(harness.metrics.count(ProcessorMetrics.LATE, "processor", "spikes")).isEqualTo(1);
    assertThat(harness.alerts()).isEmpty();
  }

  @Test
  void shouldFireForAWindowThatCrossesItsThresholdWithinGraceAfterTheNextOneOpened() {
    harness.steady(RULE, 0, 7, 3);
    for (int i = 0; i < 8; i++) {
      harness.send(RULE, "burst-" + i, at(8, Duration.ofMinutes(50 + i)));
    }
    assertThat(harness.alerts()).isEmpty();
    // window 9 opens; window 8 still takes mentions for the ten minutes of grace
    harness.send(RULE, "next-hour", at(9, Duration.ofSeconds(5)));
    harness.send(RULE, "burst-late-1", at(8, Duration.ofMinutes(58)));
    harness.send(RULE, "burst-late-2", at(8, Duration.ofMinutes(59)));

    assertThat(harness.alerts())
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.windowStart()).isEqualTo(at(8, Duration.ZERO));
              assertThat(a.count()).isGreaterThanOrEqualTo((long) Math.ceil(a.threshold()));
            });
  }

  @Test
  void shouldGiveTheSameAlertsWhenReprocessed() {
    List<Alert> first = runScenario(harness);
    Harness again = new Harness();
    try {
      List<Alert> second = runScenario(again);
      assertThat(first).isNotEmpty();
      assertThat(second).isEqualTo(first);
      assertThat(second)
          .allSatisfy(
              a ->
                  assertThat(a.alertId())
                      .isEqualTo(Alert.idFor(a.type(), a.ruleId(), a.windowStart())));
    } finally {
      again.close();
    }
  }

  private static List<Alert> runScenario(Harness h) {
    h.steady(RULE, 0, 9, 2);
    h.steady("grain-corridor", 0, 9, 1);
    h.burst(RULE, 10, 12);
    h.burst("grain-corridor", 10, 6);
    h.steady(RULE, 11, 12, 2);
    h.burst(RULE, 13, 12);
    return h.alerts();
  }

  /** The spike topology alone in a {@link TopologyTestDriver}. */
  static final class Harness implements AutoCloseable {
    final ProcessorsConfig config = Fixtures.config();
    final ProcessorMetrics metrics = ProcessorMetrics.detached();
    final TopologyTestDriver driver =
        new TopologyTestDriver(
            SpikeAlertsTopology.build(config, metrics), config.streamsProperties(), Fixtures.T0);
    final TestInputTopic<String, Mention> mentions =
        driver.createInputTopic(
            config.topics().mentions().name(),
            config.topics().mentions().keySerde().serializer(),
            config.topics().mentions().valueSerde().serializer());
    final TestOutputTopic<String, Alert> alerts =
        driver.createOutputTopic(
            config.topics().alerts().name(),
            config.topics().alerts().keySerde().deserializer(),
            config.topics().alerts().valueSerde().deserializer());

    void send(String rule, String articleId, Instant at) {
      mentions.pipeInput(rule, mention(rule, articleId, at), at);
    }

    /**
     * {@code perWindow} mentions spread evenly over each window from {@code from} to {@code to}.
     */
    void steady(String rule, int from, int to, int perWindow) {
      for (int w = from; w <= to; w++) {
        for (int i = 0; i < perWindow; i++) {
          send(rule, rule + "-w" + w + "-" + i, at(w, HOUR.multipliedBy(i).dividedBy(perWindow)));
        }
      }
    }

    /** {@code count} mentions one minute apart from the start of window {@code w}. */
    void burst(String rule, int w, int count) {
      for (int i = 0; i < count; i++) {
        send(rule, rule + "-burst-w" + w + "-" + i, at(w, Duration.ofMinutes(i)));
      }
    }

    List<Alert> alerts() {
      return alerts.readValuesToList();
    }

    @Override
    public void close() {
      driver.close();
    }
  }
}
