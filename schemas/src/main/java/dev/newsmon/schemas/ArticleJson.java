package dev.newsmon.schemas;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * An article as people and other tools write it in JSON (any of {@link Article}'s fields, times as
 * ISO-8601 strings, offsets allowed) in, an {@link Article} rebuilt through {@link
 * Article#builder()} out: its URL canonical and its id derived, whatever id it came with. Ingest,
 * {@code newsmon scan} and {@code newsmon backtest} all read JSON articles this way, so the same
 * input gets the same id, and the same verdict, in each. An article written by newsmon reads back
 * as itself.
 */
public final class ArticleJson {

  /**
   * Values for fields an input may leave out.
   *
   * @param source the source when the input names none and has no URL to take a host from
   * @param fetchedAt the fetch time when the input gives none
   * @param maxBodyBytes bodies longer than this are cut (and marked {@code truncated})
   */
  public record Defaults(String source, Instant fetchedAt, int maxBodyBytes) {}

  private ArticleJson() {}

  /**
   * @throws InvalidRecordException naming the field that is missing or wrong (null when {@code
   *     node} is not an object)
   */
  public static Article read(JsonNode node, Defaults defaults) {
    if (node == null || !node.isObject()) {
      throw new InvalidRecordException(null, "expected a JSON object");
    }
    String url = text(node, "url");
    String source = text(node, "source");
    if (source == null || source.isBlank()) {
      source = url == null ? defaults.source() : sourceOf(url, defaults.source());
    }
    return Article.builder()
        .url(url)
        .source(source)
        .title(text(node, "title"))
        .body(text(node, "body"))
        .language(text(node, "language"))
        .publishedAt(instant(node, "publishedAt"))
        .publishedAtFallback(text(node, "publishedAtFallback"))
        .fetchedAt(node.hasNonNull("fetchedAt") ? instant(node, "fetchedAt") : defaults.fetchedAt())
        .author(text(node, "author"))
        .feed(text(node, "feed"))
        .alreadyTruncated(node.path("truncated").asBoolean(false))
        .maxBodyBytes(defaults.maxBodyBytes())
        .build();
  }

  /**
   * The host of {@code url} without {@code www.}, the usual name of a site; else {@code fallback}.
   */
  public static String sourceOf(String url, String fallback) {
    try {
      String host = URI.create(CanonicalUrl.of(url)).getHost();
      return host == null ? fallback : host.startsWith("www.") ? host.substring(4) : host;
    } catch (IllegalArgumentException e) {
      return fallback; // the builder reports the bad URL
    }
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isTextual()) {
      throw new InvalidRecordException(field, "expected a string in field");
    }
    return value.asText();
  }

  private static Instant instant(JsonNode node, String field) {
    String text = text(node, field);
    if (text == null) {
      return null;
    }
    try {
      return Instant.parse(text.strip());
    } catch (DateTimeParseException notInstant) {
      try {
        return OffsetDateTime.parse(text.strip()).toInstant();
      } catch (DateTimeParseException e) {
        throw new InvalidRecordException(
            field, "not an ISO-8601 time such as 2026-11-21T10:00:00Z ('" + text + "') in field");
      }
    }
  }
}
