package dev.newsmon.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.newsmon.ingest.IngestConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Bad usage of {@code newsmon run} is refused before anything starts. */
class RunCommandTest {
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine cl = Newsmon.commandLine();
    cl.setErr(new PrintWriter(err, true));
    cl.setOut(new PrintWriter(new StringWriter(), true));
    String[] all = new String[args.length + 1];
    all[0] = "run";
    System.arraycopy(args, 0, all, 1, args.length);
    return cl.execute(all);
  }

  @Test
  void shouldRefuseASpeedThatIsNotAPositiveNumberOrMax() {
    assertThat(run("--speed", "fast")).isEqualTo(2);
    assertThat(err.toString()).contains("--speed must be a positive number or 'max', not 'fast'");
    assertThat(run("--speed", "-3")).isEqualTo(2);
  }

  @Test
  void shouldRefuseASampleTogetherWithNoSample(@TempDir Path dir) throws IOException {
    Path sample = Files.writeString(dir.resolve("s.jsonl"), "");

    assertThat(run("--no-sample", "--sample", sample.toString())).isEqualTo(2);
    assertThat(err.toString()).contains("--sample and --no-sample cannot both be given");
  }

  @Test
  void shouldRefuseMissingFilesNamingThem() {
    assertThat(run("--sample", "no/such/file.jsonl")).isEqualTo(2);
    assertThat(err.toString()).contains("cannot read --sample no/such/file.jsonl");
    assertThat(run("--feeds", "no/such/feeds.yaml")).isEqualTo(2);
    assertThat(err.toString()).contains("cannot read --feeds no/such/feeds.yaml");
    assertThat(run("--dir", "no/such/dir")).isEqualTo(2);
    assertThat(err.toString()).contains("--dir no/such/dir is not a directory");
  }

  @Test
  void shouldRefuseADashboardPortOutOfRangeBeforeStartingTheBroker(@TempDir Path dir) {
    Path data = dir.resolve("kafka");

    assertThat(run("--port", "70000", "--embedded-data-dir", data.toString())).isEqualTo(2);
    assertThat(err.toString()).contains("dashboard port out of range: 70000 (--host, --port)");
    assertThat(data).doesNotExist();
  }

  @Test
  void shouldRefuseADashboardHostThatIsNotOfThisMachineBeforeStartingTheBroker(@TempDir Path dir) {
    Path data = dir.resolve("kafka");

    assertThat(run("--host", "no-such-host.invalid", "--embedded-data-dir", data.toString()))
        .isEqualTo(2);
    assertThat(err.toString()).contains("--host no-such-host.invalid: unknown host");
    // TEST-NET-1 (RFC 5737): resolves, but no interface here has it
    assertThat(run("--host", "192.0.2.1", "--embedded-data-dir", data.toString())).isEqualTo(2);
    assertThat(err.toString()).contains("--host 192.0.2.1: cannot listen there");
    assertThat(data).doesNotExist();
  }

  @Test
  void shouldGiveEachInstallationAStaticMemberIdOfItsOwnThatSurvivesRestarts(@TempDir Path dir) {
    String here = RunCommand.staticMemberId(dir.resolve("streams"));

    assertThat(RunCommand.staticMemberId(dir.resolve("x/../streams"))).isEqualTo(here);
    assertThat(RunCommand.staticMemberId(dir.resolve("other"))).isNotEqualTo(here);
    assertThat(here).matches("newsmon-run-[A-Za-z0-9._-]+-[0-9a-f]+");
  }

  @Test
  void shouldRefuseAKafkaConfigFileItCannotRead(@TempDir Path dir) {
    Path missing = dir.resolve("client.properties");

    assertThat(run("--kafka-config", missing.toString(), "--no-sample")).isEqualTo(2);
    assertThat(err.toString()).contains("cannot read --kafka-config " + missing);
  }

  @Test
  void shouldNameTheServersWhenKafkaCannotBeReached(@TempDir Path dir) throws IOException {
    int port;
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort(); // closed again: nothing listens there
    }
    Path client =
        Files.writeString(
            dir.resolve("client.properties"),
            "default.api.timeout.ms=2000\nrequest.timeout.ms=2000\n");

    assertThat(
            run(
                "--bootstrap-servers",
                "127.0.0.1:" + port,
                "--kafka-config",
                client.toString(),
                "--no-sample",
                "--no-dashboard"))
        .isEqualTo(1);
    assertThat(err.toString())
        .startsWith("newsmon run: cannot reach Kafka at 127.0.0.1:" + port + " within 2 s (")
        .contains("is it running, and are --bootstrap-servers and --kafka-config right?");
  }

  @Test
  void shouldReportAFailureTheUserCanActOnInALineAndABugWithItsTrace() throws Exception {
    CommandLine cl = Newsmon.commandLine();
    cl.setErr(new PrintWriter(err, true));
    CommandLine run = cl.getSubcommands().get("run");
    Exception portTaken =
        new UncheckedIOException(
            "cannot start newsmon: the dashboard cannot listen on 127.0.0.1:8080 (Address"
                + " already in use)",
            new IOException(
                "the dashboard cannot listen on 127.0.0.1:8080 (Address already in use)",
                new BindException("Address already in use")));

    assertThat(Newsmon.reportFailure(portTaken, run, null)).isEqualTo(1);
    assertThat(err.toString())
        .isEqualTo(
            "newsmon run: cannot start newsmon: the dashboard cannot listen on 127.0.0.1:8080"
                + " (Address already in use)"
                + System.lineSeparator());

    Exception bug = new NullPointerException("a bug");
    assertThatThrownBy(() -> Newsmon.reportFailure(bug, run, null)).isSameAs(bug);
  }

  @Test
  void shouldOfferEveryDocumentedOption() {
    var spec = Newsmon.commandLine().getSubcommands().get("run").getCommandSpec();

    for (String option :
        new String[] {
          "--bootstrap-servers",
          "--feeds",
          "--opml",
          "--dir",
          "--watchlist",
          "--speed",
          "--host",
          "--port",
          "--sample",
          "--no-sample",
          "--interval",
          "--dedup-window",
          "--state-dir"
        }) {
      assertThat(spec.findOption(option)).as(option).isNotNull();
    }
    assertThat(spec.findOption("--host").defaultValue()).isEqualTo("127.0.0.1");
    assertThat(spec.findOption("--port").defaultValue()).isEqualTo("8080");
    assertThat(spec.findOption("--speed").defaultValue()).isEqualTo("1440");
  }

  @Test
  void shouldPassTheIntervalAndDedupWindowToIngest(@TempDir Path dir) throws Exception {
    IngestConfig config =
        parse("--dir", dir.toString(), "--interval", "5m", "--dedup-window", "7d").ingestConfig();
    assertThat(config.dedupWindow()).isEqualTo(Duration.ofDays(7));
    assertThat(config.fetch().defaultInterval()).isEqualTo(Duration.ofMinutes(5));
    IngestConfig defaults = parse("--dir", dir.toString()).ingestConfig();
    assertThat(defaults.dedupWindow()).isEqualTo(Duration.ofDays(30));
    assertThat(defaults.fetch().defaultInterval()).isEqualTo(Duration.ofMinutes(15));
  }

  @Test
  void shouldFetchTheFullTextOfOpmlFeedsOnlyWhenAsked(@TempDir Path dir) throws Exception {
    Path opml =
        Files.writeString(
            dir.resolve("feeds.opml"),
            "<opml version=\"2.0\"><body><outline type=\"rss\" text=\"Wire\""
                + " xmlUrl=\"https://news.example/rss\"/></body></opml>");

    assertThat(parse("--opml", opml.toString(), "--full-text").ingestConfig().feeds())
        .singleElement()
        .satisfies(f -> assertThat(f.fullText()).isTrue());
    assertThat(parse("--opml", opml.toString()).ingestConfig().feeds())
        .singleElement()
        .satisfies(f -> assertThat(f.fullText()).isFalse());
  }

  @Test
  void shouldRefuseIngestOptionsWithoutASourceOrWithABadDuration(@TempDir Path dir) {
    assertThat(run("--dedup-window", "7d")).isEqualTo(2);
    assertThat(err.toString())
        .contains(
            "--interval, --dedup-window and --full-text apply to ingest: give --feeds, --opml or"
                + " --dir");
    assertThat(run("--dir", dir.toString(), "--dedup-window", "a week")).isEqualTo(2);
    assertThat(err.toString()).contains("not a duration: 'a week'");
    assertThat(run("--dir", dir.toString(), "--interval", "0s")).isEqualTo(2);
  }

  private static RunCommand parse(String... args) {
    String[] all = new String[args.length + 1];
    all[0] = "run";
    System.arraycopy(args, 0, all, 1, args.length);
    CommandLine.ParseResult parsed = Newsmon.commandLine().parseArgs(all);
    return (RunCommand) parsed.subcommand().commandSpec().userObject();
  }
}
