package dev.newsmon.ingest;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What ingest has already published, in memory, loaded at start from the compacted seen topic so
 * that deduplication survives a restart, on this machine or another.
 */
final class SeenKeys {
  private static final Logger log = LoggerFactory.getLogger(SeenKeys.class);

  private final Set<String> keys = ConcurrentHashMap.newKeySet();

  /**
   * Claims the keys of an item: true when none was seen before, and then all are marked seen, so a
   * second poll while the first send is in flight does not publish twice.
   */
  synchronized boolean claim(Collection<String> itemKeys) {
    for (String key : itemKeys) {
      if (keys.contains(key)) {
        return false;
      }
    }
    keys.addAll(itemKeys);
    return true;
  }

  boolean contains(String key) {
    return keys.contains(key);
  }

  int size() {
    return keys.size();
  }

  /** The topic's partitions, waiting a little for a topic created a moment ago to show up. */
  private static List<PartitionInfo> partitions(
      KafkaConsumer<String, String> consumer, String topic, Duration timeout) {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (true) {
      List<PartitionInfo> infos = consumer.partitionsFor(topic, timeout);
      if ((infos != null && !infos.isEmpty()) || System.nanoTime() > deadline) {
        return infos == null ? List.of() : infos;
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return List.of();
      }
    }
  }

  /** Reads the whole seen topic, from the beginning to its end as of now. */
  static SeenKeys load(Properties clientProperties, String topic, Duration timeout) {
    Properties p = new Properties();
    p.putAll(clientProperties);
    p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    p.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    p.remove(ConsumerConfig.GROUP_ID_CONFIG);
    SeenKeys seen = new SeenKeys();
    long started = System.nanoTime();
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p)) {
      List<PartitionInfo> infos = partitions(consumer, topic, timeout);
      if (infos.isEmpty()) {
        throw new IllegalStateException(
            "topic " + topic + " does not exist; create newsmon's topics before ingest starts");
      }
      List<TopicPartition> partitions =
          infos.stream().map(i -> new TopicPartition(topic, i.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
      Set<TopicPartition> pending =
          partitions.stream()
              .filter(tp -> end.get(tp) > consumer.position(tp, timeout))
              .collect(Collectors.toSet());
      while (!pending.isEmpty()) {
        for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
          if (r.key() == null) {
            continue;
          }
          if (r.value() == null) {
            seen.keys.remove(r.key());
          } else {
            seen.keys.add(r.key());
          }
        }
        pending.removeIf(tp -> consumer.position(tp, timeout) >= end.get(tp));
      }
    }
    log.info(
        "loaded {} seen keys from {} in {} ms",
        seen.size(),
        topic,
        (System.nanoTime() - started) / 1_000_000);
    return seen;
  }
}
