package dev.newsmon.schemas.watchlist;

/**
 * Per-rule overrides of the spike settings; a null field keeps the watchlist's value. Window, grace
 * and half-life are shared by all rules because the windows are.
 */
public record RuleAlerting(Integer minCount, Double zScore, Integer warmupWindows) {

  public Alerting applyTo(Alerting defaults) {
    return new Alerting(
        defaults.window(),
        defaults.grace(),
        defaults.halfLife(),
        minCount == null ? defaults.minCount() : minCount,
        zScore == null ? defaults.zScore() : zScore,
        warmupWindows == null ? defaults.warmupWindows() : warmupWindows);
  }
}
