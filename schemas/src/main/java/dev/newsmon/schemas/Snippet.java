package dev.newsmon.schemas;

/**
 * The sentence around one hit of a rule.
 *
 * @param field {@code title} or {@code body}
 * @param text the whole sentence that contains the hit; of a sentence longer than {@link #MAX_TEXT}
 *     characters (a transcript or a feed without capitals can be one "sentence" of many kilobytes),
 *     only the {@link #MAX_TEXT} characters around the hit
 * @param start offset of the hit's first character within the field
 * @param end offset just past the hit's last character within the field
 * @param sentenceStart offset of {@code text}'s first character within the field, so that {@code
 *     start - sentenceStart} locates the hit inside {@code text}
 */
public record Snippet(String field, String text, int start, int end, int sentenceStart) {
  public static final String TITLE = "title";
  public static final String BODY = "body";

  /** The most characters of a sentence a snippet carries, unless the hit itself is longer. */
  public static final int MAX_TEXT = 1_000;

  public Snippet {
    InvalidRecordException.requireText("field", field);
    InvalidRecordException.require("text", text);
    if (start < 0 || end < start || sentenceStart < 0 || sentenceStart > start) {
      throw new InvalidRecordException(
          "start", "offsets out of order (" + sentenceStart + ", " + start + ", " + end + ") in");
    }
  }
}
