package dev.newsmon.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ProcessCommandTest {

  private static int run(StringWriter err, String... args) {
    CommandLine cli = Newsmon.commandLine();
    cli.setErr(new PrintWriter(err));
    return cli.execute(args);
  }

  @Test
  void shouldRejectValuesTheConfigRefusesAsUsageErrorsBeforeReachingAnyBroker() {
    // no --bootstrap-server: past the check, process would start an embedded broker and exit 1
    StringWriter failures = new StringWriter();
    assertThat(run(failures, "process", "--max-thread-failures", "0")).isEqualTo(2);
    assertThat(failures.toString().lines())
        .containsExactly(
            "--max-thread-failures must be at least 1: 0", "See 'newsmon process --help'.");

    StringWriter threads = new StringWriter();
    assertThat(run(threads, "process", "--threads", "0")).isEqualTo(2);
    assertThat(threads.toString())
        .endsWith("See 'newsmon process --help'." + System.lineSeparator());
  }

  @Test
  void shouldNotCallAProblemOfTheWatchlistAUsageError(@TempDir Path dir) throws Exception {
    // a week of grace is more than the counts keep: the watchlist's problem, not an option's
    Path watchlist =
        Files.writeString(
            dir.resolve("grace.yaml"),
            """
            rules:
              - id: truce
                query: truce
            alerting:
              grace: P7D
            """);
    StringWriter err = new StringWriter();

    assertThat(run(err, "process", "--watchlist", watchlist.toString())).isNotEqualTo(2);
    assertThat(err.toString()).contains("countsRetention").doesNotContain("See 'newsmon");
  }

  @Test
  void shouldTakeDurationsWrittenAsIngestTakesThem() {
    CommandLine cli = Newsmon.commandLine();
    cli.parseArgs("process", "--thread-failure-window", "15m", "--commit-interval", "PT0.1S");
    ProcessCommand process = cli.getSubcommands().get("process").getCommand();

    assertThat(process.threadFailureWindow).isEqualTo(Duration.ofMinutes(15));
    assertThat(process.commitInterval).isEqualTo(Duration.ofMillis(100));
    StringWriter err = new StringWriter();
    assertThat(run(err, "process", "--thread-failure-window", "a week")).isEqualTo(2);
    assertThat(err.toString()).contains("not a duration: 'a week'");
  }
}
