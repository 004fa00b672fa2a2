package dev.newsmon.ingest;

import dev.newsmon.schemas.ArticleJson;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Files of articles: {@code .txt}, {@code .html}/{@code .htm}, {@code .json} and {@code
 * .jsonl}/{@code .ndjson}. Reads given files once, and polls a watched directory for new ones. A
 * file is read once its size and modification time hold still between two listings (so a file still
 * being written is left alone), and its name, size and time are remembered in the seen topic, so a
 * restart does not read it again.
 */
final class FileSource {
  private static final Logger log = LoggerFactory.getLogger(FileSource.class);
  static final String TAG = "files";

  private final Intake intake;
  private final SeenKeys seen;
  private final Publisher publisher;
  private final IngestConfig config;
  private final IngestMetrics metrics;
  private final Map<Path, String> lastListing = new HashMap<>();
  private final java.util.Set<Path> ignored = new java.util.HashSet<>();

  FileSource(
      Intake intake,
      SeenKeys seen,
      Publisher publisher,
      IngestConfig config,
      IngestMetrics metrics) {
    this.intake = intake;
    this.metrics = metrics;
    this.seen = seen;
    this.publisher = publisher;
    this.config = config;
  }

  /** One listing of the watched directory; reads files that are new and settled. */
  void scan(Path dir) {
    Map<Path, String> listing = new HashMap<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
      for (Path file : entries) {
        String name = file.getFileName().toString();
        if (name.startsWith(".")) {
          continue; // hidden files are editors' and copiers' partial writes
        }
        if (!supported(name)) {
          if (ignored.add(file)) {
            metrics.rejected(TAG, Rejection.UNSUPPORTED_FILE);
            log.warn("{}: ignored: not .txt, .html, .json or .jsonl", file);
          }
          continue;
        }
        BasicFileAttributes attrs = Files.readAttributes(file, BasicFileAttributes.class);
        if (!attrs.isRegularFile()) {
          continue;
        }
        String stamp = attrs.size() + " " + attrs.lastModifiedTime().toMillis();
        listing.put(file, stamp);
        if (stamp.equals(lastListing.get(file))) {
          readOnce(file, stamp);
        }
      }
    } catch (IOException e) {
      log.warn("cannot list {}: {}", dir, e.toString());
    }
    lastListing.clear();
    lastListing.putAll(listing);
  }

  private void readOnce(Path file, String stamp) {
    String key = "file " + file.toAbsolutePath().normalize() + " " + stamp;
    if (!seen.claim(List.of(key))) {
      return;
    }
    read(file);
    publisher.markSeen(key);
  }

  /** Reads one file and hands its articles on. */
  void read(Path file) {
    String source = file.toString();
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    ArticleJson.Defaults defaults =
        new ArticleJson.Defaults("file", Instant.now(), config.maxBodyBytes());
    try {
      if (name.endsWith(".jsonl") || name.endsWith(".ndjson")) {
        try (BufferedReader lines = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
          StdinSource.readLines(lines, TAG, source, intake, defaults);
        }
        return;
      }
      long size = Files.size(file);
      if (size > config.fetch().maxResponseBytes()) {
        byte[] head = new byte[(int) Math.min(size, 64 * 1024)];
        try (var in = Files.newInputStream(file)) {
          int n = in.readNBytes(head, 0, head.length);
          head = java.util.Arrays.copyOf(head, n);
        }
        intake.reject(
            TAG,
            source,
            new Rejection(
                "file",
                Rejection.TOO_LARGE,
                "file of "
                    + size
                    + " bytes is over the "
                    + config.fetch().maxResponseBytes()
                    + " byte cap",
                head));
        return;
      }
      byte[] bytes = Files.readAllBytes(file);
      List<ArticleInputs.Item> items;
      if (name.endsWith(".json")) {
        items = ArticleInputs.json(bytes, defaults);
      } else if (name.endsWith(".txt")) {
        items = List.of(ArticleInputs.text(file, bytes, defaults));
      } else if (name.endsWith(".html") || name.endsWith(".htm")) {
        items = List.of(ArticleInputs.html(file, bytes, defaults));
      } else {
        items =
            List.of(
                ArticleInputs.Item.rejected(
                    "file", Rejection.UNSUPPORTED_FILE, "not .txt, .html, .json or .jsonl", bytes));
      }
      intake.accept(TAG, source, items);
    } catch (IOException e) {
      intake.reject(
          TAG,
          source,
          new Rejection("file", Rejection.READ_ERROR, "cannot read: " + e, new byte[0]));
    }
  }

  static boolean supported(String fileName) {
    String n = fileName.toLowerCase(Locale.ROOT);
    return n.endsWith(".txt")
        || n.endsWith(".html")
        || n.endsWith(".htm")
        || n.endsWith(".json")
        || n.endsWith(".jsonl")
        || n.endsWith(".ndjson");
  }
}
