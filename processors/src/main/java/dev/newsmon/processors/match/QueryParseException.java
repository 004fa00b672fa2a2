package dev.newsmon.processors.match;

import java.util.List;
import java.util.stream.Collectors;

/** A query that does not parse, with every problem the parser could find and where it is. */
public final class QueryParseException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final transient List<QueryError> errors;

  public QueryParseException(String query, List<QueryError> errors) {
    super(
        "invalid query '"
            + query
            + "': "
            + errors.stream().map(QueryError::toString).collect(Collectors.joining("; ")));
    this.errors = List.copyOf(errors);
  }

  public List<QueryError> errors() {
    return errors;
  }
}
