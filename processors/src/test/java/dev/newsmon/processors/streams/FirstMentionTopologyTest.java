package dev.newsmon.processors.streams;

import static dev.newsmon.processors.streams.Fixtures.at;
import static dev.newsmon.processors.streams.Fixtures.mention;
import static org.assertj.core.api.Assertions.assertThat;

import dev.newsmon.schemas.Alert;
import dev.newsmon.schemas.AlertType;
import dev.newsmon.schemas.Mention;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.Test;

class FirstMentionTopologyTest {

  private static List<Alert> run(List<Mention> input) {
    ProcessorsConfig config = Fixtures.config();
    try (TopologyTestDriver driver =
        new TopologyTestDriver(
            FirstMentionTopology.build(config), config.streamsProperties(), Fixtures.T0)) {
      TestInputTopic<String, Mention> mentions =
          driver.createInputTopic(
              config.topics().mentions().name(),
              config.topics().mentions().keySerde().serializer(),
              config.topics().mentions().valueSerde().serializer());
      TestOutputTopic<String, Alert> alerts =
          driver.createOutputTopic(
              config.topics().alerts().name(),
              config.topics().alerts().keySerde().deserializer(),
              config.topics().alerts().valueSerde().deserializer());
      for (Mention m : input) {
        mentions.pipeInput(m.ruleId(), m, m.publishedAt());
      }
      return alerts.readValuesToList();
    }
  }

  private static final List<Mention> INPUT =
      List.of(
          mention("truce-talks", "a1", at(0, Duration.ofMinutes(12))),
          mention("truce-talks", "a2", at(0, Duration.ofMinutes(13))),
          mention("grain-corridor", "a2", at(0, Duration.ofMinutes(13))),
          mention("truce-talks", "a3", at(200, Duration.ofMinutes(1))),
          mention("grain-corridor", "a4", at(0, Duration.ofMinutes(5))));

  @Test
  void shouldFireFirstMentionOncePerRule() {
    List<Alert> alerts = run(INPUT);

    assertThat(alerts).extracting(Alert::ruleId).containsExactly("truce-talks", "grain-corridor");
    Alert first = alerts.get(0);
    assertThat(first.type()).isEqualTo(AlertType.FIRST_MENTION);
    assertThat(first.articleIds()).containsExactly("a1");
    assertThat(first.windowStart()).isEqualTo(Instant.parse("2025-03-03T00:00:00Z"));
    assertThat(first.count()).isEqualTo(1);
    assertThat(first.detectedAt()).isEqualTo(at(0, Duration.ofMinutes(12)));
  }

  @Test
  void shouldGiveTheSameAlertIdsWhenReprocessed() {
    List<Alert> first = run(INPUT);
    List<Alert> second = run(INPUT);

    assertThat(second).isEqualTo(first);
    assertThat(second.get(1).alertId())
        .isEqualTo(
            Alert.idFor(
                AlertType.FIRST_MENTION, "grain-corridor", Instant.parse("2025-03-03T00:00:00Z")));
  }
}
