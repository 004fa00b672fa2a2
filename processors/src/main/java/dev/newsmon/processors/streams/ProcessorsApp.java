package dev.newsmon.processors.streams;

import dev.newsmon.processors.match.ArticleMatcher;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.CloseOptions.GroupMembershipOperation;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the processors: one {@link KafkaStreams} over {@link ProcessorsTopology}, with its
 * lifecycle, error handling and metrics.
 *
 * <p><b>One KafkaStreams, not one per topology.</b> The four topologies form one application: the
 * stateful three share one mentions source and one sub-topology, so a mention is read once, not
 * three times; one application id means one consumer group, one rebalance and one transactional
 * producer per thread under {@code exactly_once_v2}, which matters on small machines; and {@code
 * newsmon backtest} runs exactly this object. The cost is shared fate: a rebalance pauses all four,
 * and they cannot be scaled separately beyond what their topics' partitions allow. Each topology
 * still has its own {@code build(config)} for testing in isolation.
 *
 * <p>A stream thread that dies on an unexpected exception is replaced ({@code REPLACE_THREAD}); its
 * tasks restart from the last commit, which under exactly-once loses and duplicates nothing. That
 * heals a fault that clears, but not one that comes back on every retry (a record a processor
 * always fails on, a changelog topic the cluster refuses to create): replaced forever, the thread
 * would keep failing while the client never left {@code RUNNING} or {@code REBALANCING}, the
 * process stayed up processing nothing, and {@code /health}, once it had run, said UP. So
 * replacements are budgeted ({@link ThreadFailureBudget}): up to {@link
 * ProcessorsConfig#maxThreadFailures} failures within {@link ProcessorsConfig#threadFailureWindow}
 * are replaced, and the next one within that window shuts the client down ({@code
 * SHUTDOWN_CLIENT}). It goes to {@code ERROR}, {@link #failure()} completes, and the command exits
 * non-zero, so that its supervisor restarts it with its own backoff and the crash loop shows. Only
 * this instance stops: its peers take its tasks over, and fail in turn if the fault is theirs too.
 * Kafka Streams' own metrics go to the given {@link MeterRegistry} through Micrometer's {@link
 * KafkaStreamsMetrics}, alongside {@link ProcessorMetrics}.
 */
public final class ProcessorsApp implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ProcessorsApp.class);

  private final ProcessorsConfig config;
  private final ProcessorMetrics metrics;
  private final KafkaStreams streams;
  private final KafkaStreamsMetrics streamsMetrics;
  private final GroupMembershipOperation onClose;
  private final CompletableFuture<KafkaStreams.State> failure = new CompletableFuture<>();
  private final ThreadFailureBudget threadFailures;
  private volatile boolean hasRun;

  /**
   * @throws dev.newsmon.processors.match.WatchlistException when a rule does not compile
   */
  public ProcessorsApp(ProcessorsConfig config, MeterRegistry registry) {
    this.config = config;
    this.metrics = new ProcessorMetrics(registry).startAtZero(config);
    Topology topology =
        ProcessorsTopology.build(config, ArticleMatcher.compile(config.watchlist()), metrics);
    Properties props = config.streamsProperties();
    props.put(CountingDeserializationHandler.METRICS_CONFIG, metrics);
    this.onClose = onClose(props);
    this.streams = new KafkaStreams(topology, props);
    this.threadFailures =
        new ThreadFailureBudget(config.maxThreadFailures(), config.threadFailureWindow());
    streams.setStateListener(
        (now, before) -> {
          log.info("processors {}: {} -> {}", config.applicationId(), before, now);
          if (now == KafkaStreams.State.RUNNING) {
            hasRun = true;
          }
          if (now == KafkaStreams.State.ERROR) {
            log.error(
                "processors {} failed: Kafka Streams is in ERROR and will not process again",
                config.applicationId());
            failure.complete(now);
          }
        });
    streams.setUncaughtExceptionHandler(this::onThreadFailure);
    this.streamsMetrics = new KafkaStreamsMetrics(streams);
    streamsMetrics.bindTo(registry);
  }

  /**
   * Called on a stream thread with an exception that escaped it: replaces the thread while the
   * failure budget lasts. Mostly the thread is dying; Kafka Streams also reports a few errors it
   * survives (a source topic missing at assignment), which count too: either way the application
   * cannot do its work, and one that keeps hitting them should stop as loudly.
   */
  private StreamThreadExceptionResponse onThreadFailure(Throwable e) {
    if (threadFailures.spend()) {
      log.error(
          "uncaught exception in a stream thread of {} ({} of the {} allowed within {}); the"
              + " thread is replaced if it died",
          config.applicationId(),
          threadFailures.recent(),
          threadFailures.maxFailures(),
          threadFailures.window(),
          e);
      return StreamThreadExceptionResponse.REPLACE_THREAD;
    }
    log.error(
        "uncaught exception in a stream thread of {}: {} within {}, more than the {} that are"
            + " answered by replacing the thread; shutting Kafka Streams down so that the process"
            + " exits and is restarted",
        config.applicationId(),
        threadFailures.maxFailures() + 1,
        threadFailures.window(),
        threadFailures.maxFailures(),
        e);
    return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
  }

  /** Starts processing in the background; returns at once. */
  public ProcessorsApp start() {
    log.info(
        "starting processors {} ({}, commit every {}, {} threads, {} rules)",
        config.applicationId(),
        config.processingGuarantee(),
        config.commitInterval(),
        config.numThreads(),
        config.watchlist().rules().size());
    streams.start();
    return this;
  }

  /**
   * Completes when the Streams client has failed for good: state {@code ERROR}, reached when its
   * stream threads failed more often than {@link ProcessorsConfig#maxThreadFailures} within {@link
   * ProcessorsConfig#threadFailureWindow}, or a peer instance asked the whole application to shut
   * down. A thread that dies within that budget is replaced and does not count. A command should
   * then stop and exit non-zero, so that whatever supervises it (Kubernetes, systemd, Compose)
   * starts it again; a process that stays up without processing would still look healthy to its
   * probes.
   */
  public CompletableFuture<KafkaStreams.State> failure() {
    return failure;
  }

  public KafkaStreams.State state() {
    return streams.state();
  }

  /**
   * Whether this instance is ready for traffic (a readiness probe, a rolling update waiting for
   * it): see {@link #ready(boolean, KafkaStreams.State)}.
   */
  public boolean ready() {
    return ready(hasRun, streams.state());
  }

  /**
   * Ready once the client has reached {@code RUNNING} since it started, which it does only when
   * every active task it holds has restored its state, and while it is {@code RUNNING} or {@code
   * REBALANCING}. (An instance that joins a running group may be given no active task at first,
   * while its warm-up replicas catch up: it is ready, and processing its share of nothing.) A later
   * rebalance (a peer joining or leaving) does not make it unready: it goes on processing through a
   * cooperative rebalance, and a probe that flapped with every rebalance would take the dashboard
   * away for nothing and stall rolling updates.
   *
   * @param hasRun whether the client has been {@code RUNNING} since it started
   */
  static boolean ready(boolean hasRun, KafkaStreams.State state) {
    return hasRun
        && (state == KafkaStreams.State.RUNNING || state == KafkaStreams.State.REBALANCING);
  }

  /** For its metadata (tests, benchmarks); do not close it directly. */
  public KafkaStreams streams() {
    return streams;
  }

  public ProcessorMetrics metrics() {
    return metrics;
  }

  public ProcessorsConfig config() {
    return config;
  }

  /**
   * Stops, committing what was processed. A dynamic member leaves the group so that the partitions
   * move to the other instances (or to this one restarted) at once rather than after the session
   * timeout; a static one stays, since it will be back under the same {@code group.instance.id} and
   * take its partitions back without a rebalance (see {@link #onClose}).
   *
   * @return false if it did not stop within {@code timeout}
   */
  public boolean close(Duration timeout) {
    boolean stopped =
        streams.close(CloseOptions.groupMembershipOperation(onClose).withTimeout(timeout));
    streamsMetrics.close();
    return stopped;
  }

  /**
   * What a close does to the group membership. A restarted dynamic member joins as a new member, so
   * leaving at once saves waiting out the old one's session. A static member that left would be
   * removed, and its return would rebalance the group twice (once as it leaves, once as it comes
   * back), with its tasks restored elsewhere in between; staying, it is back within the session
   * timeout with its tasks and local state, while a member that does not come back (a scale-down)
   * gives its tasks up only when the session times out.
   */
  static GroupMembershipOperation onClose(Properties streamsProperties) {
    return ProcessorsConfig.staticMember(streamsProperties)
        ? GroupMembershipOperation.REMAIN_IN_GROUP
        : GroupMembershipOperation.LEAVE_GROUP;
  }

  @Override
  public void close() {
    close(Duration.ofSeconds(30));
  }
}
