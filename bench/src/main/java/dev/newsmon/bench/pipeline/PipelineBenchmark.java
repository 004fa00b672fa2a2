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
 * (default 3), {@code --commit-interval-ms C} (default: ProcessorsConfig's), {@code --streams-linger-ms L} (the
 * processors' producer linger; default: ProcessorsConfig's), {@code --threads T} (default 1), {@code --guarantee
 * exactly_once_v2|at_least_once}, {@code --extra-count-windows PT1M,P1D|none} (dashboard views
 * besides the alerting window), {@code --warmup-articles W} (per warm-up round, default 20000, 0
 * for none), {@code --warmup-max-rounds R} (default 12), {@code --legacy-text true} (the
 * generator of runs 1 to 3: lower-case filler, so each body is one 4 KB sentence).
 *
 * <p><b>Warm-up.</b> Before each throughput measurement, raw and pipeline alike, rounds of W other
 * articles go the same way unmeasured until the JIT compilers are quiet, as JMH's warm-up
 * iterations do: broker, Kafka clients, Streams, RocksDB and Jackson are a lot of code, and on two
 * cores the one C2 compiler thread works through it for one to two minutes, taking a core the
 * whole time, which would otherwise be charged to whichever measurement runs first on new code
 * paths (the pipeline, with far more of them). A long-running instance pays it once.
 *
 * <p>Every throughput line also reports CPU per record, by thread group (native threads from
 * {@code /proc} on Linux): when broker and processors share the cores, the ratio of CPU per record
 * bounds the ratio of rates.
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
  private final int warmup;
  private final boolean legacyText;
  private final List<String> ruleWords = new ArrayList<>();

  private PipelineBenchmark(Map<String, String> args) {
    this.args = args;
    this.articles = intArg("articles", 20000);
    this.latencySeconds = intArg("latency-seconds", 20);
    this.rate = intArg("rate", 500);
    this.partitions = intArg("partitions", 3);
    this.commitMs =
        intArg(
            "commit-interval-ms", (int) ProcessorsConfig.DEFAULT_COMMIT_INTERVAL.toMillis());
    this.lingerMs = intArg("streams-linger-ms", -1);
    this.threads = intArg("threads", 1);
    this.warmup = intArg("warmup-articles", 20000);
    this.legacyText = Boolean.parseBoolean(args.getOrDefault("legacy-text", "false"));
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
    // Sentences of ~12 words that start with a capital, as news text does: the sentence splitter
    // only ends a sentence before a capital, so lower-case filler made the whole body one 4 KB
    // sentence and every mention carried it as its snippet (3.7 KB instead of ~0.5 KB).
    boolean sentenceStart = true;
    while (body.length() < BODY_BYTES) {
      String word = filler[random.nextInt(filler.length)];
      if (sentenceStart && !legacyText) {
        word = Character.toUpperCase(word.charAt(0)) + word.substring(1);
      }
      body.append(word).append(' ');
      sentenceStart = false;
      if (random.nextInt(12) == 0) {
        body.append("again. ");
        sentenceStart = true;
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
      ProcessorsConfig.Builder builder =
          ProcessorsConfig.builder(watchlist())
              .applicationId("bench-processors")
              .stateDir(stateDir)
              .bootstrapServers(kafka.bootstrapServers())
              .commitInterval(Duration.ofMillis(commitMs))
              .numThreads(threads)
              .processingGuarantee(args.getOrDefault("guarantee", "exactly_once_v2"))
              .countWindows(extraCountWindows());
      if (lingerMs >= 0) {
        builder.clientProperty(
            "producer." + ProducerConfig.LINGER_MS_CONFIG, Integer.toString(lingerMs));
      }
      ProcessorsConfig config = builder.build();

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
      // Older than everything measured, so warming up moves no window towards closing; new ids
      // every round, as the processors match an article sent again unchanged only once.
      java.util.function.IntFunction<List<byte[]>> warm =
          round -> {
            Random r = new Random(round);
            List<byte[]> batch = new ArrayList<>(warmup);
            for (int i = 0; i < warmup; i++) {
              batch.add(
                  article(i, "w" + round, r, t0.minus(Duration.ofDays(3)).plusMillis(i * 100L)));
            }
            return batch;
          };
      double avgBytes = tput.stream().mapToInt(b -> b.length).average().orElse(0);
      System.out.printf(
          Locale.ROOT,
          "records: %d for throughput, %d for latency, avg %.0f bytes%n",
          articles,
          latencyCount,
          avgBytes);

      double matchRate = matcherAlone(tput);
      // Raw broker first, so the processors' threads do not compete with it.
      warmUp(kafka, "raw.tput", warm, false);
      double rawRate = throughput(kafka, "raw.tput", tput, false);
      long[] rawLat = latency(kafka, "raw.latency", steady, false);

      try (ProcessorsApp app = new ProcessorsApp(config, new SimpleMeterRegistry()).start()) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (app.state() != KafkaStreams.State.RUNNING && System.nanoTime() < deadline) {
          Thread.sleep(50);
        }
        warmUp(kafka, topics.articles().name(), warm, true);
        double pipeRate = throughput(kafka, topics.articles().name(), tput, true);
        long[] pipeLat = latency(kafka, topics.articles().name(), steady, true);
        printCommitCost(app.streams());

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

  /**
   * Where a commit's time goes, over the whole run: Streams' own commit latency, and the
   * transactional producer's time in flush (waiting for every record sent in the transaction) and in
   * commitTransaction (waiting for the broker), per commit.
   */
  private static void printCommitCost(KafkaStreams streams) {
    double commits = 0;
    double commitAvg = 0;
    double commitMax = 0;
    double flushNs = 0;
    double txnCommitNs = 0;
    double sendOffsetsNs = 0;
    for (var e : streams.metrics().entrySet()) {
      String name = e.getKey().name();
      String group = e.getKey().group();
      Object v = e.getValue().metricValue();
      if (!(v instanceof Double d) || d.isNaN()) {
        continue;
      }
      switch (group + "/" + name) {
        case "stream-thread-metrics/commit-total" -> commits += d;
        case "stream-thread-metrics/commit-latency-avg" -> commitAvg = Math.max(commitAvg, d);
        case "stream-thread-metrics/commit-latency-max" -> commitMax = Math.max(commitMax, d);
        case "producer-metrics/flush-time-ns-total" -> flushNs += d;
        case "producer-metrics/txn-commit-time-ns-total" -> txnCommitNs += d;
        case "producer-metrics/txn-send-offsets-time-ns-total" -> sendOffsetsNs += d;
        default -> {}
      }
    }
    System.out.printf(
        Locale.ROOT,
        "commits: %.0f; Streams commit latency avg %.1f ms (last window), max %.1f ms; per commit:"
            + " producer flush %.1f ms, sendOffsetsToTransaction %.1f ms, commitTransaction %.1f"
            + " ms%n",
        commits,
        commitAvg,
        commitMax,
        flushNs / 1e6 / Math.max(1, commits),
        sendOffsetsNs / 1e6 / Math.max(1, commits),
        txnCommitNs / 1e6 / Math.max(1, commits));
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

  private static final int CORES = Runtime.getRuntime().availableProcessors();

  /**
   * CPU time of the whole JVM (broker, processors and benchmark clients) and of the Kafka Streams
   * threads alone, in nanoseconds: what a record costs, and so the rate the cores can sustain.
   */
  private record Cpu(long process, long stream, Map<String, Long> byThreadGroup) {
    static Cpu now() {
      var os =
          (com.sun.management.OperatingSystemMXBean)
              java.lang.management.ManagementFactory.getOperatingSystemMXBean();
      var threads = java.lang.management.ManagementFactory.getThreadMXBean();
      long stream = 0;
      Map<String, Long> groups = new java.util.TreeMap<>();
      for (var info : threads.getThreadInfo(threads.getAllThreadIds())) {
        if (info == null) {
          continue;
        }
        long cpu = Math.max(0, threads.getThreadCpuTime(info.getThreadId()));
        String name = info.getThreadName();
        if (name.matches("bench-processors-.*-StreamThread-\\d+")) {
          stream += cpu;
        }
        groups.merge(group(name), cpu, Long::sum);
      }
      groups.putAll(nativeThreads());
      return new Cpu(os.getProcessCpuTime(), stream, groups);
    }

    /** Threads of one kind under one name: numbers and ids dropped. */
    private static String group(String name) {
      return name.replaceAll("[0-9a-f]{8}-[0-9a-f-]{27}", "*")
          .replaceAll("\\d+", "N")
          .replaceAll("producer-N", "producer");
    }

    Cpu minus(Cpu earlier) {
      Map<String, Long> groups = new java.util.TreeMap<>();
      byThreadGroup.forEach(
          (g, c) -> groups.put(g, c - earlier.byThreadGroup.getOrDefault(g, 0L)));
      return new Cpu(process - earlier.process, stream - earlier.stream, groups);
    }

    /** The thread groups that used the most CPU, and what no Java thread accounts for. */
    void printTop(int records) {
      long javaThreads = byThreadGroup.values().stream().mapToLong(Long::longValue).sum();
      byThreadGroup.entrySet().stream()
          .filter(e -> !e.getKey().startsWith("native: ") || e.getValue() > 0)
          .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
          .limit(14)
          .forEach(
              e ->
                  System.out.printf(
                      Locale.ROOT,
                      "  %6.0f µs/record  %s%n",
                      e.getValue() / 1e3 / records,
                      e.getKey()));
      System.out.printf(
          Locale.ROOT,
          "  %6.0f µs/record  (no Java thread: GC, JIT, RocksDB background)%n",
          (process - javaThreads + nativeTotal()) / 1e3 / records);
    }

    private long nativeTotal() {
      return byThreadGroup.entrySet().stream()
          .filter(e -> e.getKey().startsWith("native: "))
          .mapToLong(Map.Entry::getValue)
          .sum();
    }
  }

  /**
   * CPU of the JVM's threads that are not Java threads (JIT compilers, GC, RocksDB's background
   * threads), by name, from {@code /proc/self/task} where there is one (Linux); nanoseconds.
   */
  private static Map<String, Long> nativeThreads() {
    Map<String, Long> out = new java.util.TreeMap<>();
    Path tasks = Path.of("/proc/self/task");
    if (!Files.isDirectory(tasks)) {
      return out;
    }
    long tick = 10_000_000L; // USER_HZ is 100 on Linux
    try (var dirs = Files.list(tasks)) {
      for (Path t : dirs.toList()) {
        try {
          String comm = Files.readString(t.resolve("comm")).strip();
          if (!comm.startsWith("C1 Compiler")
              && !comm.startsWith("C2 Compiler")
              && !comm.startsWith("GC ")
              && !comm.startsWith("G1 ")
              && !comm.startsWith("rocksdb")
              && !comm.startsWith("VM Thread")) {
            continue;
          }
          String stat = Files.readString(t.resolve("stat"));
          String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
          long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
          out.merge("native: " + comm.replaceAll("\\d+", "N"), ticks * tick, Long::sum);
        } catch (java.io.IOException | RuntimeException e) {
          // The thread ended while being read.
        }
      }
    } catch (java.io.IOException e) {
      return out;
    }
    return out;
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

  /**
   * Unmeasured rounds over {@code warm} until the JIT compilers are quiet (under 10% of one core
   * during the round) or {@code --warmup-max-rounds} (default 12) have run. Each round sends
   * articles of its own (the processors skip an article sent again unchanged), in windows long past.
   */
  private void warmUp(
      EmbeddedKafka kafka,
      String topic,
      java.util.function.IntFunction<List<byte[]>> warm,
      boolean pipeline)
      throws Exception {
    if (warmup == 0) {
      return;
    }
    var jit = java.lang.management.ManagementFactory.getCompilationMXBean();
    int maxRounds = intArg("warmup-max-rounds", 12);
    for (int round = 1; round <= maxRounds; round++) {
      long compileBefore = jit.getTotalCompilationTime();
      long start = System.nanoTime();
      System.out.printf(Locale.ROOT, "warm-up round %d (not measured):%n", round);
      throughput(kafka, topic, warm.apply(round), pipeline);
      double elapsedMs = (System.nanoTime() - start) / 1e6;
      double jitShare = (jit.getTotalCompilationTime() - compileBefore) / elapsedMs;
      System.out.printf(Locale.ROOT, "  JIT compiling %.0f%% of a core%n", 100 * jitShare);
      if (jitShare < 0.10) {
        return;
      }
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
      Cpu before = Cpu.now();
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
      Cpu used = Cpu.now().minus(before);
      if (!pending.isEmpty()) {
        throw new IllegalStateException(pending.size() + " records never arrived on " + outTopic);
      }
      System.out.printf(
          Locale.ROOT,
          "%s throughput: %d in %.2f s; CPU %.1f of %.1f core-seconds (%.0f%% busy), %.0f µs per"
              + " record, of which stream threads %.0f µs%n",
          pipeline ? "pipeline" : "raw",
          records.size(),
          seconds,
          used.process / 1e9,
          seconds * CORES,
          100 * used.process / 1e9 / (seconds * CORES),
          used.process / 1e3 / records.size(),
          used.stream / 1e3 / records.size());
      used.printTop(records.size());
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
