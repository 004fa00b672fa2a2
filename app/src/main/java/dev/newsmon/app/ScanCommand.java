package dev.newsmon.app;

import dev.newsmon.processors.match.ArticleFiles;
import dev.newsmon.processors.match.ArticleMatcher;
import dev.newsmon.processors.match.MatchResult;
import dev.newsmon.processors.match.WatchlistException;
import dev.newsmon.schemas.Article;
import dev.newsmon.schemas.Json;
import dev.newsmon.schemas.Mention;
import dev.newsmon.schemas.Snippet;
import dev.newsmon.schemas.watchlist.Watchlist;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code newsmon scan}: matches article files against a watchlist, without Kafka, and prints one
 * mention per matching article and rule. The same engine serves the Streams topology.
 */
@Command(
    name = "scan",
    mixinStandardHelpOptions = true,
    description = {
      "Match articles in files against a watchlist and print the mentions.",
      "Inputs: files named *.jsonl (one Article JSON per line), *.json (an article or an"
          + " array), *.txt (first line title, rest body) and *.html or *.htm; directories"
          + " (recursively); and - for JSON Lines on standard input."
    },
    exitCodeListHeading = "Exit codes:%n",
    exitCodeList = {
      "0:success, with or without matches",
      "1:unexpected failure; with --strict, also an input or line skipped or a rule that failed",
      "2:bad arguments or an invalid watchlist"
    })
final class ScanCommand implements Callable<Integer> {

  enum Format {
    jsonl,
    text
  }

  @Mixin WatchlistOption watchlist;

  @Option(
      names = "--format",
      paramLabel = "jsonl|text",
      defaultValue = "jsonl",
      description = "Output: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  Format format;

  @Option(
      names = "--strict",
      description =
          "Exit 1 when an input or line was skipped or a rule failed on an article (the scan"
              + " still goes on to the end).")
  boolean strict;

  @Parameters(arity = "1..*", paramLabel = "PATH", description = "Files, directories, or -.")
  List<String> paths;

  @Spec CommandSpec spec;

  /** Standard input, replaceable in tests. */
  InputStream stdin = System.in;

  private int articles;
  private int mentions;
  private int skipped;
  private int ruleErrors;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    boolean badPath = false;
    for (String p : paths) {
      if (!p.equals("-") && !Files.exists(Path.of(p))) {
        err.println("newsmon scan: no such file or directory: " + p);
        badPath = true;
      }
    }
    if (badPath) {
      return 2;
    }
    ArticleMatcher matcher;
    try {
      Watchlist wl = watchlist.load();
      matcher = ArticleMatcher.compile(wl);
    } catch (WatchlistException e) {
      err.println("newsmon scan: " + e.getMessage());
      return 2;
    }
    boolean highlight = format == Format.text && System.console() != null && out != null;
    ArticleFiles.Sink sink =
        new ArticleFiles.Sink() {
          @Override
          public void article(Article article) {
            articles++;
            MatchResult result = matcher.match(article, Instant.now());
            for (MatchResult.RuleError error : result.errors()) {
              ruleErrors++;
              err.println(
                  "newsmon scan: rule "
                      + error.ruleId()
                      + " failed on article "
                      + article.id()
                      + ": "
                      + error.message());
            }
            for (Mention mention : result.mentions()) {
              mentions++;
              if (format == Format.jsonl) {
                out.println(Json.write(mention));
              } else {
                printText(out, mention, article, highlight);
              }
            }
            out.flush();
          }

          @Override
          public void problem(ArticleFiles.Problem problem) {
            skipped++;
            err.println("newsmon scan: skipped " + problem);
          }
        };
    for (String p : paths) {
      if (p.equals("-")) {
        ArticleFiles.readJsonLines(stdin, ArticleFiles.STDIN, sink);
      } else {
        ArticleFiles.read(Path.of(p), sink);
      }
    }
    err.printf(
        "newsmon scan: %s, %s, %s skipped%n",
        count(articles, "article"), count(mentions, "mention"), count(skipped, "input"));
    err.flush();
    out.flush();
    return strict && skipped + ruleErrors > 0 ? 1 : 0;
  }

  private static String count(long n, String noun) {
    return n + " " + noun + (n == 1 ? "" : "s");
  }

  private static void printText(PrintWriter out, Mention m, Article article, boolean ansi) {
    String tags =
        String.join(
            ", ",
            java.util.stream.Stream.of(m.category(), m.party())
                .filter(t -> t != null && !t.isBlank())
                .toList());
    out.printf(
        "%s  %s%d hit%s  %s%n",
        m.ruleId(),
        tags.isEmpty() ? "" : "[" + tags + "]  ",
        m.hits(),
        m.hits() == 1 ? "" : "s",
        m.label() == null ? "" : m.label());
    out.printf("  article: %s (%s, %s)%n", article.title(), m.source(), m.publishedAt());
    if (!m.actors().isEmpty()) {
      out.printf(
          "  actors:  %s  (%s)%n", String.join(", ", m.actors()), String.join(", ", m.parties()));
    }
    for (Snippet s : m.snippets()) {
      String text = s.text();
      int from = Math.min(text.length(), s.start() - s.sentenceStart());
      int to = Math.min(text.length(), s.end() - s.sentenceStart());
      String open = ansi ? "\u001B[1;33m" : "»";
      String close = ansi ? "\u001B[0m" : "«";
      out.printf(
          "  %-5s: %s%s%s%s%s%n",
          s.field(),
          text.substring(0, from),
          open,
          text.substring(from, to),
          close,
          text.substring(to));
    }
    out.println();
  }
}
