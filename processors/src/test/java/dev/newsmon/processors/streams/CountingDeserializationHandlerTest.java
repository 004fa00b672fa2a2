package dev.newsmon.processors.streams;

import static dev.newsmon.processors.streams.Fixtures.at;
import static dev.newsmon.processors.streams.Fixtures.mention;
import static org.assertj.core.api.Assertions.assertThat;

import dev.newsmon.schemas.Alert;
import dev.newsmon.schemas.Mention;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.Test;

class CountingDeserializationHandlerTest {

  @Test
  void shouldSkipAndCountACorruptMentionAndKeepProcessing() {
    ProcessorsConfig config = Fixtures.config();
    ProcessorMetrics metrics = ProcessorMetrics.detached();
    Properties props = config.streamsProperties();
    props.put(CountingDeserializationHandler.METRICS_CONFIG, metrics);
    try (TopologyTestDriver driver =
        new TopologyTestDriver(FirstMentionTopology.build(config), props, Fixtures.T0)) {
      String topic = config.topics().mentions().name();
      TestInputTopic<String, byte[]> raw =
          driver.createInputTopic(
              topic, Serdes.String().serializer(), Serdes.ByteArray().serializer());
      TestInputTopic<String, Mention> mentions =
          driver.createInputTopic(
              topic,
              config.topics().mentions().keySerde().serializer(),
              config.topics().mentions().valueSerde().serializer());
      var alerts =
          driver.createOutputTopic(
              config.topics().alerts().name(),
              config.topics().alerts().keySerde().deserializer(),
              config.topics().alerts().valueSerde().deserializer());

      raw.pipeInput("truce-talks", "{\"ruleId\": 7".getBytes(StandardCharsets.UTF_8));
      Mention good = mention("truce-talks", "a1", at(0, Duration.ofMinutes(3)));
      mentions.pipeInput(good.ruleId(), good, good.publishedAt());

      assertThat(metrics.count(ProcessorMetrics.SKIPPED, "topic", topic)).isEqualTo(1.0);
      assertThat(alerts.readValuesToList())
          .extracting(Alert::articleIds)
          .containsExactly(java.util.List.of("a1"));
    }
  }
}
