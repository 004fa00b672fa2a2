package dev.newsmon.processors.web;

import dev.newsmon.schemas.Topics;
import dev.newsmon.schemas.watchlist.Watchlist;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.net.URI;
import java.util.Properties;
import java.util.function.Supplier;

/**
 * A running dashboard: {@link DashboardData} reading the output topics and the {@link
 * DashboardServer} showing them, started and stopped together.
 */
public final class Dashboard implements AutoCloseable {
  private final DashboardData data;
  private final DashboardServer server;

  private Dashboard(DashboardData data, DashboardServer server) {
    this.data = data;
    this.server = server;
  }

  /**
   * Starts reading the topics and serving.
   *
   * @param clientProperties how to reach the cluster (bootstrap servers, security settings)
   * @param health what {@code /health} answers, asked on every request
   * @throws IOException when the address cannot be bound
   */
  public static Dashboard start(
      DashboardServer.Config config,
      Watchlist watchlist,
      Properties clientProperties,
      Topics topics,
      PrometheusMeterRegistry registry,
      Supplier<Health> health)
      throws IOException {
    DashboardData data = new DashboardData(DashboardData.Limits.defaults(), registry);
    data.start(clientProperties, topics);
    try {
      return new Dashboard(data, DashboardServer.start(config, watchlist, data, registry, health));
    } catch (IOException | RuntimeException e) {
      data.close();
      throw e;
    }
  }

  /** The page, such as {@code http://127.0.0.1:8080/}. */
  public URI uri() {
    return server.uri();
  }

  public DashboardData data() {
    return data;
  }

  /** Stops serving first, then reading. */
  @Override
  public void close() {
    server.close();
    data.close();
  }
}
