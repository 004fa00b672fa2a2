package dev.newsmon.broker;

import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.kafka.KafkaContainer;

/**
 * The same contract against Testcontainers' Kafka ({@code apache/kafka}), for machines with a
 * Docker engine. Without one it is reported as disabled, and the embedded broker covers it.
 */
@Testcontainers(disabledWithoutDocker = true)
class KafkaContainerIT extends ArticleRoundTripContract {

  @Container static final KafkaContainer KAFKA = new KafkaContainer("apache/kafka:4.3.1");

  @Override
  String bootstrapServers() {
    return KAFKA.getBootstrapServers();
  }
}
