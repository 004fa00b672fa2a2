package dev.newsmon.schemas;

import java.time.Duration;
import java.time.Instant;

/**
 * How often a rule matched in one event-time window: the dashboard aggregate on the compacted
 * {@code newsmon.rule-counts}, keyed by {@link #key}.
 *
 * @param window the window size, such as {@code PT1H}
 * @param mentions mentions of the rule in the window
 * @param articles distinct articles among them
 */
public record RuleCount(
    int schemaVersion,
    String ruleId,
    Duration window,
    Instant windowStart,
    Instant windowEnd,
    long mentions,
    long articles,
    Instant updatedAt) {

  public static final int SCHEMA_VERSION = 1;

  public RuleCount {
    if (schemaVersion == 0) {
      schemaVersion = SCHEMA_VERSION;
    }
    InvalidRecordException.requireText("ruleId", ruleId);
    InvalidRecordException.require("window", window);
    InvalidRecordException.require("windowStart", windowStart);
    InvalidRecordException.require("windowEnd", windowEnd);
    InvalidRecordException.require("updatedAt", updatedAt);
  }

  /**
   * The compaction key: rule id and window as an ISO-8601 interval, {@code
   * ruleId@2025-03-18T12:00:00Z/PT1H}, so views of different window sizes never collide.
   */
  public static String key(String ruleId, Instant windowStart, Duration window) {
    return ruleId + "@" + windowStart + "/" + window;
  }

  public String key() {
    return key(ruleId, windowStart, window);
  }
}
