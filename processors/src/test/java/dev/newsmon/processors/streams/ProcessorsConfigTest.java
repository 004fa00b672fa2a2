package dev.newsmon.processors.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.newsmon.schemas.Topics;
import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;
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

  @Test
  void shouldReplicateTheChangelogsAsTheTopicsUnlessTheClientPropertiesSayOtherwise() {
    Properties brokerDefault = builder().build().streamsProperties();
    assertThat(brokerDefault).doesNotContainKeys("replication.factor", "topic.min.insync.replicas");

    Properties one = builder().replicationFactor(1).build().streamsProperties();
    assertThat(one.getProperty("replication.factor")).isEqualTo("1");
    assertThat(one).doesNotContainKey("topic.min.insync.replicas");

    StreamsConfig three =
        new StreamsConfig(builder().replicationFactor(3).build().streamsProperties());
    assertThat(three.getInt(StreamsConfig.REPLICATION_FACTOR_CONFIG)).isEqualTo(3);
    assertThat(three.originalsWithPrefix(StreamsConfig.TOPIC_PREFIX))
        .containsEntry("min.insync.replicas", "2");

    Properties fromFile =
        builder()
            .replicationFactor(1)
            .clientProperty("replication.factor", "3")
            .build()
            .streamsProperties();
    assertThat(fromFile.getProperty("replication.factor")).isEqualTo("3");
    assertThat(fromFile.getProperty("topic.min.insync.replicas")).isEqualTo("2");

    Properties minInsyncFromFile =
        builder()
            .replicationFactor(3)
            .clientProperty("topic.min.insync.replicas", "3")
            .build()
            .streamsProperties();
    assertThat(minInsyncFromFile.getProperty("topic.min.insync.replicas")).isEqualTo("3");

    assertThatThrownBy(() -> builder().replicationFactor(0).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("replicationFactor");
  }

  @Test
  void shouldJoinAsAStaticMemberOnlyWhenGivenAGroupInstanceId() {
    Properties dynamic = builder().build().streamsProperties();
    assertThat(ProcessorsConfig.staticMember(dynamic)).isFalse();

    Properties pod = builder().groupInstanceId("newsmon-processors-1").build().streamsProperties();
    assertThat(ProcessorsConfig.staticMember(pod)).isTrue();
    // Kafka Streams gives each stream thread's consumer its own id from it.
    assertThat(new StreamsConfig(pod).getMainConsumerConfigs("g", "c", 2))
        .containsEntry("group.instance.id", "newsmon-processors-1-2");

    Properties fromFile =
        builder()
            .groupInstanceId("newsmon-processors-1")
            .clientProperty("consumer.group.instance.id", "from-file")
            .build()
            .streamsProperties();
    assertThat(fromFile).doesNotContainKey("main.consumer.group.instance.id");
    assertThat(new StreamsConfig(fromFile).getMainConsumerConfigs("g", "c", 1))
        .containsEntry("group.instance.id", "from-file-1");

    assertThatThrownBy(() -> builder().groupInstanceId("pod 1").build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("groupInstanceId");
  }

  @Test
  void shouldBudgetStreamThreadFailuresAndRefuseAnEmptyBudget() {
    ProcessorsConfig defaults = builder().build();
    assertThat(defaults.maxThreadFailures()).isEqualTo(5);
    // more threads than that: a fault that kills each thread once must not stop the instance
    assertThat(builder().numThreads(8).build().maxThreadFailures()).isEqualTo(8);
    assertThat(builder().numThreads(8).maxThreadFailures(3).build().maxThreadFailures())
        .isEqualTo(3);
    assertThat(defaults.threadFailureWindow()).isEqualTo(Duration.ofMinutes(10));

    ProcessorsConfig set =
        builder().maxThreadFailures(1).threadFailureWindow(Duration.ofSeconds(30)).build();
    assertThat(set.maxThreadFailures()).isEqualTo(1);
    assertThat(set.threadFailureWindow()).isEqualTo(Duration.ofSeconds(30));

    assertThatThrownBy(() -> builder().maxThreadFailures(0).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("maxThreadFailures must be at least 1: 0");
    assertThatThrownBy(() -> builder().threadFailureWindow(Duration.ZERO).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("threadFailureWindow must be positive: PT0S");
    assertThatThrownBy(() -> builder().threadFailureWindow(Duration.ofMinutes(-1)).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("threadFailureWindow");
    assertThatThrownBy(() -> builder().threadFailureWindow(null).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("threadFailureWindow");
  }

  @Test
  void shouldKeepTheRuleCountsTopicADayLongerThanTheStoresKeepCounts() {
    assertThat(Topics.RULE_COUNTS_RETENTION)
        .isEqualTo(ProcessorsConfig.DEFAULT_COUNTS_RETENTION.plusDays(1));
    assertThat(Topics.defaults().ruleCounts().configs())
        .containsEntry("retention.ms", Long.toString(Topics.RULE_COUNTS_RETENTION.toMillis()))
        .containsEntry("cleanup.policy", "compact,delete");
  }
}
