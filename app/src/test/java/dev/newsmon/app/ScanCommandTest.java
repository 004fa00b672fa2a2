package dev.newsmon.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsmon.schemas.Article;
import dev.newsmon.schemas.Json;
import dev.newsmon.schemas.Mention;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code newsmon scan} run in-process on temporary files. */
class ScanCommandTest {
  private static final Instant T = Instant.parse("2025-03-18T09:00:00Z");

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine cmd = Newsmon.commandLine();
    cmd.setOut(new PrintWriter(out, true));
    cmd.setErr(new PrintWriter(err, true));
    return cmd.execute(args);
  }

  private List<Mention> mentions() throws Exception {
    List<Mention> list = new ArrayList<>();
    for (String line : out.toString().split("\n")) {
      if (!line.isBlank()) {
        list.add(Json.read(line, Mention.class));
      }
    }
    return list;
  }

  private static String articleJson(String title, String body) {
    return Json.write(
        Article.builder()
            .source("wire")
            .title(title)
            .body(body)
            .publishedAt(T)
            .fetchedAt(T)
            .build());
  }

  @Test
  void shouldPrintMentionsAsJsonLinesWithTheDefaultWatchlist(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("story.txt");
    Files.writeString(
        file,
        "Kremlin weighs truce\nPutin said Moscow would accept a 30-day ceasefire only with a ban on"
            + " arms deliveries to Kyiv.");
    assertThat(run("scan", file.toString())).isZero();
    List<Mention> mentions = mentions();
    assertThat(mentions)
        .extracting(Mention::ruleId)
        .contains("ceasefire.any", "ceasefire.30-day", "demand.halt-arms-deliveries");
    Mention arms =
        mentions.stream()
            .filter(m -> m.ruleId().equals("demand.halt-arms-deliveries"))
            .findFirst()
            .orElseThrow();
    assertThat(arms.actors()).contains("putin");
    assertThat(arms.source()).isEqualTo("story.txt");
    assertThat(err.toString()).contains("1 article, 3 mentions, 0 inputs skipped");
  }

  @Test
  void shouldReportBadLinesWithFileAndLineAndGoOn(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("in.jsonl");
    Files.writeString(
        file,
        articleJson("Truce", "A truce was agreed.")
            + "\nthis is not json\n"
            + articleJson("Other", "Nothing here."));
    Path watchlist = dir.resolve("w.yaml");
    Files.writeString(watchlist, "rules:\n  - id: truce\n    query: truce OR ceasefire\n");
    assertThat(run("scan", "--watchlist", watchlist.toString(), file.toString())).isZero();
    assertThat(mentions()).extracting(Mention::ruleId).containsExactly("truce");
    assertThat(err.toString()).contains(file + ":line 2: invalid JSON").contains("2 articles");
  }

  @Test
  void shouldExitOneWithStrictWhenAnythingWasSkippedYetScanToTheEnd(@TempDir Path dir)
      throws Exception {
    Path file = dir.resolve("in.jsonl");
    Files.writeString(
        file, "not json\n" + articleJson("Truce", "A truce was agreed.") + "\n{\"title\": 7}");
    Path clean = dir.resolve("clean.jsonl");
    Files.writeString(clean, articleJson("Truce", "A truce was agreed."));
    Path watchlist = dir.resolve("w.yaml");
    Files.writeString(watchlist, "rules:\n  - id: truce\n    query: truce\n");

    assertThat(run("scan", "--strict", "--watchlist", watchlist.toString(), file.toString()))
        .isEqualTo(1);
    assertThat(mentions()).extracting(Mention::ruleId).containsExactly("truce");
    assertThat(err.toString()).contains("1 article").contains("2 inputs skipped");
    assertThat(run("scan", "--strict", "--watchlist", watchlist.toString(), clean.toString()))
        .isZero();
  }

  @Test
  void shouldExitZeroWithoutMatchesAndScanDirectories(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("a.txt"), "Weather\nSunny all week.");
    Files.writeString(dir.resolve("b.html"), "<title>Markets</title><p>Stocks rose.</p>");
    assertThat(run("scan", dir.toString())).isZero();
    assertThat(out.toString()).isEmpty();
    assertThat(err.toString()).contains("2 articles, 0 mentions");
  }

  @Test
  void shouldReadJsonLinesFromStandardInput() throws Exception {
    InputStream saved = System.in;
    try {
      System.setIn(
          new ByteArrayInputStream(
              articleJson("Ceasefire", "The ceasefire holds.").getBytes(StandardCharsets.UTF_8)));
      assertThat(run("scan", "-")).isZero();
    } finally {
      System.setIn(saved);
    }
    assertThat(mentions()).extracting(Mention::ruleId).contains("ceasefire.any");
  }

  @Test
  void shouldHighlightHitsInTextFormat(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("s.txt");
    Files.writeString(file, "Talks\nBoth sides agreed to a truce on Friday.");
    assertThat(run("scan", "--format", "text", file.toString())).isZero();
    assertThat(out.toString())
        .contains("ceasefire.any")
        .contains("body : Both sides agreed to a »truce« on Friday.");
  }

  @Test
  void shouldExitTwoOnInvalidWatchlistListingEveryError(@TempDir Path dir) throws Exception {
    Path watchlist = dir.resolve("bad.yaml");
    Files.writeString(
        watchlist, "rules:\n  - id: a\n    query: 'x NEAR y'\n  - id: a\n    query: '(z'\n");
    Path file = dir.resolve("s.txt");
    Files.writeString(file, "t\nbody");
    assertThat(run("scan", "--watchlist", watchlist.toString(), file.toString())).isEqualTo(2);
    assertThat(err.toString())
        .contains("3 errors")
        .contains("rule 'a': query at column 3: NEAR without a distance")
        .contains("rule 'a': duplicate rule id")
        .contains("rule 'a': query at column 1: unbalanced '('");
    assertThat(out.toString()).isEmpty();
  }

  @Test
  void shouldExitTwoOnBadArguments(@TempDir Path dir) {
    assertThat(run("scan")).isEqualTo(2);
    assertThat(run("scan", "--format", "xml", dir.toString())).isEqualTo(2);
    assertThat(run("scan", dir.resolve("missing.txt").toString())).isEqualTo(2);
    assertThat(err.toString()).contains("no such file or directory");
  }
}
