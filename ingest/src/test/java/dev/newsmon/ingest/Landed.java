package dev.newsmon.ingest;

import dev.newsmon.schemas.Article;
import dev.newsmon.schemas.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Reads what landed in a topic: everything from the beginning to the end offsets of now. */
final class Landed {
  private Landed() {}

  static List<ConsumerRecord<String, Article>> articles(String bootstrap, Topics topics) {
    return readAll(
        bootstrap,
        topics.articles().name(),
        new StringDeserializer(),
        topics.articles().valueSerde().deserializer());
  }

  static List<ConsumerRecord<byte[], byte[]>> rejected(String bootstrap, Topics topics) {
    return readAll(
        bootstrap,
        topics.articlesRejected().name(),
        new ByteArrayDeserializer(),
        new ByteArrayDeserializer());
  }

  static <K, V> List<ConsumerRecord<K, V>> readAll(
      String bootstrap, String topic, Deserializer<K> keys, Deserializer<V> values) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
    try (KafkaConsumer<K, V> consumer = new KafkaConsumer<>(p, keys, values)) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
              .map(i -> new TopicPartition(topic, i.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(30));
      List<ConsumerRecord<K, V>> records = new ArrayList<>();
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
        if (System.nanoTime() > deadline) {
          throw new AssertionError("could not read " + topic + " to its end");
        }
        consumer.poll(Duration.ofMillis(200)).forEach(records::add);
      }
      return records;
    }
  }
}
