package dev.newsmon.schemas;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** One valid record of each event type, for the schema and serde tests. */
final class Fixtures {
  static final Instant PUBLISHED = Instant.parse("2025-03-18T14:05:00Z");
  static final Instant FETCHED = Instant.parse("2025-03-18T14:07:30Z");

  private Fixtures() {}

  static Article article() {
    return Article.builder()
        .url("https://News.Example.org/world/talks?utm_source=rss&id=7#comments")
        .source("Example News")
        .title("Leaders discuss a 30-day pause in strikes on power plants")
        .body("Negotiators met on Tuesday. Both sides said more talks would follow.")
        .language("en")
        .publishedAt(PUBLISHED)
        .fetchedAt(FETCHED)
        .author("A. Writer")
        .feed("https://news.example.org/rss")
        .build();
  }

  static Mention mention() {
    return new Mention(
        Mention.SCHEMA_VERSION,
        article().id(),
        "ceasefire.30-day",
        "30-day ceasefire",
        "ceasefire-term",
        null,
        1,
        List.of("putin"),
        List.of("russia"),
        List.of(new Snippet(Snippet.TITLE, article().title(), 22, 28, 0)),
        article().title(),
        PUBLISHED,
        "Example News",
        article().url(),
        FETCHED);
  }

  static Alert alert() {
    Instant start = Instant.parse("2025-03-18T14:00:00Z");
    return new Alert(
        Alert.SCHEMA_VERSION,
        Alert.idFor(AlertType.SPIKE, "ceasefire.30-day", start),
        AlertType.SPIKE,
        "ceasefire.30-day",
        "30-day ceasefire",
        "ceasefire-term",
        null,
        start,
        start.plus(Duration.ofHours(1)),
        9,
        1.5,
        1.2,
        5.1,
        6.25,
        List.of(article().id()),
        FETCHED);
  }

  static RuleCount ruleCount() {
    Instant start = Instant.parse("2025-03-18T14:00:00Z");
    return new RuleCount(
        RuleCount.SCHEMA_VERSION,
        "ceasefire.30-day",
        Duration.ofHours(1),
        start,
        start.plus(Duration.ofHours(1)),
        12,
        9,
        FETCHED);
  }
}
