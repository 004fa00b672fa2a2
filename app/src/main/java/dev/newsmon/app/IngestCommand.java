package dev.newsmon.app;

import dev.newsmon.ingest.Ingest;
import dev.newsmon.ingest.IngestConfig;
import dev.newsmon.ingest.IngestMetrics;
import dev.newsmon.schemas.Topics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code newsmon ingest}: feeds, files, HTTP push and stdin into {@code newsmon.articles}. Runs
 * until Ctrl-C when a source is continuous (feeds, a watched directory, HTTP); otherwise until the
 * files and stdin are read and Kafka has acknowledged every article. Either way it stops and exits
 * with status 1 once publishing has failed for good ({@link Ingest#failure()}), so that its
 * supervisor restarts it.
 */
@Command(
    name = "ingest",
    mixinStandardHelpOptions = true,
    description = {
      "Ingest articles from feeds, files, HTTP push and stdin into Kafka.",
      "Sources combine. Without --bootstrap-servers the embedded broker is started."
    })
final class IngestCommand implements Callable<Integer> {

  @Mixin KafkaOptions kafka;

  @Spec CommandSpec spec;

  @Mixin FeedSourceOptions sources;

  @Option(
      names = "--file",
      paramLabel = "FILE",
      description = "File read once (.txt, .html, .json, .jsonl); repeatable.")
  List<Path> files = new ArrayList<>();

  @Option(
      names = "--jsonl",
      paramLabel = "-",
      description = "Read JSONL articles from stdin ('-') or from a file.")
  String jsonl;

  @Option(
      names = "--http-port",
      paramLabel = "N",
      description = "Serve POST /articles, GET /metrics and GET /health on this port.")
  Integer httpPort;

  @Option(
      names = "--http-host",
      paramLabel = "ADDR",
      defaultValue = "127.0.0.1",
      description = "Address the HTTP server binds (default: ${DEFAULT-VALUE}).")
  String httpHost;

  @Option(
      names = "--publish-stall-limit",
      paramLabel = "DURATION",
      description = {
        "GET /health answers 503 once a record has waited this long for Kafka's"
            + " acknowledgement, e.g. 2m (default: 1m)."
      })
  Duration publishStallLimit;

  @Mixin IngestTimingOptions timing;

  @Option(
      names = "--partitions",
      paramLabel = "N",
      defaultValue = "3",
      description = "Partitions of topics created here (default: ${DEFAULT-VALUE}).")
  int partitions;

  @Option(
      names = "--replication-factor",
      paramLabel = "N",
      defaultValue = "" + Topics.BROKER_DEFAULT_REPLICATION_FACTOR,
      description =
          "Replication factor of topics created here (default: the broker's"
              + " default.replication.factor).")
  short replicationFactor;

  /** The config's fields that an option of this command sets, and that option. */
  private static final Map<String, String> OPTION_OF_FIELD =
      Map.of(
          "defaultInterval", "--interval",
          "dedupWindow", "--dedup-window",
          "publishStallLimit", "--publish-stall-limit",
          "httpPort", "--http-port");

  @Override
  public Integer call() throws Exception {
    IngestConfig config;
    try {
      config = config();
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), OptionTerms.of(e.getMessage(), OPTION_OF_FIELD), e);
    }
    KafkaOptions.Connection connection = kafka.connect();
    Ingest ingest;
    try {
      connection.ensureTopics(partitions, replicationFactor);
      PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
      ingest = new Ingest(config, connection.topics(), connection.copy(), registry);
    } catch (RuntimeException e) {
      connection.close();
      throw e;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    // Ctrl-C or SIGTERM: stop the sources, flush what is queued, then stop the embedded broker.
    Thread hook =
        new Thread(
            () -> {
              ingest.close();
              connection.close();
              stopped.countDown();
            },
            "newsmon-ingest-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    ingest.start();
    System.err.printf(
        "newsmon ingest: writing to %s on %s%s. %s%n",
        connection.topics().articles(),
        connection.bootstrapServers(),
        ingest.httpPort() == -1 ? "" : ", HTTP on " + httpHost + ":" + ingest.httpPort(),
        config.hasContinuousSource()
            ? "Ctrl-C stops it."
            : "It stops when every input has been read.");
    if (config.hasContinuousSource()) {
      ingest.failure().thenRun(stopped::countDown);
      stopped.await();
      if (!ingest.failure().isDone()) {
        return 0; // Ctrl-C: the hook has closed everything
      }
      stopAfterFailure(hook, ingest, connection);
      return 1;
    }
    ingest.awaitFiniteSources(Duration.ofDays(365));
    if (ingest.failure().isDone()) {
      stopAfterFailure(hook, ingest, connection);
      return 1;
    }
    Runtime.getRuntime().removeShutdownHook(hook);
    ingest.close();
    connection.close();
    System.err.printf("newsmon ingest: %s%n", summary(ingest.registry()));
    return 0;
  }

  /**
   * Closes ingest as Ctrl-C would (the sources stop, what can still be sent is flushed within the
   * close timeout) and says why the exit status is 1.
   */
  private static void stopAfterFailure(
      Thread hook, Ingest ingest, KafkaOptions.Connection connection) {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      // Ctrl-C came as well: the hook is closing ingest, and close() waits for it
    }
    ingest.close();
    connection.close();
    System.err.printf(
        "newsmon ingest: publishing to Kafka failed for good (%s); exiting with status 1 so that"
            + " it is restarted%n",
        ingest.failure().join());
  }

  /** What a finite run did, from its counters: published, duplicates, rejected, repaired. */
  static String summary(MeterRegistry registry) {
    return String.format(
        "%.0f published, %.0f already published, %.0f rejected, %.0f repaired",
        sum(registry, IngestMetrics.ITEMS_NEW),
        sum(registry, IngestMetrics.ITEMS_DUPLICATE),
        sum(registry, IngestMetrics.REJECTED),
        sum(registry, IngestMetrics.ITEMS_REPAIRED));
  }

  private static double sum(MeterRegistry registry, String name) {
    return registry.find(name).counters().stream().mapToDouble(Counter::count).sum();
  }

  IngestConfig config() throws java.io.IOException {
    IngestConfig.Builder b = sources.applyTo(timing.applyTo(IngestConfig.builder()));
    b.httpHost(httpHost);
    for (Path f : files) {
      b.file(FeedSourceOptions.readable("--file", f));
    }
    if (jsonl != null) {
      if (jsonl.equals("-")) {
        b.stdin(true);
      } else if (jsonl.endsWith(".jsonl") || jsonl.endsWith(".ndjson")) {
        b.file(FeedSourceOptions.readable("--jsonl", Path.of(jsonl)));
      } else {
        throw new IllegalArgumentException(
            "--jsonl takes '-' or a .jsonl file; use --file for other files: " + jsonl);
      }
    }
    if (httpPort != null) {
      b.httpPort(httpPort);
    }
    if (publishStallLimit != null) {
      b.publishStallLimit(publishStallLimit);
    }
    return b.build();
  }
}
