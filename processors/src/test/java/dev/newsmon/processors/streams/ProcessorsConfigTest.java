package dev.newsmon.processors.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class ProcessorsConfigTest {

  private static ProcessorsConfig.Builder builder() {
    return ProcessorsConfig.builder(Fixtures.watchlist()).bootstrapServers("localhost:9092");
  }

  @Test
  void shouldSetTheProducerLingerUnlessTheClientPropertiesDo() {
    assertThat(builder().build().streamsProperties().getProperty("producer.linger.ms"))
        .isEqualTo("5");

    Properties plain = builder().clientProperty("linger.ms", "50").build().streamsProperties();
    assertThat(plain.getProperty("linger.ms")).isEqualTo("50");
    assertThat(plain).doesNotContainKey("producer.linger.ms");

    Properties prefixed =
        builder().clientProperty("producer.linger.ms", "20").build().streamsProperties();
    assertThat(prefixed.getProperty("producer.linger.ms")).isEqualTo("20");
  }

  @Test
  void shouldEmitRuleCountsEveryCommitIntervalUnlessToldOtherwise() {
    ProcessorsConfig config = builder().commitInterval(Duration.ofMillis(250)).build();
    assertThat(config.countsEmitInterval()).isEqualTo(Duration.ofMillis(250));
    assertThat(builder().countsEmitInterval(Duration.ofSeconds(2)).build().countsEmitInterval())
        .isEqualTo(Duration.ofSeconds(2));
    assertThatThrownBy(() -> builder().countsEmitInterval(Duration.ZERO).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("countsEmitInterval");
  }
}
