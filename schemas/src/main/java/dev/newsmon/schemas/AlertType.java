package dev.newsmon.schemas;

/** Why an alert fired. */
public enum AlertType {
  /** A rule's count in the current window reached its threshold over the baseline. */
  SPIKE,
  /** A rule matched for the first time. */
  FIRST_MENTION
}
