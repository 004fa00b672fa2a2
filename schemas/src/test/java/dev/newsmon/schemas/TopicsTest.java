package dev.newsmon.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;

class TopicsTest {

  @Test
  void shouldNameTopicsWithTheDefaultPrefix() {
    assertThat(Topics.defaults().all())
        .extracting(Topic::name)
        .containsExactly(
            "newsmon.articles",
            "newsmon.articles.rejected",
            "newsmon.mentions",
            "newsmon.alerts",
            "newsmon.rule-counts",
            "newsmon.ingest.seen");
  }

  @Test
  void shouldApplyAConfiguredPrefix() {
    assertThat(Topics.withPrefix("staging.nm.").mentions().name()).isEqualTo("staging.nm.mentions");
    assertThatThrownBy(() -> Topics.withPrefix("bad prefix/")).hasMessageContaining("prefix");
  }

  @Test
  void shouldCompactTheKeyedStateTopicsAndDeleteWhatTheAppHasForgotten() {
    Map<String, NewTopic> byName = byName(Topics.defaults().newTopics(6, (short) 1));

    assertThat(byName.get("newsmon.rule-counts").configs())
        .containsOnly(
            Map.entry("cleanup.policy", "compact,delete"),
            Map.entry("retention.ms", Long.toString(8L * 24 * 60 * 60 * 1000)));
    assertThat(byName.get("newsmon.ingest.seen").configs())
        .containsOnly(
            Map.entry("cleanup.policy", "compact,delete"),
            Map.entry("retention.ms", Long.toString(30L * 24 * 60 * 60 * 1000)));
    assertThat(byName.get("newsmon.articles").configs()).isEmpty();
    assertThat(byName.get("newsmon.articles").numPartitions()).isEqualTo(6);
  }

  @Test
  void shouldAskForTwoInSyncReplicasFromThreeReplicasUp() {
    for (short rf = 1; rf <= 2; rf++) {
      assertThat(Topics.defaults().newTopics(3, rf))
          .allSatisfy(t -> assertThat(t.configs()).doesNotContainKey("min.insync.replicas"));
    }
    Map<String, NewTopic> three = byName(Topics.defaults().newTopics(3, (short) 3));

    assertThat(three.values())
        .allSatisfy(t -> assertThat(t.configs()).containsEntry("min.insync.replicas", "2"));
    assertThat(three.get("newsmon.rule-counts").configs())
        .containsEntry("cleanup.policy", "compact,delete");
    assertThat(three.get("newsmon.articles").replicationFactor()).isEqualTo((short) 3);
  }

  private static Map<String, NewTopic> byName(List<NewTopic> topics) {
    return topics.stream().collect(Collectors.toMap(NewTopic::name, t -> t));
  }

  @Test
  void shouldPairEachTopicWithSerdesThatRoundTrip() {
    Topics topics = Topics.defaults();
    Mention mention = Fixtures.mention();
    Alert alert = Fixtures.alert();
    RuleCount count = Fixtures.ruleCount();

    assertThat(roundTrip(topics.mentions(), mention)).isEqualTo(mention);
    assertThat(roundTrip(topics.alerts(), alert)).isEqualTo(alert);
    assertThat(roundTrip(topics.ruleCounts(), count)).isEqualTo(count);
    assertThat(count.key()).isEqualTo("ceasefire.30-day@2025-03-18T14:00:00Z/PT1H");
  }

  @Test
  void shouldMakeAlertIdsDeterministic() {
    Alert alert = Fixtures.alert();

    assertThat(Alert.idFor(alert.type(), alert.ruleId(), alert.windowStart()))
        .isEqualTo(alert.alertId());
    assertThat(Alert.idFor(AlertType.FIRST_MENTION, alert.ruleId(), alert.windowStart()))
        .isNotEqualTo(alert.alertId());
  }

  private static <V> V roundTrip(Topic<String, V> topic, V value) {
    byte[] bytes = topic.valueSerde().serializer().serialize(topic.name(), value);
    return topic.valueSerde().deserializer().deserialize(topic.name(), bytes);
  }
}
