package dev.newsmon.processors.match;

/**
 * One thing wrong with a query.
 *
 * @param column 1-based position in the query text where the problem starts
 * @param message what was expected or found there
 */
public record QueryError(int column, String message) {
  @Override
  public String toString() {
    return "column " + column + ": " + message;
  }
}
