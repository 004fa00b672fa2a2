package dev.newsmon.app;

import dev.newsmon.processors.match.WatchlistLoader;
import dev.newsmon.schemas.watchlist.Watchlist;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --watchlist FILE}, shared by every command that matches: the file, or the bundled one. */
public final class WatchlistOption {

  @Option(
      names = "--watchlist",
      paramLabel = "FILE",
      description = "Watchlist YAML (default: the bundled ceasefire watchlist).")
  Path file;

  /**
   * @throws dev.newsmon.processors.match.WatchlistException listing every error in the file
   */
  public Watchlist load() {
    return file == null ? WatchlistLoader.defaultWatchlist() : WatchlistLoader.load(file);
  }

  /** Where the rules come from, for messages. */
  public String describe() {
    return file == null ? "the bundled ceasefire watchlist" : file.toString();
  }
}
