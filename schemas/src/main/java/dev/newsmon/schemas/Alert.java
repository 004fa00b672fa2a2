package dev.newsmon.schemas;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A spike or first mention of a rule, on {@code newsmon.alerts} keyed by rule id.
 *
 * @param alertId deterministic from type, rule id and window start ({@link #idFor}), so
 *     reprocessing the same input yields the same id
 * @param count mentions of the rule in the window when the alert fired
 * @param threshold the count that had to be reached
 * @param score how far the count stands above the baseline, in standard deviations
 * @param articleIds up to {@value #MAX_ARTICLE_IDS} ids of the window's articles, earliest first
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Alert(
    int schemaVersion,
    String alertId,
    AlertType type,
    String ruleId,
    String label,
    String category,
    String party,
    Instant windowStart,
    Instant windowEnd,
    long count,
    double baselineMean,
    double baselineStdDev,
    double threshold,
    double score,
    List<String> articleIds,
    Instant detectedAt) {

  public static final int SCHEMA_VERSION = 1;
  public static final int MAX_ARTICLE_IDS = 10;

  public Alert {
    if (schemaVersion == 0) {
      schemaVersion = SCHEMA_VERSION;
    }
    InvalidRecordException.requireText("alertId", alertId);
    InvalidRecordException.require("type", type);
    InvalidRecordException.requireText("ruleId", ruleId);
    InvalidRecordException.require("windowStart", windowStart);
    InvalidRecordException.require("windowEnd", windowEnd);
    InvalidRecordException.require("detectedAt", detectedAt);
    articleIds = articleIds == null ? List.of() : List.copyOf(articleIds);
    if (articleIds.size() > MAX_ARTICLE_IDS) {
      throw new InvalidRecordException("articleIds", "more than " + MAX_ARTICLE_IDS + " ids in");
    }
  }

  /** The alert id for this type, rule and window: a name-based UUID, stable across runs. */
  public static String idFor(AlertType type, String ruleId, Instant windowStart) {
    String name = type + "|" + ruleId + "|" + windowStart;
    return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
  }
}
