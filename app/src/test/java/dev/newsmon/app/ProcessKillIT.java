package dev.newsmon.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.newsmon.broker.EmbeddedKafka;
import dev.newsmon.processors.match.ArticleMatcher;
import dev.newsmon.processors.match.WatchlistLoader;
import dev.newsmon.processors.streams.Backtest;
import dev.newsmon.processors.streams.GroupProgress;
import dev.newsmon.schemas.Alert;
import dev.newsmon.schemas.AlertType;
import dev.newsmon.schemas.Article;
import dev.newsmon.schemas.Mention;
import dev.newsmon.schemas.Topics;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code newsmon process} in a process of its own, killed with SIGKILL while it works through a
 * backlog and started again on the same state directory: every mention is on the mentions topic
 * exactly once, and so is every first-mention alert. (The processors' own failover test stops an
 * instance inside the test's JVM, where Kafka Streams still runs its shutdown; here nothing of the
 * killed process runs after the signal.) On some runs the broker logs {@code
 * OutOfOrderSequenceException} for a few appends to the output topics: with transactions v2 a batch
 * whose sequence is not 0 is refused, as retriable, on a partition with no state yet for its
 * producer epoch (KAFKA-18202), and the producer sends it again. The assertions here are what shows
 * that nothing was lost or doubled.
 */
class ProcessKillIT {
  private static final String APPLICATION_ID = "kill-processors";
  private static final Topics TOPICS = Topics.withPrefix("kill.");
  private static final int ARTICLES = 6_000;

  @TempDir static Path dir;
  @AutoClose private static final EmbeddedKafka kafka = EmbeddedKafka.startEphemeral();

  @Test
  void shouldLoseAndDuplicateNothingWhenTheProcessIsKilledAndStartedAgain() throws Exception {
    kafka.createTopics(TOPICS.newTopics(3, (short) 1));
    List<Article> articles = articles();
    ArticleMatcher matcher = ArticleMatcher.compile(WatchlistLoader.defaultWatchlist());
    List<Mention> expected = new ArrayList<>();
    articles.forEach(a -> expected.addAll(matcher.match(a, Instant.EPOCH).mentions()));
    produce(articles);

    Path stateDir = dir.resolve("state");
    Process first = process(stateDir, dir.resolve("first.log"));
    try {
      // killed as soon as its first transaction is visible, with most of the backlog still to do
      await()
          .atMost(Duration.ofSeconds(90))
          .pollInterval(Duration.ofMillis(50))
          .until(() -> count(TOPICS.mentions().name()) > 0);
    } finally {
      first.destroyForcibly(); // SIGKILL
      assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }
    long atKill = count(TOPICS.mentions().name());
    assertThat(atKill).as("killed mid-stream").isBetween(1L, expected.size() - 1L);

    Process second = process(stateDir, dir.resolve("second.log"));
    try (Admin admin = kafka.admin()) {
      await()
          .atMost(Duration.ofSeconds(120))
          .pollInterval(Duration.ofMillis(500))
          .until(() -> GroupProgress.processed(admin, APPLICATION_ID, TOPICS));
    } finally {
      second.destroy(); // SIGTERM: a clean stop
      if (!second.waitFor(60, TimeUnit.SECONDS)) {
        second.destroyForcibly();
      }
    }

    Map<String, Integer> mentions = new HashMap<>();
    read(
        TOPICS.mentions().name(),
        r -> {
          Mention m = TOPICS.mentions().valueSerde().deserializer().deserialize("", r.value());
          mentions.merge(m.articleId() + " " + m.ruleId(), 1, Integer::sum);
        });
    Set<String> wanted = new HashSet<>();
    expected.forEach(m -> wanted.add(m.articleId() + " " + m.ruleId()));
    assertThat(wanted).hasSize(expected.size());
    assertThat(mentions.entrySet())
        .as("mentions written more than once")
        .filteredOn(e -> e.getValue() > 1)
        .isEmpty();
    assertThat(wanted).as("mentions lost").allMatch(mentions::containsKey);
    assertThat(mentions.keySet()).as("mentions not expected").allMatch(wanted::contains);

    List<String> firstMentions = new ArrayList<>();
    Set<String> alertIds = new HashSet<>();
    read(
        TOPICS.alerts().name(),
        r -> {
          Alert a = TOPICS.alerts().valueSerde().deserializer().deserialize("", r.value());
          assertThat(alertIds.add(a.alertId())).as("duplicate %s", a).isTrue();
          if (a.type() == AlertType.FIRST_MENTION) {
            firstMentions.add(a.ruleId());
          }
        });
    assertThat(firstMentions)
        .containsExactlyInAnyOrderElementsOf(
            expected.stream().map(Mention::ruleId).distinct().toList());
  }

  /** Articles on three days of talks, most naming a ceasefire term or a demand. */
  private static List<Article> articles() {
    String[] sentences = {
      "Negotiators discussed a 30-day ceasefire that would start with energy infrastructure.",
      "Moscow again asked for a halt to Western arms deliveries before any truce.",
      "Kyiv said it would accept no deal without security guarantees from its allies.",
      "The talks also touched on prisoner exchanges and humanitarian corridors.",
      "Farmers in the region reported a late harvest after the dry summer.",
      "The Kremlin wants Ukraine to give up any hope of NATO membership.",
    };
    Instant start = Instant.parse("2025-03-11T00:00:00Z");
    List<Article> articles = new ArrayList<>(ARTICLES);
    for (int i = 0; i < ARTICLES; i++) {
      String body =
          sentences[i % sentences.length] + " " + sentences[(i * 7 + 3) % sentences.length];
      articles.add(
          Article.builder()
              .url("https://news.example.org/kill/" + i)
              .source("news.example.org")
              .title("Talks, day " + (1 + i * 3 / ARTICLES))
              .body(body)
              .publishedAt(start.plus(Duration.ofSeconds(43L * i)))
              .fetchedAt(start.plus(Duration.ofSeconds(43L * i + 5)))
              .build());
    }
    return articles;
  }

  private static void produce(List<Article> articles) {
    try (KafkaProducer<String, Article> producer =
        new KafkaProducer<>(
            client(),
            TOPICS.articles().keySerde().serializer(),
            TOPICS.articles().valueSerde().serializer())) {
      for (Article a : articles) {
        producer.send(new ProducerRecord<>(TOPICS.articles().name(), a.id(), a));
      }
      producer.flush();
    }
  }

  /** {@code newsmon process} in a new JVM with this test's class path. */
  private static Process process(Path stateDir, Path log) throws IOException {
    // a killed member leaves the group only when its session times out
    Path config = NewsmonJvm.shortSession(dir.resolve("kafka.properties"));
    return NewsmonJvm.start(
        log,
        List.of(
            "process",
            "--bootstrap-servers",
            kafka.bootstrapServers(),
            "--kafka-config",
            config.toString(),
            "--topic-prefix",
            "kill.",
            "--application-id",
            APPLICATION_ID,
            "--state-dir",
            stateDir.toString(),
            "--commit-interval",
            "PT0.1S",
            "--no-dashboard"));
  }

  private static Properties client() {
    Properties p = new Properties();
    p.put("bootstrap.servers", kafka.bootstrapServers());
    return p;
  }

  private static void read(String topic, Consumer<ConsumerRecord<byte[], byte[]>> each) {
    Backtest.read(client(), topic, each);
  }

  private static long count(String topic) {
    long[] n = {0};
    read(topic, r -> n[0]++);
    return n[0];
  }
}
