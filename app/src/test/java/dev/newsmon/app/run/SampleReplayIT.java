package dev.newsmon.app.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsmon.broker.EmbeddedKafka;
import dev.newsmon.schemas.Article;
import dev.newsmon.schemas.Topics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Replaying into a real broker, and resuming without publishing anything twice. */
class SampleReplayIT {
  private static final Topics TOPICS = Topics.defaults();
  private static EmbeddedKafka kafka;
  private static Properties client;

  @BeforeAll
  static void start() throws Exception {
    kafka = EmbeddedKafka.startEphemeral();
    client = new Properties();
    client.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    try (Admin admin = Admin.create(client)) {
      admin.createTopics(TOPICS.newTopics(3, (short) 1)).all().get();
    }
  }

  @AfterAll
  static void stop() {
    if (kafka != null) {
      kafka.close();
    }
  }

  private static InputStream shortCorpus() {
    return SampleReplayIT.class.getResourceAsStream("/sample/coverage-short.jsonl");
  }

  private static SampleReplay replay(SimpleMeterRegistry registry) {
    return new SampleReplay(
        new SampleReplay.Config("short", Double.POSITIVE_INFINITY, Duration.ZERO),
        client,
        TOPICS,
        registry,
        () -> true);
  }

  @Test
  void shouldPublishEveryArticleOnceKeyedByIdAndResumeWithoutRepublishing() throws Exception {
    SimpleMeterRegistry first = new SimpleMeterRegistry();
    SampleReplay replay = replay(first);
    List<Article> articles = replay.read(shortCorpus());

    SampleReplay.Result result = replay.replay(articles.subList(0, 10));

    assertThat(result.published()).isEqualTo(10);
    assertThat(first.counter("newsmon.sample.published").count()).isEqualTo(10);

    // A second run over the whole corpus sends only the rest, in a background thread.
    SimpleMeterRegistry second = new SimpleMeterRegistry();
    try (SampleReplay again = replay(second)) {
      again.start(shortCorpus());
      SampleReplay.Result resumed = again.await(Duration.ofSeconds(60));
      assertThat(resumed.alreadyPublished()).isEqualTo(10);
      assertThat(resumed.published()).isEqualTo(articles.size() - 10);
    }

    List<String> ids = new ArrayList<>(replay(new SimpleMeterRegistry()).publishedIds());
    assertThat(ids)
        .hasSize(articles.size())
        .containsExactlyInAnyOrderElementsOf(articles.stream().map(Article::id).toList());
    SampleReplay.Result third = replay(new SimpleMeterRegistry()).replay(articles);
    assertThat(third.published()).isZero();
    assertThat(third.alreadyPublished()).isEqualTo(articles.size());
  }
}
