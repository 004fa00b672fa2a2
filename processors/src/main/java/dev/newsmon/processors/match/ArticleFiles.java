package dev.newsmon.processors.match;

import com.fasterxml.jackson.databind.JsonNode;
import dev.newsmon.schemas.Article;
import dev.newsmon.schemas.ArticleJson;
import dev.newsmon.schemas.ArticleText;
import dev.newsmon.schemas.InvalidRecordException;
import dev.newsmon.schemas.Json;
import io.micrometer.core.instrument.Metrics;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.jsoup.Jsoup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads articles from files for {@code newsmon scan} and tests: {@code .jsonl} (one article JSON
 * per line), {@code .json} (one article or an array), each read by {@link ArticleJson} as ingest
 * reads them (so an {@code id} in the input is ignored, and the id derived from the URL), {@code
 * .txt} (first non-blank line the title, the rest the body), {@code .html}/{@code .htm} (title and
 * main text), and directories of these, recursively in name order. Text and HTML files are read by
 * {@link ArticleText}, as ingest reads them, and get the file name as source and the file's
 * modification time as publication time (recorded as the fallback {@value #FILE_MODIFIED}) unless
 * the page says when it was published.
 *
 * <p>A record that cannot be read is reported to the {@link Sink} with its file and line (or array
 * element), logged and counted in {@code newsmon.scan.skipped}; reading goes on.
 */
public final class ArticleFiles {
  private static final Logger log = LoggerFactory.getLogger(ArticleFiles.class);

  /** The {@code publishedAtFallback} of articles dated by their file's modification time. */
  public static final String FILE_MODIFIED = "file-modified";

  /** The source name {@link #readJsonLines(InputStream, String, Sink)} is given for stdin. */
  public static final String STDIN = "<stdin>";

  /** Receives what was read, in order. */
  public interface Sink {
    void article(Article article);

    void problem(Problem problem);
  }

  /**
   * One input record skipped.
   *
   * @param position {@code line N}, {@code element N}, or empty for the whole file
   */
  public record Problem(String source, String position, String reason) {
    @Override
    public String toString() {
      return source + (position.isEmpty() ? "" : ":" + position) + ": " + reason;
    }
  }

  private ArticleFiles() {}

  /** True for the file names this class can read. */
  public static boolean isReadable(Path file) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    return name.endsWith(".jsonl")
        || name.endsWith(".json")
        || name.endsWith(".txt")
        || name.endsWith(".html")
        || name.endsWith(".htm");
  }

  /** Reads a file or, recursively and in name order, a directory. */
  public static void read(Path path, Sink sink) {
    if (Files.isDirectory(path)) {
      List<Path> files = new ArrayList<>();
      try (Stream<Path> walk = Files.walk(path)) {
        walk.filter(Files::isRegularFile)
            .filter(ArticleFiles::isReadable)
            .sorted()
            .forEach(files::add);
      } catch (IOException e) {
        report(sink, new Problem(path.toString(), "", "cannot list directory: " + e.getMessage()));
        return;
      }
      files.forEach(f -> readFile(f, sink));
    } else {
      readFile(path, sink);
    }
  }

  /** Reads JSON Lines from a stream, such as standard input. */
  public static void readJsonLines(InputStream in, String source, Sink sink) {
    try (BufferedReader reader =
        new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      readJsonLines(reader, source, sink);
    } catch (IOException e) {
      report(sink, new Problem(source, "", "cannot read: " + e.getMessage()));
    }
  }

  private static void readFile(Path file, Sink sink) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    String source = file.toString();
    try {
      if (name.endsWith(".jsonl")) {
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
          readJsonLines(reader, source, sink);
        }
      } else if (name.endsWith(".json")) {
        readJson(Files.readString(file, StandardCharsets.UTF_8), source, sink);
      } else if (name.endsWith(".txt")) {
        sink.article(text(file));
      } else if (name.endsWith(".html") || name.endsWith(".htm")) {
        sink.article(html(file));
      } else {
        report(
            sink,
            new Problem(
                source, "", "unknown file type: expected .jsonl, .json, .txt, .html or .htm"));
      }
    } catch (IOException e) {
      report(sink, new Problem(source, "", "cannot read: " + e.getMessage()));
    } catch (IllegalArgumentException e) {
      report(sink, new Problem(source, "", Json.reason(e)));
    }
  }

  private static void readJsonLines(BufferedReader reader, String source, Sink sink)
      throws IOException {
    String line;
    long number = 0;
    while ((line = reader.readLine()) != null) {
      number++;
      if (line.isBlank()) {
        continue;
      }
      JsonNode node;
      try {
        node = Json.mapper().readTree(line);
      } catch (IOException e) {
        report(sink, new Problem(source, "line " + number, Json.reason(e)));
        continue;
      }
      toArticle(node, source, "line " + number, sink);
    }
  }

  private static void readJson(String json, String source, Sink sink) {
    JsonNode root;
    try {
      root = Json.mapper().readTree(json);
    } catch (IOException e) {
      report(sink, new Problem(source, "", Json.reason(e)));
      return;
    }
    if (root == null || root.isMissingNode()) {
      report(sink, new Problem(source, "", "empty file: expected an article or an array of them"));
      return;
    }
    if (!root.isArray()) {
      toArticle(root, source, "", sink);
      return;
    }
    for (int i = 0; i < root.size(); i++) {
      toArticle(root.get(i), source, "item " + (i + 1), sink); // from 1, as lines and ingest count
    }
  }

  private static void toArticle(JsonNode node, String source, String position, Sink sink) {
    try {
      // as ingest reads it: the same input gets the same id and verdict in scan and in production
      sink.article(
          ArticleJson.read(
              node,
              new ArticleJson.Defaults(
                  source.equals(STDIN) ? "stdin" : "file",
                  Instant.now(),
                  Article.DEFAULT_MAX_BODY_BYTES)));
    } catch (InvalidRecordException e) {
      report(sink, new Problem(source, position, e.getMessage()));
    }
  }

  private static Article text(Path file) throws IOException {
    return article(file, ArticleText.text(Files.readString(file, StandardCharsets.UTF_8)));
  }

  private static Article html(Path file) throws IOException {
    return article(file, ArticleText.html(Jsoup.parse(file.toFile(), null)));
  }

  /**
   * Read as ingest reads the file ({@link ArticleText}), with the file's name as source and, unless
   * the page says when it was published, the file's modification time.
   */
  private static Article article(Path file, ArticleText.Page page) throws IOException {
    Article.Builder builder =
        Article.builder()
            .source(file.getFileName().toString())
            .title(page.title())
            .body(page.body())
            .url(page.url());
    if (page.publishedAt() != null) {
      builder.publishedAt(page.publishedAt());
    } else {
      builder
          .publishedAt(Files.getLastModifiedTime(file).toInstant())
          .publishedAtFallback(FILE_MODIFIED);
    }
    return builder.build();
  }

  private static void report(Sink sink, Problem problem) {
    log.debug("skipped input {}", problem);
    Metrics.counter("newsmon.scan.skipped").increment();
    sink.problem(problem);
  }
}
