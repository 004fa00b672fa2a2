package dev.newsmon.broker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsmon.schemas.Article;
import dev.newsmon.schemas.Topic;
import dev.newsmon.schemas.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.Test;

/**
 * What any broker newsmon runs on must do: carry an {@link Article} through the real serde and give
 * back an equal record. Runs against the embedded broker and, where Docker exists, against the
 * {@code apache/kafka} image.
 */
abstract class ArticleRoundTripContract {

  abstract String bootstrapServers();

  @Test
  void shouldProduceAnArticleAndConsumeAnEqualRecord() throws Exception {
    Topic<String, Article> topic =
        Topics.withPrefix("roundtrip." + getClass().getSimpleName() + ".").articles();
    Article article =
        Article.builder()
            .url("https://example.org/talks/1?utm_source=feed")
            .source("Example")
            .title("Envoys meet for a second round of talks")
            .body("The delegations spent four hours together. A joint statement is expected.")
            .language("en")
            .publishedAt(Instant.parse("2025-03-18T10:00:00Z"))
            .fetchedAt(Instant.parse("2025-03-18T10:02:00Z"))
            .build();

    RecordMetadata sent;
    try (var producer =
        new KafkaProducer<>(
            Map.<String, Object>of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers(),
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                true,
                ProducerConfig.ACKS_CONFIG,
                "all"),
            topic.keySerde().serializer(),
            topic.valueSerde().serializer())) {
      sent = producer.send(new ProducerRecord<>(topic.name(), article.id(), article)).get();
    }

    List<ConsumerRecord<String, Article>> received = new ArrayList<>();
    try (var consumer =
        new KafkaConsumer<>(
            Map.<String, Object>of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG,
                "roundtrip-" + System.nanoTime(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest"),
            topic.keySerde().deserializer(),
            topic.valueSerde().deserializer())) {
      consumer.subscribe(List.of(topic.name()));
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (received.isEmpty() && System.nanoTime() < deadline) {
        consumer.poll(Duration.ofMillis(200)).forEach(received::add);
      }
    }

    assertThat(received).hasSize(1);
    assertThat(received.get(0).key()).isEqualTo(article.id());
    assertThat(received.get(0).value()).isEqualTo(article);
    assertThat(received.get(0).offset()).isEqualTo(sent.offset());
  }
}
