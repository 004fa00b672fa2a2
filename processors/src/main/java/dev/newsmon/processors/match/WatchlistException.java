package dev.newsmon.processors.match;

import java.util.List;

/**
 * A watchlist rejected whole: every problem found in it, each naming where (source, rule or actor
 * id, key, query column) and what was expected. Nothing of a rejected watchlist is applied.
 */
public final class WatchlistException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient List<String> errors;

  public WatchlistException(String source, List<String> errors) {
    super(
        "invalid watchlist "
            + source
            + " ("
            + errors.size()
            + (errors.size() == 1 ? " error" : " errors")
            + "):\n  "
            + String.join("\n  ", errors));
    this.errors = List.copyOf(errors);
  }

  /** Every problem, one line each. */
  public List<String> errors() {
    return errors;
  }
}
