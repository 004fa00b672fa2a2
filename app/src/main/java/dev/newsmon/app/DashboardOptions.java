package dev.newsmon.app;

import dev.newsmon.processors.web.DashboardServer;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** Where the dashboard, its JSON API and {@code /metrics} listen. */
public final class DashboardOptions {

  @Spec(Spec.Target.MIXEE)
  CommandSpec spec;

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

  /**
   * @throws ParameterException for a host or port out of range, so that it is a usage error found
   *     before anything starts
   */
  public DashboardServer.Config config() {
    try {
      return new DashboardServer.Config(host, port);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage() + " (--host, --port)", e);
    }
  }

  public boolean enabled() {
    return !disabled;
  }
}
