package dev.newsmon.schemas;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;

/**
 * One rule matching one article, on {@code newsmon.mentions} keyed by rule id.
 *
 * @param party the rule's party (whose demand or term it is), or null
 * @param hits how many times the rule's query matched in the article
 * @param actors ids of the watchlist actors named in a sentence that holds a hit
 * @param parties the parties of those actors
 * @param snippets up to three sentences holding hits, earliest first
 * @param title the article's title, so a dashboard can list the mention without the article
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Mention(
    int schemaVersion,
    String articleId,
    String ruleId,
    String label,
    String category,
    String party,
    int hits,
    List<String> actors,
    List<String> parties,
    List<Snippet> snippets,
    String title,
    Instant publishedAt,
    String source,
    String url,
    Instant detectedAt) {

  public static final int SCHEMA_VERSION = 1;
  public static final int MAX_SNIPPETS = 3;

  public Mention {
    if (schemaVersion == 0) {
      schemaVersion = SCHEMA_VERSION;
    }
    InvalidRecordException.requireText("articleId", articleId);
    InvalidRecordException.requireText("ruleId", ruleId);
    InvalidRecordException.require("publishedAt", publishedAt);
    InvalidRecordException.require("detectedAt", detectedAt);
    if (hits < 1) {
      throw new InvalidRecordException("hits", "must be at least 1:");
    }
    actors = actors == null ? List.of() : List.copyOf(actors);
    parties = parties == null ? List.of() : List.copyOf(parties);
    snippets = snippets == null ? List.of() : List.copyOf(snippets);
  }
}
