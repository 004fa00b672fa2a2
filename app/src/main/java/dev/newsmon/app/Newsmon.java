package dev.newsmon.app;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code newsmon} command: one subcommand per part of the monitor. */
@Command(
    name = "newsmon",
    mixinStandardHelpOptions = true,
    versionProvider = Newsmon.Version.class,
    description = "Event-streaming news monitor on Apache Kafka.",
    subcommands = {BrokerCommand.class, ScanCommand.class, CommandLine.HelpCommand.class})
public final class Newsmon {

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /** The command line, with exit codes: 0 success, 1 runtime failure, 2 bad usage. */
  public static CommandLine commandLine() {
    return new CommandLine(new Newsmon())
        .setExitCodeExceptionMapper(e -> e instanceof CommandLine.ParameterException ? 2 : 1)
        .setCaseInsensitiveEnumValuesAllowed(true);
  }

  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = Newsmon.class.getPackage().getImplementationVersion();
      return new String[] {"newsmon " + (v == null ? "development build" : v)};
    }
  }
}
