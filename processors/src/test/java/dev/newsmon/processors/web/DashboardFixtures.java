package dev.newsmon.processors.web;

import dev.newsmon.schemas.Alert;
import dev.newsmon.schemas.AlertType;
import dev.newsmon.schemas.Mention;
import dev.newsmon.schemas.RuleCount;
import dev.newsmon.schemas.Snippet;
import dev.newsmon.schemas.watchlist.Actor;
import dev.newsmon.schemas.watchlist.Alerting;
import dev.newsmon.schemas.watchlist.Rule;
import dev.newsmon.schemas.watchlist.Watchlist;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** A small watchlist and records written for the dashboard tests. */
final class DashboardFixtures {
  static final Instant T0 = Instant.parse("2025-03-11T10:00:00Z");
  static final Duration HOUR = Duration.ofHours(1);
  static final String XSS_TITLE = "<img src=x onerror=alert(1)> Kremlin weighs a 30-day ceasefire";

  private DashboardFixtures() {}

  static Watchlist watchlist() {
    return new Watchlist(
        List.of(
            new Actor("putin", "russia", List.of("Putin", "Vladimir Putin", "Russian President")),
            new Actor("zelensky", "ukraine", List.of("Zelensky"))),
        List.of(
            new Rule("ceasefire.30-day", "30-day ceasefire", "ceasefire-term", null, "\"30 day\""),
            new Rule(
                "demand.halt-arms-deliveries",
                "Halt to Western arms deliveries",
                "demand",
                "russia",
                "\"arms delivery\" NEAR/4 halt*"),
            new Rule(
                "demand.security-guarantees",
                "Security guarantees",
                "demand",
                "ukraine",
                "\"security guarantee\"")),
        Alerting.defaults());
  }

  static Mention mention(
      String articleId,
      String ruleId,
      String category,
      String party,
      List<String> actors,
      List<String> parties,
      Instant publishedAt,
      String title) {
    String sentence = "Putin wants a halt to arms deliveries during the truce.";
    return new Mention(
        1,
        articleId,
        ruleId,
        ruleId,
        category,
        party,
        1,
        actors,
        parties,
        List.of(new Snippet(Snippet.BODY, sentence, 14, 37, 0)),
        title,
        publishedAt,
        "Harbor Ledger",
        "https://sample.newsmon.dev/" + articleId,
        publishedAt.plusSeconds(5));
  }

  static Alert spike(String ruleId, Instant windowStart, long count) {
    return alert(
        AlertType.SPIKE,
        ruleId,
        windowStart,
        count,
        List.of("a1", "a2"),
        windowStart.plusSeconds(600));
  }

  static Alert alert(
      AlertType type,
      String ruleId,
      Instant windowStart,
      long count,
      List<String> articleIds,
      Instant detectedAt) {
    return new Alert(
        1,
        Alert.idFor(type, ruleId, windowStart),
        type,
        ruleId,
        ruleId,
        "ceasefire-term",
        null,
        windowStart,
        windowStart.plus(HOUR),
        count,
        0.4,
        0.63,
        5.0,
        7.3,
        articleIds,
        detectedAt);
  }

  static RuleCount count(String ruleId, Instant windowStart, long mentions, Instant updatedAt) {
    return new RuleCount(
        1, ruleId, HOUR, windowStart, windowStart.plus(HOUR), mentions, mentions, updatedAt);
  }
}
