package dev.newsmon.schemas;

/** A record that breaks its schema: a required field missing or a value out of range. */
public class InvalidRecordException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final String field;

  public InvalidRecordException(String field, String reason) {
    super(field == null ? reason : reason + " '" + field + "'");
    this.field = field;
  }

  /** The offending field, or null when the record as a whole is wrong. */
  public String field() {
    return field;
  }

  static String requireText(String field, String value) {
    if (value == null || value.isBlank()) {
      throw new InvalidRecordException(field, "missing required field");
    }
    return value;
  }

  static <T> T require(String field, T value) {
    if (value == null) {
      throw new InvalidRecordException(field, "missing required field");
    }
    return value;
  }
}
