package dev.newsmon.bench.pipeline;

import dev.newsmon.broker.EmbeddedKafka;
import dev.newsmon.processors.streams.ProcessorsApp;
import dev.newsmon.processors.streams.ProcessorsConfig;
import dev.newsmon.schemas.Article;
import dev.newsmon.schemas.Json;
import dev.newsmon.schemas.Mention;
import dev.newsmon.schemas.Topics;
import dev.newsmon.schemas.watchlist.Alerting;
import dev.newsmon.schemas.watchlist.Rule;
import dev.newsmon.schemas.watchlist.Watchlist;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;

/**
 * The pipeline benchmark: generated ~4 KB articles through the embedded broker and the processors,
 * against the raw broker's produce→consume on the same records in the same run.
 *
 * <p>Four measurements, in order: raw broker throughput (produce N as fast as possible, time until
 * a {@code read_committed} consumer has them all), pipeline throughput (produce N articles, time
 * until every article's mention is visible to a {@code read_committed} consumer of {@code
 * newsmon.mentions}), then latency of each at a steady rate (default 500 articles/s): produce time
 * to the moment the consumer sees the record (raw) or the article's first mention (pipeline). Every
 * article matches exactly one of the watchlist's rules, so "mention visible" is defined for each.
 *
 * <p>Arguments, all optional: {@code --articles N} (throughput, default 20000), {@code
 * --latency-seconds S} (default 20), {@code --rate R} (default 500), {@code --partitions P}
 * (default 3), {@code --commit-interval-ms C} (default 100), {@code --streams-linger-ms L} (the
 * processors' producer linger, default 5), {@code --threads T} (default 1), {@code --guarantee
 * exactly_once_v2|at_least_once}, {@code --extra-count-windows PT1M,P1D|none} (dashboard views
 * besides the alerting window).
 */
public final class PipelineBenchmark {
  private static final int BODY_BYTES = 4000;
  private static final int RULES = 50;

  private final Map<String, String> args;
  private final int articles;
  private final int latencySeconds;
  private final int rate;
  private final int partitions;
  private final long commitMs;
  private final int lingerMs;
  private final int threads;
  private final List<String> ruleWords = new ArrayList<>();

  private PipelineBenchmark(Map<String, String> args) {
    this.args = args;
    this.articles = intArg("articles", 20000);
    this.latencySeconds = intArg("latency-seconds", 20);
    this.rate = intArg("rate", 500);
    this.partitions = intArg("partitions", 3);
    this.commitMs = intArg("commit-interval-ms", 100);
    this.lingerMs = intArg("streams-linger-ms", 5);
    this.threads = intArg("threads", 1);
    for (int i = 0; i < RULES; i++) {
      ruleWords.add("zorvex" + (char) ('a' + i % 26) + (char) ('a' + i / 26) + "q");
    }
  }

  public static void main(String[] argv) throws Exception {
    System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
    Map<String, String> args = new java.util.HashMap<>();
    for (int i = 0; i + 1 < argv.length; i += 2) {
      args.put(argv[i].replaceFirst("^--", ""), argv[i + 1]);
    }
    new PipelineBenchmark(args).run();
  }

  /** {@code --extra-count-windows PT1M,P1D} (the default) or {@code none}. */
  private List<Duration> extraCountWindows() {
    String spec = args.getOrDefault("extra-count-windows", "PT1M,P1D");
    if (spec.equals("none")) {
      return List.of();
    }
    return Arrays.stream(spec.split(",")).map(Duration::parse).toList();
  }

  private int intArg(String name, int fallback) {
    return args.containsKey(name) ? Integer.parseInt(args.get(name)) : fallback;
  }

  private Watchlist watchlist() {
    List<Rule> rules = new ArrayList<>();
    for (int i = 0; i < RULES; i++) {
      rules.add(
          new Rule(
              "bench-" + i,
              "Bench rule " + i,
              "demand",
              null,
              "\"" + ruleWords.get(i) + " talks\""));
    }
    return new Watchlist(List.of(), rules, Alerting.defaults());
  }

  /**
   * Article {@code n}: ~4 KB of filler words and one phrase that matches rule {@code n % RULES}.
   */
  private byte[] article(int n, String run, Random random, Instant publishedAt) {
    StringBuilder body = new StringBuilder(BODY_BYTES + 100);
    String[] filler = {
      "council",
      "harbour",
      "weather",
      "market",
      "budget",
      "river",
      "school",
      "festival",
      "railway",
      "museum",
      "election",
      "bridge",
      "orchard",
      "factory",
      "stadium",
      "library",
      "tariff"
    };
    while (body.length() < BODY_BYTES) {
      body.append(filler[random.nextInt(filler.length)]).append(' ');
      if (random.nextInt(12) == 0) {
        body.append("again. ");
      }
    }
    body.append("Officials confirmed ").append(ruleWords.get(n % RULES)).append(" talks today.");
    Article a =
        Article.builder()
            .url("https://bench.example.org/" + run + "/" + n)
            .source("bench.example.org")
            .title("Bench story " + n)
            .body(body.toString())
            .language("en")
            .publishedAt(publishedAt)
            .fetchedAt(publishedAt)
            .build();
    return Json.write(a).getBytes(StandardCharsets.UTF_8);
  }

