package dev.newsmon.schemas.watchlist;

/**
 * One analyst rule.
 *
 * @param category free text; {@code ceasefire-term} and {@code demand} are the two we ship
 * @param party whose demand or term it is, or null
 * @param query the query in newsmon's query language
 * @param alerting per-rule overrides of the watchlist's alerting settings, or null
 */
public record Rule(
    String id, String label, String category, String party, String query, RuleAlerting alerting) {

  public Rule(String id, String label, String category, String party, String query) {
    this(id, label, category, party, query, null);
  }

  /** The alerting settings in force for this rule. */
  public Alerting effectiveAlerting(Alerting defaults) {
    return alerting == null ? defaults : alerting.applyTo(defaults);
  }
}
