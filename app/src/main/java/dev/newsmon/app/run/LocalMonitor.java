package dev.newsmon.app.run;

import dev.newsmon.processors.web.Dashboard;
import dev.newsmon.processors.web.DashboardServer;
import dev.newsmon.schemas.Topics;
import dev.newsmon.schemas.watchlist.Watchlist;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole monitor in one process, as {@code newsmon run} starts it: processors, the sample
 * replay, and the dashboard with {@code /metrics}, against a cluster the caller connected to.
 *
 * <p>Parts start in data-flow order and {@link #close} stops them in reverse, so nothing writes to
 * a part that is already gone: first the sources, then the dashboard, then the processors.
 */
public final class LocalMonitor implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(LocalMonitor.class);

  /**
   * What to run.
   *
   * @param sample a JSONL file to replay instead of the bundled sample, or null
   * @param replaySample false to start without any sample coverage
   * @param speed event time per wall time for the replay
   */
  public record Config(
      Watchlist watchlist,
      DashboardServer.Config dashboard,
      boolean replaySample,
      Path sample,
      double speed) {
    public Config {
      if (watchlist == null || dashboard == null) {
        throw new IllegalArgumentException("watchlist and dashboard settings are required");
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

  private record Part(String name, AutoCloseable closeable) {}

  private LocalMonitor(PrometheusMeterRegistry registry) {
    this.registry = registry;
  }

  /** Starts every part; on a failure, stops what had started and rethrows. */
  public static LocalMonitor start(Config config, Properties clientProperties, Topics topics) {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    new JvmMemoryMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ClassLoaderMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
    JvmGcMetrics gc = new JvmGcMetrics();
    gc.bindTo(registry);
    LocalMonitor m = new LocalMonitor(registry);
    m.parts.push(new Part("gc metrics", gc));
    try {
      m.startParts(config, clientProperties, topics);
      return m;
    } catch (RuntimeException | IOException e) {
      m.close();
      if (e instanceof IOException io) {
        throw new UncheckedIOException("cannot start the dashboard: " + io.getMessage(), io);
      }
      throw (RuntimeException) e;
    }
  }

  private void startParts(Config config, Properties clientProperties, Topics topics)
      throws IOException {
    // The processors (issue 4) start here once that branch is merged.

    dashboard =
        Dashboard.start(config.dashboard(), config.watchlist(), clientProperties, topics, registry);
    parts.push(new Part("dashboard", dashboard));

    if (config.replaySample()) {
      String name = config.sample() == null ? SampleReplay.BUNDLED : config.sample().toString();
      replay =
          new SampleReplay(
              new SampleReplay.Config(name, config.speed()), clientProperties, topics, registry);
      InputStream in =
          config.sample() == null
              ? SampleReplay.openBundled()
              : Files.newInputStream(config.sample());
      replay.start(in);
      parts.push(new Part("sample replay", replay));
    }
  }

  /** The dashboard page. */
  public URI dashboardUri() {
    return dashboard.uri();
  }

  /** The Prometheus endpoint. */
  public URI metricsUri() {
    return dashboard.uri().resolve("/metrics");
  }

  public PrometheusMeterRegistry registry() {
    return registry;
  }

  /** The replay of the sample, or null when none runs. */
  public SampleReplay replay() {
    return replay;
  }

  /** Stops every part, newest first; a part that fails to stop is logged and the rest go on. */
  @Override
  public void close() {
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
