package dev.newsmon.processors.streams;

import dev.newsmon.schemas.Alert;
import dev.newsmon.schemas.Article;
import dev.newsmon.schemas.Json;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the production topology ({@link ProcessorsApp}, unchanged) over a fixed list of articles on
 * a cluster of its own (the caller starts a fresh broker) and collects every alert.
 *
 * <p><b>Determinism.</b> Every topic gets one partition and the app one thread, so articles are
 * matched in input order and every rule's mentions reach the alert processors in that same order;
 * alert ids depend only on type, rule and window, and {@code detectedAt} is stream time, so two
 * runs over the same input give identical alerts.
 *
 * <p><b>When it is done.</b> The app commits its input offsets in the same transaction as its
 * output. The run is complete when the committed offset of {@code articles} reaches its end (every
 * mention is then written and committed) and, after that, the committed offset of {@code mentions}
 * reaches its end. Nothing more can follow: spikes fire when a running count reaches the threshold,
 * never when a window closes, so no alert waits for stream time to move past the last window;
 * closing only folds counts into baselines that no later input reads.
 */
public final class Backtest {
  private static final Logger log = LoggerFactory.getLogger(Backtest.class);

  private Backtest() {}

  /**
   * What a run produced.
   *
   * @param articles input records produced
   * @param rejected those the processors sent to the dead-letter topic
   * @param mentions mentions on the mentions topic
   * @param alerts every alert, sorted by window start, type, rule and id
   */
  public record Result(long articles, long rejected, long mentions, List<Alert> alerts) {
    public Result {
      alerts = List.copyOf(alerts);
    }

    /** Alerts per rule, by rule id. */
    public Map<String, Long> alertsByRule() {
      Map<String, Long> byRule = new TreeMap<>();
      alerts.forEach(a -> byRule.merge(a.ruleId(), 1L, Long::sum));
      return byRule;
    }
  }

  static final Comparator<Alert> ORDER =
      Comparator.comparing(Alert::windowStart)
          .thenComparing(Alert::type)
          .thenComparing(Alert::ruleId)
          .thenComparing(Alert::alertId);

  /**
   * @param config an exactly-once config whose client properties point at a fresh cluster; topics
   *     are created with one partition
   * @param input the raw records to produce to the articles topic, in order; invalid ones are
   *     produced as they are and end up in the dead-letter topic, as in production
   */
  public static Result run(ProcessorsConfig config, List<byte[]> input, Duration timeout) {
    Properties client = new Properties();
    client.putAll(config.clientProperties());
    try (Admin admin = Admin.create(client)) {
      admin.createTopics(config.topics().newTopics(1, (short) 1)).all().get();
      produce(client, config.topics().articles().name(), input);
      try (ProcessorsApp app = new ProcessorsApp(config, new SimpleMeterRegistry())) {
        app.start();
        awaitCaughtUp(admin, app, config, timeout);
      }
      List<Alert> alerts = new ArrayList<>();
      read(
          client,
          config.topics().alerts().name(),
          r ->
              alerts.add(
                  config
                      .topics()
                      .alerts()
                      .valueSerde()
                      .deserializer()
                      .deserialize(r.topic(), r.value())));
      alerts.sort(ORDER);
      long[] mentions = {0};
      read(client, config.topics().mentions().name(), r -> mentions[0]++);
      long[] rejected = {0};
      read(client, config.topics().articlesRejected().name(), r -> rejected[0]++);
      return new Result(input.size(), rejected[0], mentions[0], alerts);
    } catch (ExecutionException e) {
      throw new IllegalStateException(
          "backtest failed: " + e.getCause().getMessage(), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("backtest interrupted", e);
    }
  }

  private static void produce(Properties client, String topic, List<byte[]> input) {
    Properties p = new Properties();
    p.putAll(client);
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
    try (KafkaProducer<String, byte[]> producer =
        new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer())) {
      for (byte[] value : input) {
        String key = null;
        try {
          key = Json.read(value, Article.class).id();
        } catch (Exception e) {
          // Produced as it is: the processors reject it to the dead-letter topic, as in production.
        }
        producer.send(new ProducerRecord<>(topic, key, value));
      }
      producer.flush();
    }
  }

  private static void awaitCaughtUp(
      Admin admin, ProcessorsApp app, ProcessorsConfig config, Duration timeout)
      throws InterruptedException, ExecutionException {
    Instant deadline = Instant.now().plus(timeout);
    List<String> stages =
        List.of(config.topics().articles().name(), config.topics().mentions().name());
    int stage = 0;
    while (stage < stages.size()) {
      if (Instant.now().isAfter(deadline)) {
        throw new IllegalStateException(
            "backtest did not finish within "
                + timeout
                + " (waiting on "
                + stages.get(stage)
                + ")");
      }
      if (app.state() == KafkaStreams.State.ERROR
          || app.state() == KafkaStreams.State.NOT_RUNNING) {
        throw new IllegalStateException("processors stopped: " + app.state());
      }
      if (GroupProgress.caughtUp(admin, config.applicationId(), stages.get(stage))) {
        log.debug("backtest: {} fully processed", stages.get(stage));
        stage++;
      } else {
        Thread.sleep(100);
      }
    }
  }

  /** Reads a topic from the start to its last stable offset, {@code read_committed}. */
  public static void read(
      Properties client, String topic, Consumer<ConsumerRecord<byte[], byte[]>> action) {
    Properties p = new Properties();
    p.putAll(client);
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(topic).stream()
              .map(i -> new TopicPartition(topic, i.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
      while (partitions.stream().anyMatch(tp -> consumer.position(tp) < ends.get(tp))) {
        consumer.poll(Duration.ofMillis(200)).forEach(action);
      }
    }
  }
}
