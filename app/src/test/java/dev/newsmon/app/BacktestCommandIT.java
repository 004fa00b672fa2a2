package dev.newsmon.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsmon.schemas.Alert;
import dev.newsmon.schemas.AlertType;
import dev.newsmon.schemas.Article;
import dev.newsmon.schemas.Json;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code newsmon backtest} end to end: each run starts its own embedded broker. */
class BacktestCommandIT {
  private static final Instant START = Instant.parse("2025-03-10T00:00:00Z");

  @TempDir static Path dir;
  private static Path watchlist;
  private static Path input;
  private static int lineCount;

  @BeforeAll
  static void writeInputs() throws IOException {
    watchlist = dir.resolve("watchlist.yaml");
    Files.writeString(
        watchlist,
        """
        rules:
          - id: truce-talks
            label: Truce talks
            category: ceasefire-term
            query: '"truce talks"'
          - id: grain-corridor
            label: Grain corridor
            category: demand
            party: ukraine
            query: '"grain corridor"'
        alerting:
          window: PT1H
          grace: PT10M
          minCount: 3
          zScore: 3.0
          warmupWindows: 3
        """);
    List<String> lines = new ArrayList<>();
    int n = 0;
    for (int hour = 0; hour < 12; hour++) {
      int truce = hour == 10 ? 14 : 2;
      for (int i = 0; i < truce; i++) {
        lines.add(article(n++, hour, i, "Envoys prepare for truce talks in the capital"));
      }
      if (hour % 4 == 0) {
        lines.add(article(n++, hour, 30, "Insurers watch the grain corridor"));
      }
      lines.add(article(n++, hour, 40, "A football result and the weather"));
    }
    lines.add("{broken json");
    input = dir.resolve("articles.jsonl");
    Files.write(input, lines, StandardCharsets.UTF_8);
    lineCount = lines.size();
  }

  private static String article(int n, int hour, int minute, String headline) {
    Instant at = START.plus(Duration.ofHours(hour)).plus(Duration.ofMinutes(minute));
    return Json.write(
        Article.builder()
            .url("https://news.example.org/" + n)
            .source("news.example.org")
            .title(headline)
            .body("Item " + n + ". " + headline + ", said people who followed the day.")
            .publishedAt(at)
            .fetchedAt(at.plusSeconds(60))
            .build());
  }

  private record Run(int exit, String out, String err) {}

  private static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cmd = Newsmon.commandLine();
    cmd.setOut(new PrintWriter(out));
    cmd.setErr(new PrintWriter(err));
    int exit = cmd.execute(args);
    return new Run(exit, out.toString(), err.toString());
  }

  /** {@code backtest} of this class's articles and watchlist, the alerts going to {@code out}. */
  private static List<String> backtest(Path out) {
    return List.of(
        "backtest",
        "--watchlist",
        watchlist.toString(),
        "--input",
        input.toString(),
        "--out",
        out.toString());
  }

  @Test
  void shouldGiveIdenticalAlertsOnTwoRunsAndAsManyMentionsAsScan() throws IOException {
    Path first = dir.resolve("alerts-1.jsonl");
    Path second = dir.resolve("alerts-2.jsonl");
    Run a = run(backtest(first).toArray(String[]::new));
    Run b = run(backtest(second).toArray(String[]::new));
    Run scan = run("scan", "--watchlist", watchlist.toString(), input.toString());

    assertThat(a.exit()).as(a.err()).isZero();
    assertThat(b.exit()).as(b.err()).isZero();
    assertThat(Files.readString(second)).isEqualTo(Files.readString(first));

    List<Alert> alerts = new ArrayList<>();
    for (String line : Files.readAllLines(first)) {
      alerts.add(Json.read(line, Alert.class));
    }
    assertThat(alerts)
        .filteredOn(x -> x.type() == AlertType.FIRST_MENTION)
        .extracting(Alert::ruleId)
        // Sorted by window start, type, then rule id.
        .containsExactly("grain-corridor", "truce-talks");
    assertThat(alerts)
        .filteredOn(x -> x.type() == AlertType.SPIKE)
        .extracting(Alert::ruleId, Alert::windowStart)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("truce-talks", START.plus(Duration.ofHours(10))));

    long scanned = scan.out().lines().filter(l -> !l.isBlank()).count();
    Matcher summary =
        Pattern.compile("articles (\\d+) \\(skipped (\\d+)\\), mentions (\\d+)").matcher(a.err());
    assertThat(summary.find()).as(a.err()).isTrue();
    assertThat(Long.parseLong(summary.group(1))).isEqualTo(lineCount - 1);
    assertThat(Long.parseLong(summary.group(2))).isEqualTo(1);
    assertThat(a.err()).contains("skipped " + input + ":line " + lineCount + ": ");
    assertThat(Long.parseLong(summary.group(3))).isEqualTo(scanned).isEqualTo(2 * 11 + 14 + 3);
  }

  @Test
  void shouldPrintNothingButTheSkippedLinesAndTheSummaryOnStderr() throws Exception {
    Path log = dir.resolve("backtest-jvm.log");
    Path alerts = dir.resolve("alerts-jvm.jsonl");
    // a JVM of its own: log levels are settled once per JVM, when the first logger is made
    Process p = NewsmonJvm.start(log, backtest(alerts));

    assertThat(p.waitFor(3, TimeUnit.MINUTES)).isTrue();
    String printed = Files.readString(log);
    assertThat(p.exitValue()).as(printed).isZero();
    // without ConsoleLogs.quietBatch: the controller's bootstrap warning, the state dir in /tmp
    // warning, the FIRST_MENTION and SPIKE info lines of the processors
    assertThat(printed.lines())
        .as(printed)
        .allMatch(
            line ->
                line.startsWith("skipped " + input + ":line ")
                    || line.startsWith("articles ")
                    || line.matches("  \\S+ +\\d+"));
    assertThat(printed).contains("articles " + (lineCount - 1) + " (skipped 1)");
  }

  @Test
  void shouldRejectAMissingInputFileAsBadUsage() {
    Run r = run("backtest", "--input", dir.resolve("nope.jsonl").toString());

    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("cannot read --input");
  }
}
