package dev.newsmon.ingest;

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
  Rejection(String position, String kind, String reason, byte[] payload) {
    this(position, kind, null, reason, payload);
  }
}
