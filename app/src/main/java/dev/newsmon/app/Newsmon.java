package dev.newsmon.app;

import dev.newsmon.ingest.FeedLists;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.common.KafkaException;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code newsmon} command: one subcommand per part of the monitor. */
@Command(
    name = "newsmon",
    mixinStandardHelpOptions = true,
    versionProvider = Newsmon.Version.class,
    description = "Event-streaming news monitor on Apache Kafka.",
    subcommands = {
      BrokerCommand.class,
      ScanCommand.class,
      IngestCommand.class,
      ProcessCommand.class,
      BacktestCommand.class,
      RunCommand.class,
      CommandLine.HelpCommand.class
    })
public final class Newsmon {

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /** The command line, with exit codes: 0 success, 1 runtime failure, 2 bad usage. */
  public static CommandLine commandLine() {
    return commandLine(System.getenv());
  }

  /** The command line with option defaults from {@code environment}. */
  static CommandLine commandLine(Map<String, String> environment) {
    CommandLine cl =
        new CommandLine(new Newsmon())
            .setDefaultValueProvider(new EnvironmentDefaults(environment))
            .setExitCodeExceptionMapper(e -> e instanceof CommandLine.ParameterException ? 2 : 1)
            .setExecutionExceptionHandler(Newsmon::reportFailure)
            .setCaseInsensitiveEnumValuesAllowed(true)
            // one way to write a duration everywhere: 90s, 15m, 2h, 500ms or ISO-8601 (PT15M)
            .registerConverter(Duration.class, Newsmon::duration);
    for (CommandLine sub : cl.getSubcommands().values()) {
      // every subcommand offers -V: it should print the version, not nothing
      sub.getCommandSpec().versionProvider(new Version());
      sub.getCommandSpec()
          .usageMessage()
          .footer(
              "",
              "Every option can also be set in the environment: --some-option as"
                  + " NEWSMON_SOME_OPTION. The command line wins.");
    }
    cl.setParameterExceptionHandler(
        (e, args) -> reportUsageError(fromEnvironment(e, args, environment)));
    return cl;
  }

  private static Duration duration(String text) {
    try {
      return FeedLists.duration(text);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.TypeConversionException(e.getMessage());
    }
  }

  /**
   * A usage error is the error and where to read more, exit status 2: picocli's default of printing
   * the whole usage after it (forty lines for {@code ingest}) scrolls the one line that matters out
   * of sight. A mistyped option still gets picocli's suggestions.
   */
  static int reportUsageError(CommandLine.ParameterException e) {
    CommandLine cmd = e.getCommandLine();
    PrintWriter err = cmd.getErr();
    err.println(e.getMessage());
    if (!CommandLine.UnmatchedArgumentException.printSuggestions(e, err)) {
      err.printf("See '%s --help'.%n", cmd.getCommandSpec().qualifiedName());
    }
    err.flush();
    return 2;
  }

  /**
   * A bad value that came from the environment rather than the command line is blamed on its
   * variable, which is where the user has to look.
   */
  static CommandLine.ParameterException fromEnvironment(
      CommandLine.ParameterException e, String[] args, Map<String, String> environment) {
    if (!(e.getArgSpec() instanceof CommandLine.Model.OptionSpec option)) {
      return e;
    }
    for (String arg : args) {
      for (String name : option.names()) {
        if (arg.equals(name) || arg.startsWith(name + "=")) {
          return e; // given on the command line
        }
      }
    }
    String variable = EnvironmentDefaults.variableFor(option);
    if (environment.get(variable) == null) {
      return e;
    }
    return new CommandLine.ParameterException(
        e.getCommandLine(), e.getMessage() + " (from " + variable + ")", e, option, e.getValue());
  }

  /**
   * A command that fails for a reason the user can act on (a port in use, a file it cannot read,
   * Kafka refusing) says why in a line or two, exit status 1, instead of a stack trace; the trace
   * goes to the log at debug level. Anything else is a bug, and keeps its trace.
   */
  static int reportFailure(Exception e, CommandLine cmd, CommandLine.ParseResult parsed)
      throws Exception {
    if (!(e instanceof IOException
        || e instanceof UncheckedIOException
        || e instanceof IllegalStateException
        || e instanceof IllegalArgumentException
        || e instanceof KafkaException
        || e instanceof ExecutionException
        || e instanceof TimeoutException)) {
      throw e;
    }
    PrintWriter err = cmd.getErr();
    String shown = String.valueOf(e.getMessage());
    err.printf("%s: %s%n", cmd.getCommandSpec().qualifiedName(), shown);
    for (Throwable c = e.getCause(); c != null && c != c.getCause(); c = c.getCause()) {
      String message = c.getMessage();
      if (message != null && !shown.contains(message)) {
        err.printf("  caused by: %s%n", message);
        shown = message;
      }
    }
    err.flush();
    LoggerFactory.getLogger(Newsmon.class).debug("{} failed", cmd.getCommandName(), e);
    return 1;
  }

  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = Newsmon.class.getPackage().getImplementationVersion();
      return new String[] {"newsmon " + (v == null ? "development build" : v)};
    }
  }
}
