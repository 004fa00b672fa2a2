package dev.newsmon.processors.streams;

import dev.newsmon.schemas.Mention;
import dev.newsmon.schemas.watchlist.Alerting;
import dev.newsmon.schemas.watchlist.Rule;
import dev.newsmon.schemas.watchlist.RuleAlerting;
import dev.newsmon.schemas.watchlist.Watchlist;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Watchlists, configs and mentions written for the topology tests. */
final class Fixtures {
  /** Midnight UTC, a window boundary for every window size the tests use. */
  static final Instant T0 = Instant.parse("2025-03-03T00:00:00Z");

  static final Duration HOUR = Duration.ofHours(1);

  private Fixtures() {}

  static Watchlist watchlist() {
    return new Watchlist(
        List.of(),
        List.of(
            new Rule("truce-talks", "Truce talks", "ceasefire-term", null, "\"truce talks\""),
            new Rule(
                "grain-corridor",
                "Grain corridor",
                "demand",
                "ukraine",
                "\"grain corridor\"",
                new RuleAlerting(2, 2.0, 3))),
        Alerting.defaults());
  }

  static ProcessorsConfig config() {
    return ProcessorsConfig.builder(watchlist())
        .applicationId("topology-test")
        .bootstrapServers("unused:9092")
        .stateDir(tempDir())
        .build();
  }

  static Path tempDir() {
    try {
      return Files.createTempDirectory("newsmon-topology-test-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A mention of {@code ruleId} by {@code articleId}, published at {@code at}. */
  static Mention mention(String ruleId, String articleId, Instant at) {
    return new Mention(
        Mention.SCHEMA_VERSION,
        articleId,
        ruleId,
        "Label of " + ruleId,
        "demand",
        "ukraine",
        1,
        List.of(),
        List.of(),
        List.of(),
        "A headline about " + ruleId,
        at,
        "example.org",
        "https://example.org/" + articleId,
        at.plusSeconds(30));
  }

  /** Window {@code w} (0-based, hourly from {@link #T0}) plus an offset. */
  static Instant at(int window, Duration offset) {
    return T0.plus(HOUR.multipliedBy(window)).plus(offset);
  }
}
