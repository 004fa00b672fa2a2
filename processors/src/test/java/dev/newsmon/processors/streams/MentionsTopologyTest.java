package dev.newsmon.processors.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.newsmon.processors.match.ArticleMatcher;
import dev.newsmon.schemas.Article;
import dev.newsmon.schemas.DeadLetters;
import dev.newsmon.schemas.Json;
import dev.newsmon.schemas.Mention;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MentionsTopologyTest {
  private final ProcessorsConfig config = Fixtures.config();
  private final ProcessorMetrics metrics = ProcessorMetrics.detached();
  private TopologyTestDriver driver;
  private TestInputTopic<byte[], byte[]> articles;
  private TestOutputTopic<String, Mention> mentions;
  private TestOutputTopic<byte[], byte[]> rejected;

  @BeforeEach
  void open() {
    driver =
        new TopologyTestDriver(
            MentionsTopology.build(config, ArticleMatcher.compile(config.watchlist()), metrics),
            config.streamsProperties(),
            Fixtures.T0);
    articles =
        driver.createInputTopic(
            config.topics().articles().name(),
            Serdes.ByteArray().serializer(),
            Serdes.ByteArray().serializer());
    mentions =
        driver.createOutputTopic(
            config.topics().mentions().name(),
            config.topics().mentions().keySerde().deserializer(),
            config.topics().mentions().valueSerde().deserializer());
    rejected =
        driver.createOutputTopic(
            config.topics().articlesRejected().name(),
            Serdes.ByteArray().deserializer(),
            Serdes.ByteArray().deserializer());
  }

  @AfterEach
  void close() {
    driver.close();
  }

  private static Article article(String title, Instant publishedAt) {
    return Article.builder()
        .url("https://example.org/" + title.hashCode())
        .source("example.org")
        .title(title)
        .body("Negotiators met again on Tuesday. " + title + ".")
        .publishedAt(publishedAt)
        .fetchedAt(publishedAt.plusSeconds(60))
        .build();
  }

  private void send(byte[] payload) {
    articles.pipeInput(
        new TestRecord<>("k".getBytes(StandardCharsets.UTF_8), payload, Fixtures.T0));
  }

  @Test
  void shouldEmitOneMentionPerMatchingRuleKeyedByRule() {
    Instant published = Fixtures.T0.plusSeconds(600);
    Article both = article("Truce talks resume as the grain corridor reopens", published);
    send(Json.write(both).getBytes(StandardCharsets.UTF_8));
    send(
        Json.write(article("A quiet day at the market", published))
            .getBytes(StandardCharsets.UTF_8));

    List<TestRecord<String, Mention>> out = mentions.readRecordsToList();
    assertThat(out)
        .extracting(TestRecord::key)
        .containsExactlyInAnyOrder("truce-talks", "grain-corridor");
    // Record time is when the article was published to Kafka; event time travels in the value.
    assertThat(out)
        .allSatisfy(r -> assertThat(r.timestamp()).isEqualTo(Fixtures.T0.toEpochMilli()));
    assertThat(out).allSatisfy(r -> assertThat(r.value().publishedAt()).isEqualTo(published));
    assertThat(out).allSatisfy(r -> assertThat(r.value().articleId()).isEqualTo(both.id()));
    assertThat(metrics.count(ProcessorMetrics.ARTICLES)).isEqualTo(2);
    assertThat(metrics.count(ProcessorMetrics.ARTICLES_MATCHED)).isEqualTo(1);
    assertThat(metrics.count(ProcessorMetrics.MENTIONS, "rule", "truce-talks")).isEqualTo(1);
    assertThat(rejected.isEmpty()).isTrue();
  }

  @Test
  void shouldMatchAnArticleSentAgainUnchangedOnceAndAnEditedOneAgain() {
    Article first = article("Truce talks resume", Fixtures.T0.plusSeconds(600));
    // fetched again an hour later: only fetchedAt differs, so the same text
    Article again =
        Article.builder()
            .url(first.url())
            .source(first.source())
            .title(first.title())
            .body(first.body())
            .publishedAt(first.publishedAt())
            .fetchedAt(first.fetchedAt().plusSeconds(3600))
            .build();
    Article edited =
        Article.builder()
            .url(first.url())
            .source(first.source())
            .title(first.title())
            .body(first.body() + " Both sides spoke of truce talks in April.")
            .publishedAt(first.publishedAt())
            .fetchedAt(first.fetchedAt())
            .build();
    assertThat(again.id()).isEqualTo(first.id()).isEqualTo(edited.id());

    send(Json.write(first).getBytes(StandardCharsets.UTF_8));
    send(Json.write(again).getBytes(StandardCharsets.UTF_8));
    send(Json.write(first).getBytes(StandardCharsets.UTF_8));
    send(Json.write(edited).getBytes(StandardCharsets.UTF_8));

    assertThat(mentions.readValuesToList())
        .extracting(Mention::ruleId, Mention::hits)
        .containsExactly(tuple("truce-talks", 2), tuple("truce-talks", 3));
    assertThat(metrics.count(ProcessorMetrics.ARTICLES_REPEATED)).isEqualTo(2);
    assertThat(metrics.count(ProcessorMetrics.ARTICLES)).isEqualTo(2);
  }

  @Test
  void shouldRememberOnlyArticlesThatHadMentions() {
    Instant published = Fixtures.T0.plusSeconds(600);
    Article quiet = article("A quiet day at the market", published);
    Article talks = article("Truce talks resume", published);
    send(Json.write(quiet).getBytes(StandardCharsets.UTF_8));
    send(Json.write(quiet).getBytes(StandardCharsets.UTF_8));
    send(Json.write(talks).getBytes(StandardCharsets.UTF_8));

    WindowStore<String, Long> matched = driver.getWindowStore(MentionsTopology.MATCHED_STORE);
    long from = Fixtures.T0.minusSeconds(3600).toEpochMilli();
    long to = Fixtures.T0.plusSeconds(3600).toEpochMilli();
    try (WindowStoreIterator<Long> it = matched.fetch(quiet.id(), from, to)) {
      assertThat(it.hasNext()).as("an article without mentions is not remembered").isFalse();
    }
    try (WindowStoreIterator<Long> it = matched.fetch(talks.id(), from, to)) {
      assertThat(it.hasNext()).isTrue();
    }
    // a copy without mentions is no repeat worth counting: it would add nothing downstream
    assertThat(metrics.count(ProcessorMetrics.ARTICLES_REPEATED)).isZero();
    assertThat(metrics.count(ProcessorMetrics.ARTICLES)).isEqualTo(3);
  }

  @Test
  void shouldSendUnreadableAndInvalidArticlesToTheDeadLetterTopicWithTheirOrigin() {
    byte[] notJson = "{\"id\": oops".getBytes(StandardCharsets.UTF_8);
    byte[] noSource =
        "{\"schemaVersion\":1,\"truncated\":false,\"id\":\"a1\",\"title\":\"t\",\"body\":\"b\",\"publishedAt\":\"2025-03-03T00:00:00Z\",\"fetchedAt\":\"2025-03-03T00:00:00Z\"}"
            .getBytes(StandardCharsets.UTF_8);
    send(notJson);
    send(Json.write(article("Truce talks", Fixtures.T0)).getBytes(StandardCharsets.UTF_8));
    send(noSource);

    List<TestRecord<byte[], byte[]>> dead = rejected.readRecordsToList();
    assertThat(dead).hasSize(2);
    assertThat(dead.get(0).value()).isEqualTo(notJson);
    assertThat(DeadLetters.header(dead.get(0).headers(), DeadLetters.SOURCE_TOPIC))
        .isEqualTo(config.topics().articles().name());
    assertThat(DeadLetters.header(dead.get(0).headers(), DeadLetters.SOURCE_PARTITION))
        .isEqualTo("0");
    assertThat(DeadLetters.header(dead.get(0).headers(), DeadLetters.SOURCE_OFFSET)).isEqualTo("0");
    assertThat(DeadLetters.header(dead.get(0).headers(), DeadLetters.REASON))
        .startsWith("invalid Article: invalid JSON");
    assertThat(dead.get(1).value()).isEqualTo(noSource);
    assertThat(DeadLetters.header(dead.get(1).headers(), DeadLetters.SOURCE_OFFSET)).isEqualTo("2");
    assertThat(DeadLetters.header(dead.get(1).headers(), DeadLetters.REASON)).contains("'source'");
    assertThat(DeadLetters.header(dead.get(1).headers(), DeadLetters.STAGE))
        .isEqualTo("processors");
    assertThat(metrics.count(ProcessorMetrics.REJECTED)).isEqualTo(2);
    // The good article between them went through.
    assertThat(mentions.readValuesToList())
        .extracting(Mention::ruleId)
        .containsExactly("truce-talks");
  }
}
