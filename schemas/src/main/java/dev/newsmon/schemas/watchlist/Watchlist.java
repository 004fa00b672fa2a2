package dev.newsmon.schemas.watchlist;

import java.util.List;
import java.util.Optional;

/**
 * What the analysts watch: actors who can be named, rules that match coverage, and when alerts
 * fire. Loading and validating a watchlist file is the matching engine's job; this is the model.
 */
public record Watchlist(List<Actor> actors, List<Rule> rules, Alerting alerting) {
  public Watchlist {
    actors = actors == null ? List.of() : List.copyOf(actors);
    rules = rules == null ? List.of() : List.copyOf(rules);
    alerting = alerting == null ? Alerting.defaults() : alerting;
  }

  public Optional<Rule> rule(String id) {
    return rules.stream().filter(r -> r.id().equals(id)).findFirst();
  }
}
