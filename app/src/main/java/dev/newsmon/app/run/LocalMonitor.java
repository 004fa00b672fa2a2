package dev.newsmon.app.run;

import dev.newsmon.ingest.Ingest;
import dev.newsmon.ingest.IngestConfig;
import dev.newsmon.processors.streams.GroupProgress;
import dev.newsmon.processors.streams.ProcessorsApp;
import dev.newsmon.processors.streams.ProcessorsConfig;
import dev.newsmon.processors.web.Dashboard;
import dev.newsmon.processors.web.DashboardServer;
import dev.newsmon.processors.web.Health;
import dev.newsmon.schemas.Topics;
import dev.newsmon.schemas.watchlist.Watchlist;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.streams.KafkaStreams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole monitor in one process, as {@code newsmon run} starts it: processors, the dashboard
 * with {@code /metrics}, ingest and the sample replay, against a cluster the caller connected to.
 *
 * <p>Parts start in data-flow order and {@link #close} stops them in reverse, so nothing writes to
 * a part that is already gone: first the sources, then the dashboard, then the processors.
 */
public final class LocalMonitor implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(LocalMonitor.class);
  // Ctrl-C must stop everything within 10 s; the processors commit and close well within this.
  private static final Duration PROCESSORS_CLOSE_TIMEOUT = Duration.ofSeconds(5);
  private static final Duration INGEST_CLOSE_TIMEOUT = Duration.ofSeconds(2);
  private static final Duration REPLAY_MAX_WAIT = Duration.ofSeconds(90);

  /**
   * What to run.
   *
   * @param processors the processors' settings, including the watchlist
   * @param dashboard where the dashboard and /metrics listen, or null for neither
   * @param ingest sources for ingest (feeds, a watched directory), or null for none
   * @param sample a JSONL file to replay instead of the bundled sample, or null
   * @param replaySample false to start without any sample coverage
   * @param speed event time per wall time for the replay
   */
  public record Config(
      ProcessorsConfig processors,
      DashboardServer.Config dashboard,
      IngestConfig ingest,
      boolean replaySample,
      Path sample,
      double speed) {
    public Config {
      if (processors == null) {
        throw new IllegalArgumentException("processor settings are required");
      }
      if (!(speed > 0)) {
        throw new IllegalArgumentException("speed must be positive: " + speed);
      }
    }
  }

  private final Deque<Part> parts = new ArrayDeque<>();
  private final PrometheusMeterRegistry registry;
  private Dashboard dashboard;
  private SampleReplay replay;
  private CompletableFuture<KafkaStreams.State> failure = new CompletableFuture<>();
  private final CompletableFuture<Void> ingestStarted = new CompletableFuture<>();
  private final CompletableFuture<Throwable> ingestFailure = new CompletableFuture<>();
  private volatile boolean closed;

  private record Part(String name, AutoCloseable closeable) {}

  private LocalMonitor(PrometheusMeterRegistry registry) {
    this.registry = registry;
  }

  /** Starts every part; on a failure, stops what had started and rethrows. */
  public static LocalMonitor start(Config config, Properties clientProperties, Topics topics) {
    PrometheusMeterRegistry registry = Metrics.prometheus();
    LocalMonitor m = new LocalMonitor(registry);
    try {
      m.startParts(config, clientProperties, topics);
      return m;
    } catch (RuntimeException | IOException e) {
      m.close();
      if (e instanceof IOException io) {
        throw new UncheckedIOException("cannot start newsmon: " + io.getMessage(), io);
      }
      throw (RuntimeException) e;
    }
  }

  private void startParts(Config config, Properties clientProperties, Topics topics)
      throws IOException {
    ProcessorsApp processors = new ProcessorsApp(config.processors(), registry);
    failure = processors.failure();
    parts.push(new Part("processors", () -> processors.close(PROCESSORS_CLOSE_TIMEOUT)));
    processors.start();

    Watchlist watchlist = config.processors().watchlist();
    if (config.dashboard() != null) {
      dashboard =
          Dashboard.start(
              config.dashboard(),
              watchlist,
              clientProperties,
              topics,
              registry,
              () -> new Health(processors.ready(), processors.state().name()));
      parts.push(new Part("dashboard", dashboard));
    }

    BooleanSupplier processed = null;
    if (config.replaySample()) {
      String name = config.sample() == null ? SampleReplay.BUNDLED : config.sample().toString();
      Admin admin = Admin.create(clientProperties);
      parts.push(new Part("progress admin", admin));
      processed = () -> articlesProcessed(admin, config.processors().applicationId(), topics);
      replay =
          new SampleReplay(
              new SampleReplay.Config(name, config.speed(), config.processors().alerting().grace()),
              clientProperties,
              topics,
              registry,
              processed);
      InputStream in =
          config.sample() == null
              ? SampleReplay.openBundled()
              : Files.newInputStream(config.sample());
      replay.start(in, () -> processors.state() == KafkaStreams.State.RUNNING, REPLAY_MAX_WAIT);
      parts.push(new Part("sample replay", replay));
    }

    if (config.ingest() != null) {
      Ingest ingest =
          new Ingest(config.ingest(), topics, clientProperties, registry)
              .closeTimeout(INGEST_CLOSE_TIMEOUT);
      ingest.failure().thenAccept(ingestFailure::complete);
      parts.push(new Part("ingest", ingest));
      if (replay == null) {
        ingest.start();
        ingestStarted.complete(null);
      } else {
        startAfterReplay(ingest, processed);
      }
    }
  }

  /**
   * Starts {@code ingest} once the sample has been replayed and processed. Live articles carry
   * today's dates: matched while the sample (from 2025) was still being replayed, they would move
   * the processors' stream time past every window the rest of the sample falls in, and its mentions
   * would be left out of the counts and spikes as late.
   */
  private void startAfterReplay(Ingest ingest, BooleanSupplier processed) {
    Thread t =
        new Thread(
            () -> {
              try {
                awaitReplayed(processed);
                if (!closed) {
                  log.info("Sample replayed and processed: starting ingest");
                  ingest.start();
                  ingestStarted.complete(null);
                }
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              } catch (RuntimeException e) {
                log.error("Ingest did not start after the sample replay", e);
                ingestStarted.completeExceptionally(e);
              }
            },
            "newsmon-ingest-after-sample");
    t.setDaemon(true);
    t.start();
  }

  private void awaitReplayed(BooleanSupplier processed) throws InterruptedException {
    try {
      while (!closed && replay.await(Duration.ofMillis(500)) == null) {
        // still replaying
      }
    } catch (RuntimeException e) {
      log.warn("Sample replay failed ({}); starting ingest anyway", e.toString());
      return;
    }
    while (!closed && !processed.getAsBoolean()) {
      TimeUnit.MILLISECONDS.sleep(200);
    }
  }

  /** True when the processors have processed every article on the topic so far. */
  private static boolean articlesProcessed(Admin admin, String applicationId, Topics topics) {
    try {
      return GroupProgress.caughtUp(admin, applicationId, topics.articles().name());
    } catch (ExecutionException e) {
      log.debug("Cannot read the processors' progress yet: {}", e.getCause().toString());
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** The dashboard page, or null when none is served. */
  public URI dashboardUri() {
    return dashboard == null ? null : dashboard.uri();
  }

  /** The Prometheus endpoint, or null when no dashboard is served. */
  public URI metricsUri() {
    return dashboard == null ? null : dashboard.uri().resolve("/metrics");
  }

  public PrometheusMeterRegistry registry() {
    return registry;
  }

  /** Completes when the processors have failed for good: see {@link ProcessorsApp#failure()}. */
  public CompletableFuture<KafkaStreams.State> failure() {
    return failure;
  }

  /**
   * Completes when ingest's publishing has failed for good: see {@link Ingest#failure()}. Never
   * completes when no ingest sources were given. Dependants must not block.
   */
  public CompletableFuture<Throwable> ingestFailure() {
    return ingestFailure;
  }

  /** The replay of the sample, or null when none runs. */
  public SampleReplay replay() {
    return replay;
  }

  /**
   * Completes when ingest has started: at once without a sample replay, else once the sample has
   * been replayed and processed. Never completes when no ingest sources were given.
   */
  public CompletableFuture<Void> ingestStarted() {
    return ingestStarted;
  }

  /** Stops every part, newest first; a part that fails to stop is logged and the rest go on. */
  @Override
  public void close() {
    closed = true;
    while (!parts.isEmpty()) {
      Part p = parts.pop();
      long started = System.nanoTime();
      try {
        p.closeable().close();
        log.info("Stopped {} in {} ms", p.name(), (System.nanoTime() - started) / 1_000_000);
      } catch (Exception e) {
        log.error("Stopping {} failed", p.name(), e);
      }
    }
    registry.close();
  }
}