  private void run() throws Exception {
    System.out.printf(
        Locale.ROOT,
        "machine: %d cores visible, %s %s, max heap %d MiB; args %s%n",
        Runtime.getRuntime().availableProcessors(),
        System.getProperty("java.vm.name"),
        System.getProperty("java.version"),
        Runtime.getRuntime().maxMemory() >> 20,
        args);
    Path stateDir = Files.createTempDirectory("newsmon-bench-state-");
    try (EmbeddedKafka kafka = EmbeddedKafka.startEphemeral()) {
      Topics topics = Topics.defaults();
      kafka.createTopics(topics.newTopics(partitions, (short) 1));
      kafka.createTopics(
          List.of(
              new org.apache.kafka.clients.admin.NewTopic("raw.tput", partitions, (short) 1),
              new org.apache.kafka.clients.admin.NewTopic("raw.latency", partitions, (short) 1)));
      ProcessorsConfig config =
          ProcessorsConfig.builder(watchlist())
              .applicationId("bench-processors")
              .stateDir(stateDir)
              .bootstrapServers(kafka.bootstrapServers())
              .commitInterval(Duration.ofMillis(commitMs))
              .numThreads(threads)
              .processingGuarantee(args.getOrDefault("guarantee", "exactly_once_v2"))
              .countWindows(extraCountWindows())
              .clientProperty(
                  "producer." + ProducerConfig.LINGER_MS_CONFIG, Integer.toString(lingerMs))
              .build();

      Random random = new Random(42);
      Instant t0 = Instant.parse("2025-03-10T00:00:00Z");
      List<byte[]> tput = new ArrayList<>(articles);
      for (int i = 0; i < articles; i++) {
        tput.add(article(i, "t", random, t0.plusMillis(i * 100L)));
      }
      int latencyCount = rate * latencySeconds;
      List<byte[]> steady = new ArrayList<>(latencyCount);
      for (int i = 0; i < latencyCount; i++) {
        steady.add(article(i, "l", random, t0.plus(Duration.ofDays(1)).plusMillis(i * 100L)));
      }
      double avgBytes = tput.stream().mapToInt(b -> b.length).average().orElse(0);
      System.out.printf(
          Locale.ROOT,
          "records: %d for throughput, %d for latency, avg %.0f bytes%n",
          articles,
          latencyCount,
          avgBytes);

      double matchRate = matcherAlone(tput);
      // Raw broker first, so the processors' threads do not compete with it.
      double rawRate = throughput(kafka, "raw.tput", tput, false);
      long[] rawLat = latency(kafka, "raw.latency", steady, false);

      try (ProcessorsApp app = new ProcessorsApp(config, new SimpleMeterRegistry()).start()) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (app.state() != KafkaStreams.State.RUNNING && System.nanoTime() < deadline) {
          Thread.sleep(50);
        }
        double pipeRate = throughput(kafka, topics.articles().name(), tput, true);
        long[] pipeLat = latency(kafka, topics.articles().name(), steady, true);

        System.out.println();
        System.out.println("| measure | raw broker | pipeline | ratio |");
        System.out.println("|---|---|---|---|");
        System.out.printf(
            Locale.ROOT,
            "| throughput, articles/s (N=%d) | %.0f | %.0f | %.0f%% |%n",
            articles,
            rawRate,
            pipeRate,
            100 * pipeRate / rawRate);
        System.out.printf(
            Locale.ROOT,
            "| latency p50 at %d/s, ms | %.1f | %.1f | %.1fx |%n",
            rate,
            pct(rawLat, 50),
            pct(pipeLat, 50),
            pct(pipeLat, 50) / pct(rawLat, 50));
        System.out.printf(
            Locale.ROOT,
            "| latency p99 at %d/s, ms | %.1f | %.1f | %.1fx |%n",
            rate,
            pct(rawLat, 99),
            pct(pipeLat, 99),
            pct(pipeLat, 99) / pct(rawLat, 99));
        System.out.printf(
            Locale.ROOT,
            "| latency max at %d/s, ms | %.1f | %.1f | |%n",
            rate,
            pct(rawLat, 100),
            pct(pipeLat, 100));
      }
    }
  }

  /** The ceiling: JSON parsing and matching alone, one thread, no Kafka. */
  private double matcherAlone(List<byte[]> records) throws Exception {
    var matcher = dev.newsmon.processors.match.ArticleMatcher.compile(watchlist());
    long mentions = 0;
    for (int i = 0; i < Math.min(2000, records.size()); i++) {
      mentions +=
          matcher.match(Json.read(records.get(i), Article.class), Instant.EPOCH).mentions().size();
    }
    long start = System.nanoTime();
    for (byte[] r : records) {
      mentions += matcher.match(Json.read(r, Article.class), Instant.EPOCH).mentions().size();
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    System.out.printf(
        Locale.ROOT,
        "matcher alone: %d articles in %.2f s (%d mentions incl. warm-up)%n",
        records.size(),
        seconds,
        mentions);
    return records.size() / seconds;
  }

  private static double pct(long[] sortedNanos, double p) {
    int i = (int) Math.ceil(p / 100 * sortedNanos.length) - 1;
    return sortedNanos[Math.max(0, Math.min(i, sortedNanos.length - 1))] / 1e6;
  }

  private static KafkaProducer<String, byte[]> producer(EmbeddedKafka kafka) {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
    p.put(ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(256 * 1024));
    p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "none");
    return new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
  }

  private static KafkaConsumer<String, byte[]> consumer(EmbeddedKafka kafka, String topic) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    p.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "5");
    KafkaConsumer<String, byte[]> c =
        new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer());
    var parts =
        c.partitionsFor(topic).stream()
            .map(i -> new org.apache.kafka.common.TopicPartition(topic, i.partition()))
            .toList();
    c.assign(parts);
    c.seekToEnd(parts);
    parts.forEach(c::position);
    return c;
  }

  /** The id a record is tracked by: the article id, read from the mention or the key. */
  private static String trackedId(ConsumerRecord<String, byte[]> r, boolean mentions) {
    if (!mentions) {
      return r.key();
    }
    try {
      return Json.read(r.value(), Mention.class).articleId();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static String idOf(byte[] article) {
    try {
      return Json.read(article, Article.class).id();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** Records per second from the first send until the consumer has seen every record. */
  private double throughput(
      EmbeddedKafka kafka, String inTopic, List<byte[]> records, boolean pipeline)
      throws Exception {
    String outTopic = pipeline ? Topics.defaults().mentions().name() : inTopic;
    List<String> ids = records.stream().map(PipelineBenchmark::idOf).toList();
    try (KafkaConsumer<String, byte[]> consumer = consumer(kafka, outTopic);
        KafkaProducer<String, byte[]> producer = producer(kafka)) {
      var pending = ConcurrentHashMap.<String>newKeySet();
      pending.addAll(ids);
      long start = System.nanoTime();
      for (int i = 0; i < records.size(); i++) {
        producer.send(new ProducerRecord<>(inTopic, ids.get(i), records.get(i)));
      }
      producer.flush();
      long deadline = start + Duration.ofMinutes(10).toNanos();
      while (!pending.isEmpty() && System.nanoTime() < deadline) {
        for (var r : consumer.poll(Duration.ofMillis(100))) {
          pending.remove(trackedId(r, pipeline));
        }
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      if (!pending.isEmpty()) {
        throw new IllegalStateException(pending.size() + " records never arrived on " + outTopic);
      }
      System.out.printf(
          Locale.ROOT,
          "%s throughput: %d in %.2f s%n",
          pipeline ? "pipeline" : "raw",
          records.size(),
          seconds);
      return records.size() / seconds;
    }
  }

  /** Produce→visible latency of each record at a steady rate, sorted, in nanoseconds. */
  private long[] latency(
      EmbeddedKafka kafka, String inTopic, List<byte[]> records, boolean pipeline)
      throws Exception {
    String outTopic = pipeline ? Topics.defaults().mentions().name() : inTopic;
    List<String> ids = records.stream().map(PipelineBenchmark::idOf).toList();
    Map<String, Long> sentAt = new ConcurrentHashMap<>();
    Map<String, Long> latency = new ConcurrentHashMap<>();
    AtomicBoolean stop = new AtomicBoolean();
    Thread reader;
    try (KafkaConsumer<String, byte[]> consumer = consumer(kafka, outTopic);
        KafkaProducer<String, byte[]> producer = producer(kafka)) {
      reader =
          new Thread(
              () -> {
                while (!stop.get() && latency.size() < ids.size()) {
                  for (var r : consumer.poll(Duration.ofMillis(20))) {
                    long now = System.nanoTime();
                    String id = trackedId(r, pipeline);
                    Long sent = sentAt.get(id);
                    if (sent != null) {
                      latency.putIfAbsent(id, now - sent);
                    }
                  }
                }
              },
              "bench-reader");
      reader.start();
      long interval = 1_000_000_000L / rate;
      long start = System.nanoTime();
      for (int i = 0; i < records.size(); i++) {
        long due = start + i * interval;
        long wait;
        while ((wait = due - System.nanoTime()) > 0) {
          LockSupport.parkNanos(wait);
        }
        sentAt.put(ids.get(i), System.nanoTime());
        producer.send(new ProducerRecord<>(inTopic, ids.get(i), records.get(i)));
      }
      producer.flush();
      long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
      while (latency.size() < ids.size() && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      stop.set(true);
      reader.join();
    }
    if (latency.size() < ids.size()) {
      throw new IllegalStateException((ids.size() - latency.size()) + " records never arrived");
    }
    long[] sorted = latency.values().stream().mapToLong(Long::longValue).toArray();
    Arrays.sort(sorted);
    return sorted;
  }
}
