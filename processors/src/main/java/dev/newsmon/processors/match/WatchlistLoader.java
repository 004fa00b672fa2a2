package dev.newsmon.processors.match;

import dev.newsmon.schemas.watchlist.Watchlist;
import java.nio.file.Path;

/** Reads and validates watchlist YAML files into {@link Watchlist}s. */
public final class WatchlistLoader {
  /** Classpath location of the bundled ceasefire watchlist. */
  public static final String DEFAULT_RESOURCE = "/watchlists/ceasefire-2025.yaml";

  private WatchlistLoader() {}

  /**
   * @throws WatchlistException listing every problem, or when the file cannot be read
   */
  public static Watchlist load(Path file) {
    throw new UnsupportedOperationException("not yet");
  }

  /**
   * @param sourceName names the YAML in error messages, such as its file name
   * @throws WatchlistException listing every problem
   */
  public static Watchlist parse(String yaml, String sourceName) {
    throw new UnsupportedOperationException("not yet");
  }

  /** The bundled ceasefire watchlist, used when no watchlist is given. */
  public static Watchlist defaultWatchlist() {
    throw new UnsupportedOperationException("not yet");
  }
}
