package dev.newsmon.app;

import dev.newsmon.app.run.LocalMonitor;
import dev.newsmon.ingest.IngestConfig;
import dev.newsmon.processors.streams.ProcessorsConfig;
import dev.newsmon.processors.web.DashboardServer;
import dev.newsmon.schemas.Topics;
import dev.newsmon.schemas.watchlist.Watchlist;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code newsmon run}: the whole monitor in one process. The embedded broker (unless a cluster is
 * given), the topics, the processors, a replay of the bundled sample coverage, and the dashboard
 * with {@code /metrics}; Ctrl-C stops them in reverse order.
 */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = {
      "Run the whole monitor: embedded Kafka broker, processors, sample coverage, dashboard and"
          + " metrics. Ctrl-C stops it; the next run resumes where this one stopped."
    })
final class RunCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin KafkaOptions kafka;

  @Mixin DashboardOptions dashboard;

  @Mixin WatchlistOption watchlist;

  @Option(
      names = "--speed",
      paramLabel = "N|max",
      defaultValue = "1440",
      description =
          "How many times faster than real time the sample is replayed; 1440 is a day per"
              + " minute, 'max' as fast as the processors take it (default: ${DEFAULT-VALUE}).")
  String speed;

  @Option(
      names = "--sample",
      paramLabel = "FILE",
      description = "Replay this JSONL file of articles instead of the bundled sample.")
  Path sample;

  @Option(names = "--no-sample", description = "Replay no sample coverage.")
  boolean noSample;

  @Mixin FeedSourceOptions sources;

  @Mixin IngestTimingOptions timing;

  @Option(
      names = "--state-dir",
      paramLabel = "DIR",
      defaultValue = "data/streams",
      description = "The processors' local state (default: ${DEFAULT-VALUE}).")
  Path stateDir;

  @Option(
      names = "--partitions",
      paramLabel = "N",
      defaultValue = "3",
      description = "Partitions of topics this creates (default: ${DEFAULT-VALUE}).")
  int partitions;

  @Override
  public Integer call() throws InterruptedException {
    double replaySpeed = replaySpeed();
    IngestConfig ingest;
    try {
      ingest = ingestConfig();
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage(), e);
    } catch (IOException e) {
      throw new ParameterException(spec.commandLine(), "cannot read " + e.getMessage(), e);
    }
    if (sample != null && noSample) {
      throw new ParameterException(
          spec.commandLine(), "--sample and --no-sample cannot both be given");
    }
    if (sample != null && !Files.isReadable(sample)) {
      throw new ParameterException(spec.commandLine(), "cannot read --sample " + sample);
    }
    Watchlist list = watchlist.loadOrReport(spec);
    if (list == null) {
      return 2;
    }
    DashboardServer.Config listen = dashboard.enabled() ? dashboard.config() : null;

    KafkaOptions.Connection connection = kafka.connect();
    LocalMonitor monitor;
    try {
      connection.ensureTopics(partitions, (short) Topics.BROKER_DEFAULT_REPLICATION_FACTOR);
      // Static membership: a restarted run takes its partitions back at once instead of waiting
      // out the session of the member it replaces (a static member stays in the group on close).
      ProcessorsConfig processors =
          ProcessorsConfig.builder(list)
              .topics(connection.topics())
              .stateDir(stateDir.toAbsolutePath().normalize())
              .groupInstanceId(staticMemberId(stateDir))
              .clientProperties(connection.clientProperties())
              .build();
      monitor =
          LocalMonitor.start(
              new LocalMonitor.Config(processors, listen, ingest, !noSample, sample, replaySpeed),
              connection.copy(),
              connection.topics());
    } catch (RuntimeException e) {
      connection.close();
      throw e;
    }

    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  long started = System.nanoTime();
                  System.err.println("newsmon: stopping...");
                  monitor.close();
                  connection.close();
                  System.err.printf(
                      "newsmon: stopped in %d ms%n", (System.nanoTime() - started) / 1_000_000);
                  stopped.countDown();
                },
                "newsmon-run-shutdown"));

    var out = spec.commandLine().getOut();
    out.printf("newsmon is running.%n");
    if (connection.embedded() != null) {
      out.printf(
          "  Kafka broker  %s  (embedded, data in %s)%n",
          connection.bootstrapServers(), connection.embedded().dataDir());
    } else {
      out.printf("  Kafka broker  %s%n", connection.bootstrapServers());
    }
    if (monitor.dashboardUri() != null) {
      out.printf("  Dashboard     %s%n", monitor.dashboardUri());
      out.printf("  Metrics       %s%n", monitor.metricsUri());
    }
    out.printf(
        "  Alerts        kcat -b %s -C -t %s%n",
        connection.bootstrapServers(), connection.topics().alerts().name());
    out.printf("  Rules         %d from %s%n", list.rules().size(), watchlist.describe());
    if (ingest != null) {
      out.printf(
          "  Ingest        %d feeds%s%s%n",
          ingest.feeds().size(),
          sources.dir == null ? "" : ", files dropped into " + sources.dir,
          noSample ? "" : "; starts once the sample has been replayed");
    }
    if (!noSample) {
      out.printf(
          "  Sample        %s at %s%n",
          sample == null ? "bundled ceasefire coverage" : sample,
          Double.isInfinite(replaySpeed) ? "full speed" : "x" + speed);
    }
    out.printf("Ctrl-C stops it.%n");
    out.flush();
    monitor.failure().thenRun(stopped::countDown);
    monitor.ingestFailure().thenRun(stopped::countDown);
    // live sources start after the sample: if they cannot start then (the seen topic gone, the
    // cluster unreachable), the run fails as it would have at once without a sample, rather than
    // go on without them
    monitor
        .ingestStarted()
        .exceptionally(
            e -> {
              stopped.countDown();
              return null;
            });
    stopped.await();
    // exiting runs the shutdown hook, which closes the rest
    if (monitor.failure().isDone()) {
      System.err.println(
          "newsmon: the processors failed (Kafka Streams state ERROR, see the log above);"
              + " exiting with status 1");
      return 1;
    }
    if (monitor.ingestFailure().isDone()) {
      System.err.println(
          "newsmon: ingest's publishing to Kafka failed for good ("
              + monitor.ingestFailure().join()
              + "); exiting with status 1");
      return 1;
    }
    if (monitor.ingestStarted().isCompletedExceptionally()) {
      System.err.println(
          "newsmon: ingest could not start after the sample replay ("
              + monitor.ingestStarted().handle((ok, e) -> e.getMessage()).join()
              + "); exiting with status 1");
      return 1;
    }
    return 0;
  }

  /**
   * This installation's static member id: the same across its restarts, and different for a run on
   * another machine or with another state dir, which would otherwise fence this one out of the
   * group when both use one cluster.
   */
  static String staticMemberId(Path stateDir) {
    String host;
    try {
      host = InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      host = "localhost";
    }
    String where = stateDir.toAbsolutePath().normalize().toString();
    return "newsmon-run-"
        + host.replaceAll("[^A-Za-z0-9._-]", "_")
        + "-"
        + Integer.toHexString(where.hashCode());
  }

  /** Ingest's sources, or null when none was given. */
  IngestConfig ingestConfig() throws IOException {
    if (!sources.given()) {
      if (timing.given() || sources.fullText) {
        throw new IllegalArgumentException(
            "--interval, --dedup-window and --full-text apply to ingest: give --feeds, --opml or"
                + " --dir too");
      }
      return null;
    }
    return sources.applyTo(timing.applyTo(IngestConfig.builder())).build();
  }

  private double replaySpeed() {
    if (speed.equalsIgnoreCase("max")) {
      return Double.POSITIVE_INFINITY;
    }
    try {
      double v = Double.parseDouble(speed);
      if (v > 0 && !Double.isInfinite(v)) {
        return v;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new ParameterException(
        spec.commandLine(),
        "--speed must be a positive number or 'max', not '" + speed + "'",
        spec.findOption("--speed"),
        speed);
  }
}
