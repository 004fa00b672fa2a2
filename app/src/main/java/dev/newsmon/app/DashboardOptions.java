package dev.newsmon.app;

import dev.newsmon.processors.web.DashboardServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
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
      paramLabel = "ADDR",
      defaultValue = DashboardServer.Config.DEFAULT_HOST,
      description =
          "Address the dashboard and /metrics bind; 0.0.0.0 exposes them to the network"
              + " (default: ${DEFAULT-VALUE}).")
  String host;

  @Option(
      names = "--port",
      paramLabel = "N",
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
    DashboardServer.Config config;
    try {
      config = new DashboardServer.Config(host, port);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage() + " (--host, --port)", e);
    }
    requireLocalAddress(config.host());
    return config;
  }

  /**
   * A host that does not resolve, or is not an address of this machine, would only fail when the
   * dashboard binds: after the broker and the processors have started.
   */
  private void requireLocalAddress(String host) {
    InetSocketAddress address = new InetSocketAddress(host, 0);
    if (address.isUnresolved()) {
      throw new ParameterException(spec.commandLine(), "--host " + host + ": unknown host");
    }
    try (ServerSocket probe = new ServerSocket()) {
      probe.bind(address);
    } catch (IOException e) {
      throw new ParameterException(
          spec.commandLine(),
          "--host " + host + ": cannot listen there (" + e.getMessage() + ")",
          e);
    }
  }

  public boolean enabled() {
    return !disabled;
  }
}
