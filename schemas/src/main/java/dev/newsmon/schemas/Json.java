package dev.newsmon.schemas;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;

/**
 * The one Jackson configuration for newsmon's records: ISO-8601 UTC times, unknown fields kept out.
 */
public final class Json {
  private static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .addModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
          .build();

  private Json() {}

  /** Shared and thread-safe; do not reconfigure. */
  public static ObjectMapper mapper() {
    return MAPPER;
  }

  public static <T> T read(byte[] json, Class<T> type) throws IOException {
    return MAPPER.readValue(json, type);
  }

  public static <T> T read(String json, Class<T> type) throws IOException {
    return MAPPER.readValue(json, type);
  }

  public static String write(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (IOException e) {
      throw new IllegalStateException("cannot serialise " + value.getClass().getSimpleName(), e);
    }
  }

  /**
   * A reason a person can act on for a record that would not deserialise: the field at fault and
   * what is wrong, without Jackson's internals.
   */
  public static String reason(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t instanceof InvalidRecordException invalid) {
        return invalid.getMessage();
      }
    }
    if (error instanceof ValueInstantiationException vie && vie.getCause() != null) {
      return vie.getCause().getMessage();
    }
    if (error instanceof MismatchedInputException mie && !mie.getPath().isEmpty()) {
      String field = mie.getPath().get(mie.getPath().size() - 1).getFieldName();
      return "invalid value for field '" + field + "': " + mie.getOriginalMessage();
    }
    if (error instanceof com.fasterxml.jackson.core.JsonProcessingException jpe) {
      return syntaxError(jpe);
    }
    return String.valueOf(error.getMessage());
  }

  /**
   * {@code invalid JSON: <what> (column N)}, without the parser's own notes on where it started and
   * what it was configured not to show.
   */
  public static String syntaxError(com.fasterxml.jackson.core.JsonProcessingException e) {
    String message = String.valueOf(e.getOriginalMessage());
    int marker = message.indexOf(" (start marker at");
    if (marker >= 0) {
      message = message.substring(0, marker);
    }
    var at = e.getLocation();
    String where = "";
    if (at != null && at.getColumnNr() > 0) {
      where =
          at.getLineNr() > 1
              ? " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")"
              : " (column " + at.getColumnNr() + ")";
    }
    return "invalid JSON: " + message + where;
  }
}
