package dev.newsmon.processors.match;

import dev.newsmon.schemas.Mention;
import java.util.List;

/**
 * What matching one article produced, with its cost, as Lucene Monitor's {@code MatchingQueries}
 * reports it.
 *
 * @param mentions one per matching rule, in watchlist order
 * @param rulesTotal rules in the compiled watchlist
 * @param rulesVerified candidate rules the presearcher picked and that were checked against the
 *     article's token positions
 * @param elapsedNanos time spent analysing and matching the article
 * @param errors rules that failed while being checked (the others still ran)
 */
public record MatchResult(
    String articleId,
    List<Mention> mentions,
    int rulesTotal,
    int rulesVerified,
    long elapsedNanos,
    List<RuleError> errors) {

  public MatchResult {
    mentions = List.copyOf(mentions);
    errors = List.copyOf(errors);
  }

  /** A rule that could not be checked against an article, and why. */
  public record RuleError(String ruleId, String message) {}
}
