package dev.newsmon.app.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsmon.schemas.Article;
import dev.newsmon.schemas.CanonicalUrl;
import dev.newsmon.schemas.Topics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/** The bundled sample has the shape the demo relies on. */
class SampleCoverageTest {
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final SampleReplay replay =
      new SampleReplay(
          new SampleReplay.Config("test", SampleReplay.DEFAULT_SPEED, Duration.ZERO),
          new Properties(),
          Topics.defaults(),
          registry,
          () -> true);

  private List<Article> bundled() {
    return replay.read(SampleReplay.openBundled());
  }

  private static Predicate<Article> says(String phrase) {
    return a -> (a.title() + " " + a.body()).toLowerCase(Locale.ROOT).contains(phrase);
  }

  @Test
  void shouldHoldValidArticlesWithStableIdsSortedByPublication() {
    List<Article> articles = bundled();

    assertThat(articles).hasSizeBetween(150, 250);
    assertThat(registry.counter("newsmon.sample.skipped", "reason", "invalid").count()).isZero();
    assertThat(new HashSet<>(articles.stream().map(Article::id).toList())).hasSize(articles.size());
    for (Article a : articles) {
      assertThat(a.id()).isEqualTo(Article.idForUrl(CanonicalUrl.of(a.url())));
      assertThat(a.url()).startsWith("https://sample.newsmon.dev/");
      assertThat(a.body().split("(?<=[.!?])\\s+")).hasSizeBetween(2, 6);
    }
    assertThat(articles).isSortedAccordingTo(java.util.Comparator.comparing(Article::publishedAt));
    Duration span =
        Duration.between(
            articles.get(0).publishedAt(), articles.get(articles.size() - 1).publishedAt());
    assertThat(span).isBetween(Duration.ofDays(4), Duration.ofDays(6));
  }

  @Test
  void shouldHaveQuietBackgroundThenOneHourSpikeOfEnergyInfrastructure() {
    Map<Instant, Long> perHour = new TreeMap<>();
    bundled().stream()
        .filter(says("energy infrastructure").or(says("power plants")))
        .forEach(a -> perHour.merge(a.publishedAt().truncatedTo(ChronoUnit.HOURS), 1L, Long::sum));

    Instant peak =
        perHour.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
    assertThat(perHour.get(peak)).isGreaterThanOrEqualTo(10);
    long hoursBefore = perHour.keySet().stream().filter(h -> h.isBefore(peak)).count();
    assertThat(hoursBefore).as("background hours before the spike").isGreaterThanOrEqualTo(3);
    assertThat(perHour.entrySet().stream().filter(e -> e.getKey().isBefore(peak)))
        .allSatisfy(e -> assertThat(e.getValue()).isLessThanOrEqualTo(2));
  }

  @Test
  void shouldMentionElectionsAndSanctionsReliefOnlyLate() {
    List<Article> articles = bundled();
    Instant start = articles.get(0).publishedAt();

    for (String phrase : List.of("election", "sanction")) {
      Instant first =
          articles.stream().filter(says(phrase)).findFirst().orElseThrow().publishedAt();
      assertThat(Duration.between(start, first)).as(phrase).isGreaterThan(Duration.ofDays(3));
    }
  }

  @Test
  void shouldCarryOneTitleWithMarkupForTheEscapingCheck() {
    assertThat(bundled())
        .filteredOn(a -> a.title().contains("<img src=x onerror=alert(1)>"))
        .singleElement()
        .satisfies(a -> assertThat(a.title()).containsIgnoringCase("30-day ceasefire"));
  }

  @Test
  void shouldSkipAndCountInvalidLinesAndGoOn() {
    String jsonl =
        "{\"schemaVersion\":1,\"id\":\"x\",\"source\":\"s\",\"title\":\"t\",\"body\":\"b\","
            + "\"publishedAt\":\"2025-03-11T10:00:00Z\",\"fetchedAt\":\"2025-03-11T10:00:00Z\",\"truncated\":false}\n"
            + "not json\n"
            + "{\"id\":\"y\",\"title\":\"t\"}\n";

    List<Article> articles =
        replay.read(new ByteArrayInputStream(jsonl.getBytes(StandardCharsets.UTF_8)));

    assertThat(articles).extracting(Article::id).containsExactly("x");
    assertThat(registry.counter("newsmon.sample.skipped", "reason", "invalid").count())
        .isEqualTo(2);
  }
}
