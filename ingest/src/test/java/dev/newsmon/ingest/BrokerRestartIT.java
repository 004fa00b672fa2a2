package dev.newsmon.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.newsmon.broker.EmbeddedKafka;
import dev.newsmon.schemas.Article;
import dev.newsmon.schemas.Topics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The broker goes away in the middle of ingest and comes back on the same port and data. */
class BrokerRestartIT {
  @TempDir Path dataDir;

  @Test
  void shouldLoseNoArticleAndDoubleNoneWhenTheBrokerRestartsMidIngest() throws Exception {
    int port = freePort();
    EmbeddedKafka kafka = EmbeddedKafka.start(dataDir, port);
    Topics topics = Topics.withPrefix("bounce.");
    kafka.createTopics(topics.newTopics(3, (short) 1));
    List<String> items = new CopyOnWriteArrayList<>();
    addItems(items, 1, 5);
    try (FixtureServer server = new FixtureServer()) {
      server.serveRss("/rss", items);
      Properties client = new Properties();
      client.put("bootstrap.servers", kafka.bootstrapServers());
      client.put("max.block.ms", "1000");
      client.put("request.timeout.ms", "3000");
      client.put("reconnect.backoff.max.ms", "500");
      IngestConfig config =
          IngestConfig.builder()
              .feed(FeedConfig.of(server.uri("/rss").toString(), "bounce"))
              .fetch(FeedIngestIT.fastFetch())
              .httpPort(0)
              .pushAckTimeout(Duration.ofSeconds(1))
              .build();
      Ingest ingest = new Ingest(config, topics, client, new SimpleMeterRegistry()).start();
      try {
        await()
            .atMost(Duration.ofSeconds(20))
            .until(() -> landed(kafka.bootstrapServers(), topics).size() == 5);

        kafka.close();
        addItems(items, 6, 10);
        await()
            .atMost(Duration.ofSeconds(20))
            .until(() -> FeedIngestIT.count(ingest, "newsmon.ingest.items.new", "bounce") == 10);
        HttpResponse<String> pushed =
            HttpClient.newHttpClient()
                .send(
                    HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + ingest.httpPort() + "/articles"))
                        .POST(
                            HttpRequest.BodyPublishers.ofString(
                                "{\"title\":\"Pushed while down\",\"body\":\"queued\"}"))
                        .build(),
                    HttpResponse.BodyHandlers.ofString());
        assertThat(pushed.statusCode()).isEqualTo(503);

        EmbeddedKafka restarted = EmbeddedKafka.start(dataDir, port);
        try {
          addItems(items, 11, 12);
          await()
              .atMost(Duration.ofSeconds(60))
              .until(() -> landed(restarted.bootstrapServers(), topics).size() >= 13);
          ingest.close();

          List<Article> landed = landed(restarted.bootstrapServers(), topics);
          assertThat(landed).hasSize(13);
          assertThat(landed).extracting(Article::id).doesNotHaveDuplicates();
          assertThat(landed)
              .extracting(Article::title)
              .contains("Item 1", "Item 6", "Item 10", "Item 12", "Pushed while down");
        } finally {
          restarted.close();
        }
      } finally {
        ingest.close();
      }
    }
  }

  private static List<Article> landed(String bootstrap, Topics topics) {
    return Landed.articles(bootstrap, topics).stream().map(ConsumerRecord::value).toList();
  }

  private static void addItems(List<String> items, int from, int to) {
    for (int i = from; i <= to; i++) {
      items.add(
          Fixtures.rssItem(
              "b-" + i, "Item " + i, "https://bounce.example/" + i, null, "Body " + i));
    }
  }

  private static int freePort() throws Exception {
    try (ServerSocket socket = new ServerSocket()) {
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress("127.0.0.1", 0));
      return socket.getLocalPort();
    }
  }
}
