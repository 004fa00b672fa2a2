package dev.newsmon.app;

import dev.newsmon.app.run.Metrics;
import dev.newsmon.processors.streams.ProcessorsApp;
import dev.newsmon.processors.streams.ProcessorsConfig;
import dev.newsmon.processors.web.Dashboard;
import dev.newsmon.processors.web.DashboardServer;
import dev.newsmon.processors.web.Health;
import dev.newsmon.schemas.Topics;
import dev.newsmon.schemas.watchlist.Watchlist;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code newsmon process}: the Kafka Streams processors (mentions, rule counts, spike and
 * first-mention alerts) against a cluster, or the embedded broker, until Ctrl-C or SIGTERM.
 */
@Command(
    name = "process",
    mixinStandardHelpOptions = true,
    description =
        "Run the processors: articles -> mentions -> rule counts, spike and first-mention alerts.")
final class ProcessCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Mixin KafkaOptions kafka;

  @Mixin DashboardOptions dashboard;

  @Mixin WatchlistOption watchlist;

  @Option(
      names = "--application-id",
      paramLabel = "ID",
      defaultValue = ProcessorsConfig.DEFAULT_APPLICATION_ID,
      description =
          "Kafka Streams application id; instances sharing it share the work"
              + " (default: ${DEFAULT-VALUE}).")
  String applicationId;

  @Option(
      names = "--state-dir",
      paramLabel = "DIR",
      defaultValue = "data/streams",
      description = "Local state stores (default: ${DEFAULT-VALUE}).")
  Path stateDir;

  @Option(
      names = "--threads",
      paramLabel = "N",
      defaultValue = "1",
      description = "Stream threads (default: ${DEFAULT-VALUE}).")
  int threads;

  @Option(
      names = "--commit-interval",
      paramLabel = "DURATION",
      defaultValue = "PT0.05S",
      description =
          "Commit interval, e.g. 50ms or PT0.05S; under exactly-once also the mention latency"
              + " (default: ${DEFAULT-VALUE}).")
  Duration commitInterval;

  @Option(
      names = "--at-least-once",
      description = "Trade exactly-once for lower latency and no transactions.")
  boolean atLeastOnce;

  @Option(
      names = "--partitions",
      paramLabel = "N",
      defaultValue = "3",
      description = "Partitions of topics this creates (default: ${DEFAULT-VALUE}).")
  int partitions;

  @Option(
      names = "--replication-factor",
      paramLabel = "N",
      defaultValue = "" + Topics.BROKER_DEFAULT_REPLICATION_FACTOR,
      description =
          "Replication factor of topics this creates and of Kafka Streams' changelogs, unless the"
              + " --kafka-config file sets replication.factor (default: the broker's"
              + " default.replication.factor).")
  short replicationFactor;

  @Option(
      names = "--group-instance-id",
      paramLabel = "ID",
      description =
          "Static group membership: a restart under the same id within the session timeout gets"
              + " its partitions back without a rebalance. Unique per instance and stable across"
              + " its restarts, such as a StatefulSet pod's name (default: dynamic membership).")
  String groupInstanceId;

  @Option(
      names = "--max-thread-failures",
      paramLabel = "N",
      description =
          "Stream-thread failures within --thread-failure-window that are answered by replacing"
              + " the thread; one more stops the processors and exits with status 1"
              + " (default: "
              + ProcessorsConfig.DEFAULT_MAX_THREAD_FAILURES
              + ", or --threads if more).")
  Integer maxThreadFailures;

  @Option(
      names = "--thread-failure-window",
      paramLabel = "DURATION",
      defaultValue = "PT10M",
      description =
          "The sliding window --max-thread-failures counts in, e.g. 10m or PT10M"
              + " (default: ${DEFAULT-VALUE}).")
  Duration threadFailureWindow;

  /** The registry the processors report to, served on {@code /metrics} with the dashboard. */
  PrometheusMeterRegistry registry = Metrics.prometheus();

  @Override
  public Integer call() throws InterruptedException, IOException {
    Watchlist list = watchlist.loadOrReport(spec);
    if (list == null) {
      return 2;
    }
    try {
      // every option the config checks, checked before any broker is reached or started
      configure(list).build();
    } catch (IllegalArgumentException e) {
      String byOption = OptionTerms.of(e.getMessage(), OPTION_OF_FIELD);
      if (byOption.equals(e.getMessage())) {
        throw e; // not about an option (the watchlist's alerting, say): not a usage error
      }
      throw new ParameterException(spec.commandLine(), byOption, e);
    }
    DashboardServer.Config listen = dashboard.enabled() ? dashboard.config() : null;
    CountDownLatch stopped = new CountDownLatch(1);
    CountDownLatch closed = new CountDownLatch(1);
    // The JVM halts as soon as the shutdown hooks return, so the hook waits until the app has
    // committed and closed, and the embedded broker (if any) has stopped.
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  stopped.countDown();
                  try {
                    closed.await(60, TimeUnit.SECONDS);
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                },
                "newsmon-process-shutdown"));
    try (KafkaOptions.Connection connection = kafka.connect()) {
      ProcessorsConfig config =
          configure(list)
              .topics(connection.topics())
              .clientProperties(connection.clientProperties())
              .build();
      // After the config is validated, so that a bad option changes nothing on the cluster.
      connection.ensureTopics(partitions, replicationFactor);
      try (ProcessorsApp app = new ProcessorsApp(config, registry)) {
        app.failure().thenRun(stopped::countDown);
        app.start();
        try (Dashboard web =
            listen != null
                ? Dashboard.start(
                    listen,
                    list,
                    connection.copy(),
                    connection.topics(),
                    registry,
                    () -> new Health(app.ready(), app.state().name()))
                : null) {
          if (web != null) {
            System.err.printf("Dashboard and /metrics on %s%n", web.uri());
          }
          System.err.printf(
              "Processing %s with %d rules (%s). Ctrl-C stops.%n",
              connection.topics().articles().name(),
              list.rules().size(),
              config.processingGuarantee());
          stopped.await();
        }
        if (app.failure().isDone()) {
          System.err.println(
              "newsmon process: Kafka Streams failed (state ERROR, see the log above); exiting"
                  + " with status 1 so that it is restarted");
          return 1;
        }
      }
    } finally {
      closed.countDown();
    }
    return 0;
  }

  /** The config's fields that an option of this command sets, and that option. */
  private static final Map<String, String> OPTION_OF_FIELD =
      Map.of(
          "applicationId", "--application-id",
          "groupInstanceId", "--group-instance-id",
          "replicationFactor", "--replication-factor",
          "commitInterval", "--commit-interval",
          "numThreads", "--threads",
          "maxThreadFailures", "--max-thread-failures",
          "threadFailureWindow", "--thread-failure-window");

  /** The processors' config as the options give it, before the cluster adds topics and clients. */
  private ProcessorsConfig.Builder configure(Watchlist list) {
    ProcessorsConfig.Builder builder =
        ProcessorsConfig.builder(list)
            .applicationId(applicationId)
            .stateDir(stateDir.toAbsolutePath().normalize())
            .numThreads(threads)
            .commitInterval(commitInterval)
            .processingGuarantee(atLeastOnce ? "at_least_once" : "exactly_once_v2")
            .replicationFactor(replicationFactor)
            .groupInstanceId(groupInstanceId)
            .threadFailureWindow(threadFailureWindow);
    if (maxThreadFailures != null) {
      builder.maxThreadFailures(maxThreadFailures);
    }
    return builder;
  }
}
