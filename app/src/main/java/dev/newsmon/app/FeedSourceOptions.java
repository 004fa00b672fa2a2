package dev.newsmon.app;

import dev.newsmon.ingest.FeedConfig;
import dev.newsmon.ingest.FeedLists;
import dev.newsmon.ingest.IngestConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** The continuous sources that {@code ingest} and {@code run} share: feeds and a watched dir. */
final class FeedSourceOptions {

  @Option(names = "--feeds", paramLabel = "FILE", description = "Poll the feeds in this YAML file.")
  Path feeds;

  @Option(
      names = "--opml",
      paramLabel = "FILE",
      description = "Poll the feeds of this OPML export.")
  Path opml;

  @Option(
      names = "--dir",
      paramLabel = "DIR",
      description =
          "Ingest the *.jsonl, *.json, *.txt and *.html files dropped into this directory.")
  Path dir;

  @Option(
      names = "--full-text",
      description = "Fetch the linked page of every OPML feed's new items (YAML feeds opt in).")
  boolean fullText;

  /** Whether any source was given. */
  boolean given() {
    return feeds != null || opml != null || dir != null;
  }

  /**
   * Adds the feeds and the watched dir to {@code b}. An {@link IllegalArgumentException} names the
   * option whose file cannot be read or whose dir is not one; an {@link IOException} is a feed list
   * that cannot be parsed.
   */
  IngestConfig.Builder applyTo(IngestConfig.Builder b) throws IOException {
    List<FeedConfig> list = new ArrayList<>();
    if (feeds != null) {
      list.addAll(FeedLists.yaml(readable("--feeds", feeds)));
    }
    if (opml != null) {
      list.addAll(FeedLists.opml(readable("--opml", opml), fullText));
    }
    b.feeds(list);
    if (dir != null) {
      if (!Files.isDirectory(dir)) {
        throw new IllegalArgumentException("--dir " + dir + " is not a directory");
      }
      b.watchDir(dir);
    }
    return b;
  }

  /** {@code file}, when it is a file that can be read; else names {@code option}. */
  static Path readable(String option, Path file) {
    if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
      throw new IllegalArgumentException("cannot read " + option + " " + file);
    }
    return file;
  }
}
