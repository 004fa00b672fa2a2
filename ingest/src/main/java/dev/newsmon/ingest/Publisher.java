package dev.newsmon.ingest;

import dev.newsmon.schemas.Article;
import dev.newsmon.schemas.DeadLetters;
import dev.newsmon.schemas.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one producer of ingest: articles keyed by id, dead letters, and the seen keys that make
 * deduplication survive restarts. Idempotent with {@code acks=all}; while the broker is away it
 * keeps waiting and retrying rather than dropping anything. What it sees of Kafka goes to a {@link
 * PublishHealth}.
 */
final class Publisher implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Publisher.class);

  private final Producer<byte[], byte[]> producer;
  private final Topics topics;
  private final IngestMetrics metrics;
  private final Serializer<Article> articleSerializer;
  private final Duration closeTimeout;
  private final PublishHealth health;
  private final Clock clock = Clock.systemUTC();
  private final AtomicLong unacknowledged = new AtomicLong();
  // handed-over records not yet acknowledged or failed, by a sequence number, so the first entry
  // is the one that has waited longest
  private final AtomicLong handedOver = new AtomicLong();
  private final ConcurrentSkipListMap<Long, Instant> waitingSince = new ConcurrentSkipListMap<>();
  private final AtomicLong publishing = new AtomicLong();
  // Re-sends happen here, not on the producer's I/O thread, where a blocking send could deadlock.
  private final ExecutorService resender =
      Executors.newSingleThreadExecutor(r -> new Thread(r, "newsmon-ingest-resend"));
  private volatile boolean closing;

  Publisher(
      Properties clientProperties,
      Topics topics,
      IngestMetrics metrics,
      Duration closeTimeout,
      PublishHealth health) {
    this.producer = new KafkaProducer<>(producerConfig(clientProperties));
    this.topics = topics;
    this.metrics = metrics;
    this.closeTimeout = closeTimeout;
    this.health = health;
    metrics.publishStalled(() -> PublishHealth.stalledSeconds(clock.instant(), oldestWaiting()));
    this.articleSerializer = topics.articles().valueSerde().serializer();
  }

  static Properties producerConfig(Properties clientProperties) {
    Properties p = new Properties();
    p.putAll(clientProperties);
    p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    // Not overridable: these are what "nothing lost, nothing doubled" rests on.
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.RETRIES_CONFIG, Integer.toString(Integer.MAX_VALUE));
    p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, Integer.toString(Integer.MAX_VALUE));
    p.putIfAbsent(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "5");
    p.putIfAbsent(ProducerConfig.COMPRESSION_TYPE_CONFIG, "zstd");
    p.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, "20");
    // send() blocks this long for metadata or buffer space; past it we log and try again.
    p.putIfAbsent(ProducerConfig.MAX_BLOCK_MS_CONFIG, "30000");
    p.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "newsmon-ingest");
    return p;
  }

  /**
   * Sends an article; once Kafka has it, records its seen keys and the publish lag.
   *
   * @param seenKeys keys that mark this item as published, for dedup across restarts
   */
  CompletableFuture<RecordMetadata> publish(
      Article article, String feedTag, List<String> seenKeys) {
    byte[] key = article.id().getBytes(StandardCharsets.UTF_8);
    byte[] value = articleSerializer.serialize(topics.articles().name(), article);
    // Held until the seen keys are handed over too, so close() waits for them.
    publishing.incrementAndGet();
    CompletableFuture<RecordMetadata> done =
        send(new ProducerRecord<>(topics.articles().name(), key, value));
    // Never continue on the producer's I/O thread: a send from there waits for metadata that only
    // that thread can fetch.
    CompletableFuture<RecordMetadata> recorded =
        done.thenApplyAsync(
            metadata -> {
              for (String seenKey : seenKeys) {
                send(
                    new ProducerRecord<>(
                        topics.ingestSeen().name(), seenKey.getBytes(StandardCharsets.UTF_8), key));
              }
              if (article.publishedAtFallback() == null) {
                metrics.publishLag(feedTag, Duration.between(article.publishedAt(), Instant.now()));
              }
              return metadata;
            },
            resender);
    recorded.whenComplete((m, e) -> publishing.decrementAndGet());
    return recorded;
  }

  /** Records a key in the seen topic without an article, e.g. a file that was read. */
  void markSeen(String seenKey) {
    send(
        new ProducerRecord<>(
            topics.ingestSeen().name(),
            seenKey.getBytes(StandardCharsets.UTF_8),
            "1".getBytes(StandardCharsets.UTF_8)));
  }

  /** Sends a raw payload that could not become an Article to the dead letter topic. */
  void deadLetter(String source, String position, String reason, byte[] payload) {
    Headers headers = DeadLetters.ingestHeaders(source, position, reason);
    byte[] value = DeadLetters.cap(payload, headers);
    send(
        new ProducerRecord<>(
            topics.articlesRejected().name(),
            null,
            null,
            source.getBytes(StandardCharsets.UTF_8),
            value,
            headers));
  }

  private CompletableFuture<RecordMetadata> send(ProducerRecord<byte[], byte[]> record) {
    CompletableFuture<RecordMetadata> done = new CompletableFuture<>();
    long id = handedOver.incrementAndGet();
    // the time first, then the count: a reader that sees the count sees the record's age too
    waitingSince.put(id, clock.instant());
    unacknowledged.incrementAndGet();
    done.whenComplete(
        (m, e) -> {
          unacknowledged.decrementAndGet();
          waitingSince.remove(id);
        });
    attempt(record, done);
    return done;
  }

  /** When the oldest record not yet acknowledged (or failed) was handed over; null if none. */
  private Instant oldestWaiting() {
    Map.Entry<Long, Instant> oldest = waitingSince.firstEntry();
    return oldest == null ? null : oldest.getValue();
  }

  /**
   * Hands the record to the producer. When the producer cannot take it (no metadata or no buffer
   * space within {@code max.block.ms}: the broker is away), the calling source has been held up for
   * {@code max.block.ms}; the record is then retried, in order, on the resend thread until the
   * broker is back, so the source slows down, nothing is dropped, and a push can still answer.
   */
  private void attempt(
      ProducerRecord<byte[], byte[]> record, CompletableFuture<RecordMetadata> done) {
    try {
      producer.send(
          record,
          (metadata, error) -> {
            if (error == null) {
              health.acknowledged(clock.instant());
              done.complete(metadata);
            } else if (isRetriable(error) && !closing) {
              metrics.publishRetry();
              log.warn(
                  "cannot send to {} yet ({}); retrying until the broker is back",
                  record.topic(),
                  error.getMessage());
              resender.execute(() -> attempt(record, done));
            } else {
              fail(record, done, error);
            }
          });
    } catch (TimeoutException e) {
      if (closing) {
        fail(record, done, e);
      } else {
        metrics.publishRetry();
        resender.execute(() -> attempt(record, done));
      }
    } catch (RuntimeException e) {
      fail(record, done, e);
    }
  }

  private void fail(
      ProducerRecord<byte[], byte[]> record,
      CompletableFuture<RecordMetadata> done,
      Exception error) {
    metrics.publishFailure();
    health.failed(error);
    log.error(
        "cannot send to {}: {}; the record is NOT in Kafka", record.topic(), error.toString());
    done.completeExceptionally(error);
  }

  private static boolean isRetriable(Exception error) {
    return error instanceof RetriableException;
  }

  /**
   * Asks for the metadata of the articles topic on a thread of its own until the cluster answers,
   * so that {@link PublishHealth} learns the producer has reached it even when there is nothing to
   * send; a fatal error (such as a missing ACL) ends the asking.
   */
  void probeCluster() {
    Thread probe =
        new Thread(
            () -> {
              String topic = topics.articles().name();
              while (!closing) {
                try {
                  producer.partitionsFor(topic);
                  health.reached(clock.instant());
                  return;
                } catch (RuntimeException e) {
                  if (closing) {
                    return;
                  }
                  health.failed(e);
                  if (PublishHealth.isFatal(e)) {
                    log.error("cannot publish to {}: {}", topic, e.toString());
                    return;
                  }
                  // a timeout too (max.block.ms), which may be 0: without a pause, a loop of
                  // warnings as fast as the thread can log them
                  log.warn("no metadata for {} yet ({}); asking again", topic, e.toString());
                  try {
                    Thread.sleep(1_000);
                  } catch (InterruptedException interrupted) {
                    return;
                  }
                }
              }
            },
            "newsmon-ingest-probe");
    probe.setDaemon(true);
    probe.start();
  }

  /** Whether ingest can publish, now; see {@link PublishHealth}. */
  PublishHealth.Status health() {
    return health.at(clock.instant(), unacknowledged.get(), oldestWaiting());
  }

  /** Records handed to Kafka and not yet acknowledged. */
  long unacknowledged() {
    return unacknowledged.get();
  }

  void flush() {
    producer.flush();
  }

  /** Flushes, waiting up to the close timeout for the broker, then closes. */
  @Override
  public void close() {
    // First let in-flight articles be acknowledged and their seen keys be sent (lingering sends
    // go out by themselves); only then stop retrying and close, which flushes the rest.
    long deadline = System.nanoTime() + closeTimeout.toNanos();
    while ((unacknowledged.get() > 0 || publishing.get() > 0) && System.nanoTime() < deadline) {
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    closing = true;
    producer.close(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
    resender.shutdown();
    long left = unacknowledged.get();
    if (left > 0) {
      log.error("closed with {} records not acknowledged by Kafka within {}", left, closeTimeout);
    }
  }
}
