package dev.newsmon.ingest;

import dev.newsmon.schemas.ArticleJson;
import dev.newsmon.schemas.Topics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ingest runtime: every configured source feeding {@code newsmon.articles}, one producer, the
 * seen-keys memory and the HTTP server. Used by {@code newsmon ingest} and, in-process, by {@code
 * newsmon run}.
 *
 * <pre>{@code
 * try (Ingest ingest = new Ingest(config, topics, clientProperties, registry).start()) {
 *   ingest.awaitFiniteSources(); // files given once and stdin are read to the end
 *   ...                          // feeds, the watched directory and HTTP go on until close()
 * }
 * }</pre>
 *
 * <p>Publishing can fail for good: the producer meets an error no retry cures, such as a missing
 * ACL (see {@link PublishHealth#isFatal}). Ingest then publishes nothing more and {@link
 * #failure()} completes; the commands close it and exit non-zero, so that a supervisor restarts it
 * and the crash loop shows, rather than leave it up logging every article it takes as not in Kafka.
 */
public final class Ingest implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Ingest.class);
  private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);

  /** Where readiness probes ask, on the HTTP port; see {@link PublishHealth}. */
  public static final String HEALTH_PATH = "/health";

  private final IngestConfig config;
  private final Topics topics;
  private final Properties clientProperties;
  private final MeterRegistry registry;
  private final PrometheusMeterRegistry prometheus;
  private final IngestMetrics metrics;
  private final PublishHealth health;
  private InputStream stdin = System.in;
  private Duration closeTimeout = Duration.ofMinutes(2);

  private Publisher publisher;
  private ScheduledExecutorService scheduler;
  private ExecutorService finiteSources;
  private final List<FeedPoller> pollers = new ArrayList<>();
  private final List<CompletableFuture<Void>> finiteWork = new ArrayList<>();
  private PushServer server;
  private boolean closed;

  /**
   * @param clientProperties Kafka client settings, at least {@code bootstrap.servers}
   * @param registry where meters go; a Prometheus registry in it (or a new one) serves {@code
   *     /metrics}
   */
  public Ingest(
      IngestConfig config, Topics topics, Properties clientProperties, MeterRegistry registry) {
    this.config = config;
    this.topics = topics;
    this.clientProperties = clientProperties;
    PrometheusMeterRegistry found = findPrometheus(registry);
    if (found != null) {
      this.prometheus = found;
      this.registry = registry;
    } else {
      this.prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
      CompositeMeterRegistry both = new CompositeMeterRegistry();
      both.add(registry);
      both.add(prometheus);
      this.registry = both;
    }
    this.metrics = new IngestMetrics(this.registry).startAtZero(config);
    this.health = new PublishHealth(config.publishStallLimit());
    health
        .failure()
        .thenAccept(
            error ->
                log.error(
                    "publishing failed for good: {}; no retry cures this, so no article will"
                        + " reach Kafka until ingest is restarted",
                    error.toString()));
  }

  /** Reads JSONL from this stream instead of {@link System#in} when stdin is a source. */
  public Ingest stdin(InputStream in) {
    this.stdin = in;
    return this;
  }

  /** How long {@link #close()} waits for Kafka to take what is still queued (default 2 min). */
  public Ingest closeTimeout(Duration timeout) {
    this.closeTimeout = timeout;
    return this;
  }

  /**
   * Loads the seen keys, then starts every source; does nothing once closed.
   *
   * @throws IllegalStateException when the seen topic is missing or the cluster unreachable
   */
  public synchronized Ingest start() {
    if (closed) {
      return this; // closed before a deferred start came round
    }
    SeenKeys seen =
        SeenKeys.load(
            clientProperties,
            topics.ingestSeen().name(),
            STARTUP_TIMEOUT,
            config.dedupWindow(),
            Clock.systemUTC());
    publisher = new Publisher(clientProperties, topics, metrics, closeTimeout, health);
    publisher.probeCluster();
    Intake intake = new Intake(publisher, metrics);
    Fetcher fetcher = new Fetcher(config.fetch());
    int threads = Math.max(1, Math.min(4, config.feeds().size() + 1));
    ScheduledThreadPoolExecutor pool =
        new ScheduledThreadPoolExecutor(
            threads,
            r -> {
              Thread t = new Thread(r, "newsmon-ingest-poll");
              t.setDaemon(true);
              return t;
            });
    // close() must not wait for polls scheduled minutes ahead.
    pool.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    pool.setContinueExistingPeriodicTasksAfterShutdownPolicy(false);
    scheduler = pool;
    for (FeedConfig feed : config.feeds()) {
      FeedPoller poller =
          new FeedPoller(feed, config, fetcher, seen, publisher, metrics, scheduler);
      pollers.add(poller);
      poller.start();
    }
    FileSource files = new FileSource(intake, seen, publisher, config, metrics);
    if (config.watchDir() != null) {
      Path dir = config.watchDir();
      long every = config.dirPollInterval().toMillis();
      scheduler.scheduleWithFixedDelay(
          () -> {
            try {
              files.scan(dir);
            } catch (RuntimeException e) {
              log.error("scan of {} failed", dir, e);
            }
          },
          0,
          every,
          TimeUnit.MILLISECONDS);
    }
    finiteSources =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(r, "newsmon-ingest-read");
              t.setDaemon(true);
              return t;
            });
    for (Path file : config.files()) {
      finiteWork.add(CompletableFuture.runAsync(() -> files.read(file), finiteSources));
    }
    if (config.stdin()) {
      finiteWork.add(
          CompletableFuture.runAsync(
              () -> {
                BufferedReader lines =
                    new BufferedReader(new InputStreamReader(stdin, StandardCharsets.UTF_8));
                long n =
                    StdinSource.readLines(
                        lines,
                        StdinSource.TAG,
                        "stdin",
                        intake,
                        new ArticleJson.Defaults("stdin", Instant.now(), config.maxBodyBytes()));
                log.info("stdin ended after {} lines", n);
              },
              finiteSources));
    }
    if (config.httpPort() != -1) {
      try {
        server = new PushServer(config, intake, prometheus, publisher::health);
      } catch (IOException e) {
        throw new UncheckedIOException(
            "cannot bind " + config.httpHost() + ":" + config.httpPort(), e);
      }
      server.start();
    }
    log.info(
        "ingest started: {} feeds, dir {}, {} files, stdin {}, http {}",
        config.feeds().size(),
        config.watchDir(),
        config.files().size(),
        config.stdin(),
        server == null ? "off" : config.httpHost() + ":" + server.port());
    return this;
  }

  /**
   * Completes, once, with the first error after which the producer cannot publish again (see {@link
   * PublishHealth#isFatal}); never completes while publishing works or only waits for the broker.
   * It completes on the thread that met the error, possibly the producer's I/O thread, so
   * dependants must not block: count down a latch and close ingest from another thread.
   */
  public CompletableFuture<Throwable> failure() {
    return health.failure();
  }

  /** The port the HTTP server bound, or -1 without one. */
  public int httpPort() {
    return server == null ? -1 : server.port();
  }

  public MeterRegistry registry() {
    return registry;
  }

  /** The registry behind {@code GET /metrics}. */
  public PrometheusMeterRegistry prometheus() {
    return prometheus;
  }

  /**
   * Waits until the files given once and stdin have been read and their articles acknowledged, or
   * until publishing has failed for good, since reading on would only fail every further article.
   *
   * @return false when the timeout passed first or publishing failed for good (see {@link
   *     #failure()})
   */
  public boolean awaitFiniteSources(Duration timeout) throws InterruptedException {
    CompletableFuture<Void> read =
        CompletableFuture.allOf(finiteWork.toArray(CompletableFuture[]::new));
    try {
      CompletableFuture.anyOf(read, failure()).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      return false;
    } catch (ExecutionException e) {
      log.error("reading a source failed", e.getCause());
    }
    if (failure().isDone()) {
      return false;
    }
    // a send failing for good in this flush completes failure before flush() returns
    publisher.flush();
    return !failure().isDone();
  }

  /** Stops the sources, then flushes the producer, waiting up to the close timeout for Kafka. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (server != null) {
      server.close();
    }
    pollers.forEach(FeedPoller::stop);
    if (scheduler != null) {
      scheduler.shutdown();
      awaitQuietly(scheduler);
    }
    if (finiteSources != null) {
      finiteSources.shutdownNow();
    }
    if (publisher != null) {
      publisher.close();
    }
    log.info("ingest stopped");
  }

  private static void awaitQuietly(ExecutorService executor) {
    try {
      if (!executor.awaitTermination(30, TimeUnit.SECONDS)) {
        executor.shutdownNow();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      executor.shutdownNow();
    }
  }

  private static PrometheusMeterRegistry findPrometheus(MeterRegistry registry) {
    if (registry instanceof PrometheusMeterRegistry p) {
      return p;
    }
    if (registry instanceof CompositeMeterRegistry composite) {
      for (MeterRegistry member : composite.getRegistries()) {
        if (member instanceof PrometheusMeterRegistry p) {
          return p;
        }
      }
    }
    return null;
  }
}
