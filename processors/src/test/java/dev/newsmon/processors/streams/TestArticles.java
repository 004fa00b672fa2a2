package dev.newsmon.processors.streams;

import dev.newsmon.schemas.Article;
import dev.newsmon.schemas.Json;
import dev.newsmon.schemas.watchlist.Alerting;
import dev.newsmon.schemas.watchlist.Rule;
import dev.newsmon.schemas.watchlist.Watchlist;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A small news day, written for the integration tests: steady coverage of two rules, one burst, and
 * unrelated articles, as the raw payloads ingest would publish, with a few broken ones mixed in.
 */
final class TestArticles {
  static final Instant START = Instant.parse("2025-03-10T00:00:00Z");

  private TestArticles() {}

  /** Warm-up of three hours and a low floor, so a burst of a dozen stands out. */
  static Watchlist watchlist() {
    return new Watchlist(
        List.of(),
        List.of(
            new Rule("truce-talks", "Truce talks", "ceasefire-term", null, "\"truce talks\""),
            new Rule("grain-corridor", "Grain corridor", "demand", "ukraine", "\"grain corridor\""),
            new Rule("prisoner-swap", "Prisoner swap", "demand", null, "prisoner NEAR/3 swap")),
        new Alerting(Duration.ofHours(1), Duration.ofMinutes(10), null, 3, 3.0, 3));
  }

  /** Twelve hours of coverage; hour 10 holds a burst of truce-talks stories. */
  static List<byte[]> payloads() {
    List<byte[]> out = new ArrayList<>();
    int n = 0;
    for (int hour = 0; hour < 12; hour++) {
      int truce = hour == 10 ? 14 : 2;
      for (int i = 0; i < truce; i++) {
        out.add(article(n++, hour, i, "Envoys prepare for truce talks in the capital"));
      }
      if (hour % 3 == 0) {
        out.add(article(n++, hour, 20, "Shipping insurers watch the grain corridor closely"));
      }
      if (hour == 7) {
        out.add(article(n++, hour, 21, "Officials say a prisoner swap is close"));
      }
      for (int i = 0; i < 4; i++) {
        out.add(article(n++, hour, 30 + i, "Local weather and a football result"));
      }
      if (hour == 5) {
        out.add("{not json".getBytes(StandardCharsets.UTF_8));
        out.add("{\"id\":\"x\",\"source\":\"s\"}".getBytes(StandardCharsets.UTF_8));
      }
    }
    return out;
  }

  private static byte[] article(int n, int hour, int minute, String headline) {
    Article a =
        Article.builder()
            .url("https://news.example.org/story/" + n)
            .source("news.example.org")
            .title(headline)
            .body(
                "Story number "
                    + n
                    + ". "
                    + headline
                    + ". Reporters followed the day from early morning until late at night.")
            .language("en")
            .publishedAt(START.plus(Duration.ofHours(hour)).plus(Duration.ofMinutes(minute)))
            .fetchedAt(START.plus(Duration.ofHours(hour)).plus(Duration.ofMinutes(minute + 1)))
            .build();
    return Json.write(a).getBytes(StandardCharsets.UTF_8);
  }
}
