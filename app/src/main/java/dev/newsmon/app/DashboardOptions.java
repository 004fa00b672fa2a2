package dev.newsmon.app;

import dev.newsmon.processors.web.DashboardServer;
import picocli.CommandLine.Option;

/** Where the dashboard, its JSON API and {@code /metrics} listen. */
public final class DashboardOptions {

  @Option(
      names = "--host",
      defaultValue = DashboardServer.Config.DEFAULT_HOST,
      description =
          "Address the dashboard and /metrics bind; 0.0.0.0 exposes them to the network"
              + " (default: ${DEFAULT-VALUE}).")
  String host;

  @Option(
      names = "--port",
      defaultValue = "" + DashboardServer.Config.DEFAULT_PORT,
      description =
          "Port of the dashboard and /metrics; 0 picks a free one (default: ${DEFAULT-VALUE}).")
  int port;

  @Option(names = "--no-dashboard", description = "Serve neither the dashboard nor /metrics.")
  boolean disabled;

  public DashboardServer.Config config() {
    return new DashboardServer.Config(host, port);
  }

  public boolean enabled() {
    return !disabled;
  }
}
