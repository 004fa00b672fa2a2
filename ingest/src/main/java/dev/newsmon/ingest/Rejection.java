package dev.newsmon.ingest;

import java.util.List;

/**
 * An input that could not become an Article: where it was, why, and its raw bytes for the dead
 * letter topic.
 *
 * @param position where in the source: {@code item 3}, {@code line 12}, {@code index 0}
 * @param kind a short, fixed reason for metrics, such as {@code invalid-json}
 * @param field the offending field of an article, or null when the input as a whole is wrong
 * @param reason the full reason a person can act on
 */
record Rejection(String position, String kind, String field, String reason, byte[] payload) {
  // The kinds, one fixed set so that each source's counters can start at zero.
  static final String MALFORMED_FEED = "malformed-feed";
  static final String DOCTYPE = "doctype";
  static final String CHARSET = "charset";
  static final String INVALID_ITEM = "invalid-item";
  static final String INVALID_JSON = "invalid-json";
  static final String INVALID_ARTICLE = "invalid-article";
  static final String INVALID_ENCODING = "invalid-encoding";
  static final String INVALID_HTML = "invalid-html";
  static final String UNSUPPORTED_FILE = "unsupported-file";
  static final String TOO_LARGE = "too-large";
  static final String READ_ERROR = "read-error";

  /** What a feed's document or items can be rejected for. */
  static final List<String> FEED_KINDS = List.of(MALFORMED_FEED, DOCTYPE, CHARSET, INVALID_ITEM);

  /** What a JSON article (HTTP push, a stdin line) can be rejected for. */
  static final List<String> JSON_KINDS = List.of(INVALID_JSON, INVALID_ARTICLE);

  /** What a file can be rejected for. */
  static final List<String> FILE_KINDS =
      List.of(
          INVALID_JSON,
          INVALID_ARTICLE,
          INVALID_ENCODING,
          INVALID_HTML,
          UNSUPPORTED_FILE,
          TOO_LARGE,
          READ_ERROR);

  Rejection(String position, String kind, String reason, byte[] payload) {
    this(position, kind, null, reason, payload);
  }
}
