package dev.newsmon.ingest;

import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
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
 * What ingest has published within the deduplication window, in memory, loaded at start from the
 * seen topic so that deduplication survives a restart, on this machine or another. A key is
 * forgotten a window after it was published: a long-running ingest does not grow without bound, and
 * a feed item still listed after that is published once more.
 */
final class SeenKeys {
  private static final Logger log = LoggerFactory.getLogger(SeenKeys.class);

  /** Each key with when it was published (epoch ms), oldest first. */
  private final LinkedHashMap<String, Long> keys = new LinkedHashMap<>();

  private final long windowMs;
  private final Clock clock;

  SeenKeys(Duration window, Clock clock) {
    this.windowMs = window.toMillis();
    this.clock = clock;
  }

  /**
   * Claims the keys of an item: true when none was seen within the window, and then all are marked
   * seen now, so a second poll while the first send is in flight does not publish twice.
   */
  synchronized boolean claim(Collection<String> itemKeys) {
    long now = clock.millis();
    forgetUpTo(now - windowMs);
    for (String key : itemKeys) {
      if (keys.containsKey(key)) {
        return false;
      }
    }
    for (String key : itemKeys) {
      keys.put(key, now);
    }
    return true;
  }

  synchronized boolean contains(String key) {
    forgetUpTo(clock.millis() - windowMs);
    return keys.containsKey(key);
  }

  synchronized int size() {
    return keys.size();
  }

  /**
   * Drops the keys published at or before {@code cutoff}: those at the head, as keys go in in time
   * order.
   */
  private void forgetUpTo(long cutoff) {
    Iterator<Long> times = keys.values().iterator();
    while (times.hasNext() && times.next() <= cutoff) {
      times.remove();
    }
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

  /**
   * Reads the seen topic, from the beginning to its end as of now, keeping the keys published
   * within {@code window}: the topic's retention drops older records only a segment at a time.
   */
  static SeenKeys load(
      Properties clientProperties, String topic, Duration timeout, Duration window, Clock clock) {
    Properties p = new Properties();
    p.putAll(clientProperties);
    p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    p.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    p.remove(ConsumerConfig.GROUP_ID_CONFIG);
    long started = System.nanoTime();
    long cutoff = clock.millis() - window.toMillis();
    Map<String, Long> latest = new HashMap<>();
    int expired = 0;
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
            latest.remove(r.key());
          } else if (r.timestamp() <= cutoff) {
            latest.remove(r.key());
            expired++;
          } else {
            latest.put(r.key(), r.timestamp());
          }
        }
        pending.removeIf(tp -> consumer.position(tp, timeout) >= end.get(tp));
      }
    }
    SeenKeys seen = new SeenKeys(window, clock);
    // partitions arrive interleaved: in time order, so that forgetting can stop at the first key
    // still inside the window
    latest.entrySet().stream()
        .sorted(Map.Entry.comparingByValue())
        .forEachOrdered(e -> seen.keys.put(e.getKey(), e.getValue()));
    log.info(
        "loaded {} seen keys from {} in {} ms ({} records older than {} skipped)",
        seen.size(),
        topic,
        (System.nanoTime() - started) / 1_000_000,
        expired,
        window);
    return seen;
  }
}
