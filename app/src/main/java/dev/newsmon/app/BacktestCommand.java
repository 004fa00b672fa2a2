package dev.newsmon.app;

import dev.newsmon.broker.EmbeddedKafka;
import dev.newsmon.processors.match.ArticleFiles;
import dev.newsmon.processors.streams.Backtest;
import dev.newsmon.processors.streams.ProcessorsConfig;
import dev.newsmon.schemas.Alert;
import dev.newsmon.schemas.Article;
import dev.newsmon.schemas.Json;
import dev.newsmon.schemas.watchlist.Watchlist;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code newsmon backtest}: what would the watchlist have fired on these articles? Runs the
 * production processors unchanged on a fresh embedded broker ({@link Backtest}) and writes every
 * alert as JSON Lines, sorted by window start, type, rule and id; a summary goes to stderr.
 */
@Command(
    name = "backtest",
    mixinStandardHelpOptions = true,
    description = "Replay articles through the processors and print the alerts.")
final class BacktestCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Mixin WatchlistOption watchlist;

  @Option(
      names = "--input",
      required = true,
      paramLabel = "PATH",
      description =
          "Articles: .jsonl, .json, .txt or .html files, or a directory of them, read as scan"
              + " reads them.")
  Path input;

  @Option(
      names = "--out",
      paramLabel = "FILE",
      description = "Where the alerts go, as JSON Lines (default: stdout).")
  Path out;

  @Option(
      names = "--timeout",
      paramLabel = "DURATION",
      defaultValue = "PT10M",
      description = "Give up after this long, e.g. 10m or PT10M (default: ${DEFAULT-VALUE}).")
  Duration timeout;

  @Override
  public Integer call() throws IOException {
    ConsoleLogs.quietBatch();
    if (!Files.isReadable(input)) {
      throw new CommandLine.ParameterException(spec.commandLine(), "cannot read --input " + input);
    }
    Watchlist list = watchlist.loadOrReport(spec);
    if (list == null) {
      return 2;
    }
    // read as scan and ingest read them: a raw export gets the ids production would give it, and a
    // bad line is reported by its line number rather than as a record on the private broker
    List<byte[]> records = new ArrayList<>();
    List<ArticleFiles.Problem> skipped = new ArrayList<>();
    ArticleFiles.read(
        input,
        new ArticleFiles.Sink() {
          @Override
          public void article(Article article) {
            records.add(Json.write(article).getBytes(StandardCharsets.UTF_8));
          }

          @Override
          public void problem(ArticleFiles.Problem problem) {
            skipped.add(problem);
          }
        });
    PrintWriter err = spec.commandLine().getErr();
    skipped.forEach(p -> err.printf("skipped %s%n", p));
    Path stateDir = Files.createTempDirectory("newsmon-backtest-");
    Backtest.Result result;
    try (EmbeddedKafka kafka = EmbeddedKafka.startEphemeral()) {
      ProcessorsConfig config =
          ProcessorsConfig.builder(list)
              .applicationId("newsmon-backtest")
              .stateDir(stateDir)
              .bootstrapServers(kafka.bootstrapServers())
              .build();
      result = Backtest.run(config, records, timeout);
    } finally {
      deleteQuietly(stateDir);
    }
    StringBuilder lines = new StringBuilder();
    for (Alert alert : result.alerts()) {
      lines.append(Json.write(alert)).append('\n');
    }
    if (out == null) {
      spec.commandLine().getOut().print(lines);
      spec.commandLine().getOut().flush();
    } else {
      Files.writeString(out, lines, StandardCharsets.UTF_8);
    }
    err.printf(
        "articles %d (skipped %d), mentions %d, alerts %d%n",
        result.articles() - result.rejected(),
        skipped.size() + result.rejected(),
        result.mentions(),
        result.alerts().size());
    result.alertsByRule().forEach((rule, n) -> err.printf("  %-40s %d%n", rule, n));
    err.flush();
    return 0;
  }

  private static void deleteQuietly(Path dir) {
    try (var paths = Files.walk(dir)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // A temp dir left behind is harmless.
    }
  }
}
