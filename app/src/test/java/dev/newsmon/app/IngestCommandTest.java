package dev.newsmon.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class IngestCommandTest {

  private static int run(StringWriter err, String... args) {
    CommandLine cli = Newsmon.commandLine();
    cli.setErr(new PrintWriter(err));
    return cli.execute(args);
  }

  @Test
  void shouldSumUpAFiniteRunOverEverySource() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    registry.counter("newsmon.ingest.items.new", "feed", "files").increment(3);
    registry.counter("newsmon.ingest.items.new", "feed", "stdin").increment(2);
    registry.counter("newsmon.ingest.items.duplicate", "feed", "files").increment(1);
    registry
        .counter("newsmon.ingest.rejected", "feed", "files", "reason", "invalid-json")
        .increment(2);
    registry.counter("newsmon.ingest.rejected", "feed", "stdin", "reason", "invalid-article");

    assertThat(IngestCommand.summary(registry))
        .isEqualTo("5 published, 1 already published, 2 rejected, 0 repaired");
  }

  @Test
  void shouldExitWith2WithoutAnySource() {
    StringWriter err = new StringWriter();

    assertThat(run(err, "ingest")).isEqualTo(2);
    assertThat(err.toString()).contains("no source");
  }

  @Test
  void shouldAnswerAUsageErrorWithTheErrorAndAPointerToHelpNotTheWholeUsage(@TempDir Path dir) {
    StringWriter err = new StringWriter();
    Path missing = dir.resolve("nonexist.txt");

    assertThat(run(err, "ingest", "--file", missing.toString())).isEqualTo(2);
    assertThat(err.toString().lines())
        .containsExactly("cannot read --file " + missing, "See 'newsmon ingest --help'.");
    StringWriter feeds = new StringWriter();
    assertThat(run(feeds, "ingest", "--feeds", missing.toString())).isEqualTo(2);
    assertThat(feeds.toString()).startsWith("cannot read --feeds " + missing);
  }

  @Test
  void shouldTakeTheDedupWindowFromTheCommandLine(@TempDir Path dir) throws Exception {
    assertThat(parse("ingest", "--dir", dir.toString()).config().dedupWindow())
        .isEqualTo(Duration.ofDays(30));
    assertThat(
            parse("ingest", "--dir", dir.toString(), "--dedup-window", "7d").config().dedupWindow())
        .isEqualTo(Duration.ofDays(7));
  }

  @Test
  void shouldRejectADedupWindowThatIsNotAPositiveDuration(@TempDir Path dir) {
    // checked on the config, not by running the command: were the check lost, a run would start
    // ingesting from the directory and never return
    assertThatThrownBy(
            () -> parse("ingest", "--dir", dir.toString(), "--dedup-window", "0s").config())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("dedupWindow must be a positive duration");

    StringWriter err = new StringWriter();
    assertThat(run(err, "ingest", "--dir", dir.toString(), "--dedup-window", "a week"))
        .isEqualTo(2);
    assertThat(err.toString()).contains("not a duration: 'a week'");
  }

  @Test
  void shouldTakeThePublishStallLimitFromTheCommandLine(@TempDir Path dir) throws Exception {
    assertThat(parse("ingest", "--dir", dir.toString()).config().publishStallLimit())
        .isEqualTo(Duration.ofMinutes(1));
    assertThat(
            parse("ingest", "--dir", dir.toString(), "--publish-stall-limit", "90s")
                .config()
                .publishStallLimit())
        .isEqualTo(Duration.ofSeconds(90));
    assertThatThrownBy(
            () -> parse("ingest", "--dir", dir.toString(), "--publish-stall-limit", "0s").config())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("publishStallLimit must be a positive duration");
    // as the user typed it
    StringWriter err = new StringWriter();
    assertThat(run(err, "ingest", "--dir", dir.toString(), "--publish-stall-limit", "0s"))
        .isEqualTo(2);
    assertThat(err.toString().lines())
        .containsExactly(
            "--publish-stall-limit must be a positive duration: PT0S",
            "See 'newsmon ingest --help'.");
  }

  private static IngestCommand parse(String... args) {
    CommandLine cli = Newsmon.commandLine();
    CommandLine.ParseResult parsed = cli.parseArgs(args);
    return (IngestCommand) parsed.subcommand().commandSpec().userObject();
  }

  @Test
  void shouldExitWith2NamingTheEntryOfABadFeedsFile(@TempDir Path dir) throws Exception {
    Path feeds = dir.resolve("feeds.yaml");
    Files.writeString(feeds, "- url: https://ok.example/rss\n- url: mailto:someone@example.org\n");
    StringWriter err = new StringWriter();

    assertThat(run(err, "ingest", "--feeds", feeds.toString())).isEqualTo(2);
    assertThat(err.toString()).contains("feeds.yaml: feed 2");
  }
}
