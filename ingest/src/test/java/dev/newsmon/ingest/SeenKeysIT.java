package dev.newsmon.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsmon.broker.EmbeddedKafka;
import dev.newsmon.schemas.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** Loading the seen topic of a real broker at start, as ingest does. */
class SeenKeysIT {
  private static final Instant NOW = Instant.parse("2025-03-18T14:00:00Z");

  @Test
  void shouldLoadOnlyTheKeysPublishedWithinTheWindowAndNotDeleted() throws Exception {
    try (EmbeddedKafka kafka = EmbeddedKafka.startEphemeral()) {
      Topics topics = Topics.withPrefix("seen.");
      // the topic as newsmon creates it (compact,delete): the broker must accept its configs
      kafka.createTopics(topics.newTopics(3, (short) 1));
      String topic = topics.ingestSeen().name();
      Properties client = new Properties();
      client.put("bootstrap.servers", kafka.bootstrapServers());
      try (KafkaProducer<String, String> producer = producer(client)) {
        send(producer, topic, "stale", "a1", NOW.minus(Duration.ofDays(31)));
        send(producer, topic, "recent", "a2", NOW.minus(Duration.ofDays(1)));
        send(producer, topic, "deleted", "a3", NOW.minus(Duration.ofDays(1)));
        send(producer, topic, "deleted", null, NOW.minus(Duration.ofHours(1)));
        send(producer, topic, "republished", "a4", NOW.minus(Duration.ofDays(40)));
        send(producer, topic, "republished", "a5", NOW.minus(Duration.ofDays(2)));
        producer.flush();
      }

      SeenKeys seen =
          SeenKeys.load(
              client,
              topic,
              Duration.ofSeconds(10),
              Duration.ofDays(30),
              new SeenKeysTest.StepClock(NOW));

      assertThat(seen.size()).as("loaded, before anything asks").isEqualTo(2);
      assertThat(seen.contains("recent")).isTrue();
      assertThat(seen.contains("republished")).isTrue();
      assertThat(seen.contains("stale")).isFalse();
      assertThat(seen.contains("deleted")).isFalse();
    }
  }

  private static KafkaProducer<String, String> producer(Properties client) {
    Properties p = new Properties();
    p.putAll(client);
    p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    return new KafkaProducer<>(p);
  }

  private static void send(
      KafkaProducer<String, String> producer, String topic, String key, String value, Instant at)
      throws Exception {
    producer.send(new ProducerRecord<>(topic, null, at.toEpochMilli(), key, value)).get();
  }
}
