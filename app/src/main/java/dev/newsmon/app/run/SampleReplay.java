package dev.newsmon.app.run;

import dev.newsmon.schemas.Article;
import dev.newsmon.schemas.Json;
import dev.newsmon.schemas.Topics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replays a JSONL file of articles (the bundled sample coverage by default) into {@code
 * newsmon.articles}, in publication order and paced so that event time runs {@code speed} times
 * faster than wall time. Articles keep their own {@code publishedAt}: the processors window by it.
 *
 * <p><b>Resume.</b> Before sending, the replay reads the keys already on the articles topic (all
 * partitions, {@code read_committed}) and skips those ids, so a second run publishes only what the
 * first did not get to. The topic is the record of what was published: nothing can be marked done
 * without having been sent, and an idempotent producer with {@code acks=all} means a retried send
 * is never doubled. The scan reads the whole topic, which is right for a demo sample; feeds go
 * through ingest, which remembers what it has seen in {@code newsmon.ingest.seen}.
 *
 * <p><b>In step with the processors.</b> The articles spread over the topic's partitions, and each
 * rule's mentions come together again in one partition of {@code newsmon.mentions}. Were the replay
 * to send faster than the processors read, one partition's articles could be matched hours of event
 * time ahead of another's, and the later-read mentions would arrive after their windows closed:
 * left out of the counts as late. So the replay never lets event time run more than {@link
 * Config#lead} past articles the processors have not processed yet: it sends in steps of at most
 * that much event time and, before each step, waits until the processors' committed offsets have
 * passed everything sent. With the lead no longer than the processors' grace, no mention of a
 * replay is late, however fast it runs and however many instances share the work.
 *
 * <p>Lines that are not valid articles are logged with their line number and counted in {@code
 * newsmon.sample.skipped}; the replay goes on.
 */
public final class SampleReplay implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(SampleReplay.class);

  /** The sample bundled with the app, on the class path. */
  public static final String BUNDLED = "/sample/coverage.jsonl";

  /** A day of event time per minute of wall time. */
  public static final double DEFAULT_SPEED = 1440;

  private static final Duration WAIT_BEFORE_TELLING = Duration.ofSeconds(30);

  /**
   * How to replay.
   *
   * @param source a name for log lines, such as the resource path
   * @param speed event time per wall time; {@link Double#POSITIVE_INFINITY} sends as fast as the
   *     processors take it
   * @param lead how much event time may be sent beyond what the processors have processed; at most
   *     their grace, so that no mention arrives after its window closed
   */
  public record Config(String source, double speed, Duration lead) {
    public Config {
      if (!(speed > 0)) {
        throw new IllegalArgumentException("speed must be positive: " + speed);
      }
      if (lead == null || lead.isNegative()) {
        throw new IllegalArgumentException("lead must not be negative: " + lead);
      }
    }
  }

  /** What a replay did: articles read, sent, skipped as already published, skipped as invalid. */
  public record Result(int read, int published, int alreadyPublished, int invalid) {}

  private final Config config;
  private final BooleanSupplier processed;
  private final Properties clientProperties;
  private final Topics topics;
  private final Counter published;
  private final Counter alreadyPublished;
  private final Counter invalid;
  private final Counter failed;
  private final CountDownLatch done = new CountDownLatch(1);
  private volatile Thread thread;
  private volatile boolean closed;
  private volatile Result result;
  private volatile RuntimeException failure;

  /**
   * A replay that checks the processors' progress with {@code processed}: true when they have
   * processed every article on the topic so far.
   */
  public SampleReplay(
      Config config,
      Properties clientProperties,
      Topics topics,
      MeterRegistry registry,
      BooleanSupplier processed) {
    this.config = config;
    this.processed = processed;
    this.clientProperties = clientProperties;
    this.topics = topics;
    this.published =
        Counter.builder("newsmon.sample.published")
            .description("sample articles published to the articles topic")
            .register(registry);
    this.alreadyPublished = skipped(registry, "already-published");
    this.invalid = skipped(registry, "invalid");
    this.failed = skipped(registry, "send-failed");
  }

  /** Reads articles from JSON Lines, logging and counting bad lines. Sorted by publishedAt. */
  List<Article> read(InputStream in) {
    List<Article> articles = new ArrayList<>();
    try (BufferedReader reader =
        new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      String line;
      int n = 0;
      while ((line = reader.readLine()) != null) {
        n++;
        if (line.isBlank()) {
          continue;
        }
        try {
          articles.add(Json.read(line, Article.class));
        } catch (IOException | RuntimeException e) {
          log.warn("Sample {} line {} skipped: {}", config.source(), n, Json.reason(e));
          invalid.increment();
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read sample " + config.source(), e);
    }
    articles.sort(Comparator.comparing(Article::publishedAt).thenComparing(Article::id));
    return articles;
  }

  /** Starts replaying {@code in} on a daemon thread; {@link #await} waits for the end. */
  public void start(InputStream in) {
    start(in, () -> true, Duration.ZERO);
  }

  /**
   * Starts replaying {@code in} on a daemon thread once {@code ready} holds, or after {@code
   * maxWait} regardless. Waiting for the processors keeps the first hours of a fast replay from
   * piling up unread in several partitions, where they would be read out of event-time order.
   */
  public void start(InputStream in, BooleanSupplier ready, Duration maxWait) {
    Thread t =
        new Thread(
            () -> {
              try {
                awaitReady(ready, maxWait);
                result = replay(read(in));
              } catch (RuntimeException e) {
                failure = e;
                log.error("Sample replay of {} failed", config.source(), e);
              } finally {
                done.countDown();
              }
            },
            "newsmon-sample-replay");
    t.setDaemon(true);
    thread = t;
    t.start();
  }

  private void awaitReady(BooleanSupplier ready, Duration maxWait) {
    long deadline = System.nanoTime() + maxWait.toNanos();
    try {
      while (!closed && !ready.getAsBoolean() && System.nanoTime() < deadline) {
        TimeUnit.MILLISECONDS.sleep(100);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (!ready.getAsBoolean()) {
      log.warn(
          "Sample {}: starting the replay without waiting longer for readiness", config.source());
    }
  }

  /** Replays in the calling thread and returns what it did. */
  public Result replay(List<Article> articles) {
    Set<String> existing = publishedIds();
    List<Article> todo = new ArrayList<>();
    for (Article a : articles) {
      if (existing.contains(a.id())) {
        alreadyPublished.increment();
      } else {
        todo.add(a);
      }
    }
    int skipped = articles.size() - todo.size();
    if (skipped > 0) {
      log.info(
          "Sample {}: {} of {} articles already published, resuming with {}",
          config.source(),
          skipped,
          articles.size(),
          todo.size());
    }
    int sent = 0;
    try (KafkaProducer<String, Article> producer =
        new KafkaProducer<>(
            producerConfig(clientProperties),
            topics.articles().keySerde().serializer(),
            topics.articles().valueSerde().serializer())) {
      long wallStart = System.nanoTime();
      Instant stepStart = null;
      for (Article a : todo) {
        if (!pace(wallStart, todo.get(0), a)) {
          break;
        }
        if (stepStart == null
            || Duration.between(stepStart, a.publishedAt()).compareTo(config.lead()) > 0) {
          if (stepStart != null && !awaitProcessed(producer, a)) {
            break;
          }
          stepStart = a.publishedAt();
        }
        producer.send(
            new ProducerRecord<>(topics.articles().name(), a.id(), a),
            (md, e) -> {
              if (e != null) {
                // Only a fatal producer error gets here; the article is missing from the topic and
                // the next run sends it again.
                log.error("Sample article {} not published: {}", a.id(), e.getMessage());
                failed.increment();
              } else {
                published.increment();
              }
            });
        sent++;
      }
      producer.flush();
    }
    log.info("Sample {}: {} articles sent, {} already published", config.source(), sent, skipped);
    return new Result(articles.size(), sent, skipped, (int) invalid.count());
  }

  /**
   * Sends what is pending and waits until the processors have processed it, before {@code next}
   * starts a new step; false when closed meanwhile.
   */
  private boolean awaitProcessed(KafkaProducer<String, Article> producer, Article next) {
    producer.flush();
    long started = System.nanoTime();
    boolean told = false;
    try {
      while (!closed && !processed.getAsBoolean()) {
        if (!told && System.nanoTime() - started > WAIT_BEFORE_TELLING.toNanos()) {
          log.info(
              "Sample {}: waiting for the processors to catch up before sending articles from {}",
              config.source(),
              next.publishedAt());
          told = true;
        }
        TimeUnit.MILLISECONDS.sleep(20);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
    return !closed;
  }

  /** Sleeps until the article is due; false when closed meanwhile. */
  private boolean pace(long wallStart, Article first, Article a) {
    if (closed) {
      return false;
    }
    if (Double.isInfinite(config.speed())) {
      return true;
    }
    Duration eventOffset = Duration.between(first.publishedAt(), a.publishedAt());
    long due = wallStart + (long) (eventOffset.toNanos() / config.speed());
    try {
      long wait;
      while (!closed && (wait = due - System.nanoTime()) > 0) {
        TimeUnit.NANOSECONDS.sleep(Math.min(wait, TimeUnit.MILLISECONDS.toNanos(200)));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
    return !closed;
  }

  static Properties producerConfig(Properties clientProperties) {
    Properties p = new Properties();
    p.putAll(clientProperties);
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, "5");
    p.putIfAbsent(ProducerConfig.COMPRESSION_TYPE_CONFIG, "zstd");
    p.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "newsmon-sample-replay");
    return p;
  }

  /** Ids already on the articles topic, read from the start to the current end. */
  Set<String> publishedIds() {
    Properties p = new Properties();
    p.putAll(clientProperties);
    p.remove(ConsumerConfig.GROUP_ID_CONFIG);
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    p.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, "newsmon-sample-resume");
    Set<String> ids = new HashSet<>();
    try (KafkaConsumer<String, byte[]> c =
        new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer())) {
      List<PartitionInfo> infos = c.partitionsFor(topics.articles().name(), Duration.ofSeconds(30));
      List<TopicPartition> parts = new ArrayList<>();
      infos.forEach(i -> parts.add(new TopicPartition(i.topic(), i.partition())));
      c.assign(parts);
      c.seekToBeginning(parts);
      Map<TopicPartition, Long> end = new HashMap<>(c.endOffsets(parts));
      end.entrySet().removeIf(e -> c.position(e.getKey()) >= e.getValue());
      while (!end.isEmpty() && !closed) {
        for (ConsumerRecord<String, byte[]> r : c.poll(Duration.ofMillis(500))) {
          if (r.key() != null) {
            ids.add(r.key());
          }
        }
        end.entrySet().removeIf(e -> c.position(e.getKey()) >= e.getValue());
      }
    }
    return ids;
  }

  /** Waits for the replay to end; the result, or null while it is still running. */
  public Result await(Duration timeout) throws InterruptedException {
    if (!done.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      return null;
    }
    if (failure != null) {
      throw failure;
    }
    return result;
  }

  /** Stops pacing and flushes what was sent; returns within a few seconds. */
  @Override
  public void close() {
    closed = true;
    Thread t = thread;
    if (t != null) {
      try {
        t.join(TimeUnit.SECONDS.toMillis(5));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private static Counter skipped(MeterRegistry registry, String reason) {
    return Counter.builder("newsmon.sample.skipped")
        .description("sample lines not published, per reason")
        .tag("reason", reason)
        .register(registry);
  }

  /** Opens the bundled sample. */
  public static InputStream openBundled() {
    InputStream in = SampleReplay.class.getResourceAsStream(BUNDLED);
    if (in == null) {
      throw new IllegalStateException(
          "the bundled sample " + BUNDLED + " is missing from the build");
    }
    return in;
  }
}
