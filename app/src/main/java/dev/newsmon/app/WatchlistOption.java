package dev.newsmon.app;

import dev.newsmon.processors.match.WatchlistException;
import dev.newsmon.processors.match.WatchlistLoader;
import dev.newsmon.schemas.watchlist.Watchlist;
import java.nio.file.Path;
import picocli.CommandLine;
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

  /**
   * The watchlist, or null after printing every error in it to the command's error stream: the
   * caller then exits 2, as for any bad argument.
   */
  public Watchlist loadOrReport(CommandLine.Model.CommandSpec spec) {
    try {
      return load();
    } catch (WatchlistException e) {
      spec.commandLine().getErr().println(e.getMessage());
      return null;
    }
  }

  /** Where the rules come from, for messages. */
  public String describe() {
    return file == null ? "the bundled ceasefire watchlist" : file.toString();
  }
}
