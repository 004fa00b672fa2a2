package dev.newsmon.processors.match;

import dev.newsmon.schemas.Article;
import dev.newsmon.schemas.watchlist.Watchlist;
import java.time.Instant;

/** Matches articles against a compiled watchlist. Immutable and thread-safe. */
public final class ArticleMatcher {

  private ArticleMatcher() {}

  /**
   * @throws WatchlistException listing every rule whose query does not parse
   */
  public static ArticleMatcher compile(Watchlist watchlist) {
    throw new UnsupportedOperationException("not yet");
  }

  public MatchResult match(Article article, Instant detectedAt) {
    throw new UnsupportedOperationException("not yet");
  }
}
