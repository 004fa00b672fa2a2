package dev.newsmon.ingest;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.newsmon.broker.EmbeddedKafka;
import dev.newsmon.schemas.Article;
import dev.newsmon.schemas.DeadLetters;
import dev.newsmon.schemas.Json;
import dev.newsmon.schemas.Topics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** HTTP push, stdin JSONL and files into a real embedded broker. */
class IngestSourcesIT {
  @AutoClose private static final EmbeddedKafka kafka = EmbeddedKafka.startEphemeral();
  private final List<Ingest> running = new ArrayList<>();
  private final Map<Ingest, Set<String>> seriesAtStart = new HashMap<>();
  private final HttpClient http = HttpClient.newHttpClient();

  @TempDir Path dir;

  @AfterEach
  void stop() {
    running.forEach(Ingest::close);
  }

  /** Every counter a test counted into was there at zero before it started. */
  private void assertCountedIntoSeriesRegisteredAtZero(Ingest ingest) {
    assertThat(CounterSeries.of(ingest)).isEqualTo(seriesAtStart.get(ingest));
  }

  private Ingest start(IngestConfig config, Topics topics, byte[] stdin) {
    kafka.createTopics(topics.newTopics(3, (short) 1));
    Properties client = new Properties();
    client.put("bootstrap.servers", kafka.bootstrapServers());
    Ingest ingest = new Ingest(config, topics, client, new SimpleMeterRegistry());
    if (stdin != null) {
      ingest.stdin(new ByteArrayInputStream(stdin));
    }
    seriesAtStart.put(ingest, CounterSeries.of(ingest));
    running.add(ingest.start());
    return ingest;
  }

  private HttpResponse<String> get(Ingest ingest, String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ingest.httpPort() + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> post(Ingest ingest, String body) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ingest.httpPort() + "/articles"))
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static List<String> ids(HttpResponse<String> response) throws Exception {
    List<String> ids = new ArrayList<>();
    Json.mapper().readTree(response.body()).get("ids").forEach(n -> ids.add(n.asText()));
    return ids;
  }

  @Test
  void shouldAcceptPushedArticlesWith202AndRejectInvalidOnesWith400() throws Exception {
    Topics topics = Topics.withPrefix("push.");
    Ingest ingest = start(IngestConfig.builder().httpPort(0).build(), topics, null);

    HttpResponse<String> one =
        post(
            ingest,
            """
            {"url": "https://News.example/a?fbclid=abc", "title": "Dam inspection passed",
             "body": "Engineers found no cracks.", "source": "news.example"}
            """);
    HttpResponse<String> array =
        post(ingest, "[{\"title\":\"Two\",\"body\":\"b\"},{\"title\":\"Three\",\"body\":\"c\"}]");
    HttpResponse<String> jsonl =
        post(ingest, "{\"title\":\"Four\",\"body\":\"d\"}\n{\"title\":\"Five\",\"body\":\"e\"}\n");
    HttpResponse<String> bad =
        post(
            ingest,
            "[{\"title\":\"ok\",\"body\":\"fine\"},"
                + "{\"title\":\"x\",\"url\":\"gopher://old.example/\"},"
                + "{\"title\":\"\",\"body\":\"\"}]");
    HttpResponse<String> garbage = post(ingest, "{\"title\": \"unterminated");

    assertThat(List.of(one, array, jsonl))
        .allSatisfy(r -> assertThat(r.statusCode()).isEqualTo(202));
    assertThat(ids(one)).containsExactly(Article.idForUrl("https://news.example/a"));
    assertThat(bad.statusCode()).isEqualTo(400);
    JsonNode errors = Json.mapper().readTree(bad.body()).get("errors");
    assertThat(errors).hasSize(2);
    assertThat(errors.get(0).get("position").asText()).isEqualTo("item 2");
    assertThat(errors.get(0).get("field").asText()).isEqualTo("url");
    assertThat(errors.get(1).get("field").asText()).isEqualTo("body");
    assertThat(garbage.statusCode()).isEqualTo(400);
    assertThat(garbage.body()).contains("invalid JSON");

    List<String> accepted = new ArrayList<>();
    for (var r : List.of(one, array, jsonl)) {
      accepted.addAll(ids(r));
    }
    assertThat(Landed.articles(kafka.bootstrapServers(), topics))
        .extracting(ConsumerRecord::key)
        .containsExactlyInAnyOrderElementsOf(accepted);
    var rejected = Landed.rejected(kafka.bootstrapServers(), topics);
    assertThat(rejected).hasSize(3);
    assertThat(rejected)
        .allSatisfy(
            r -> assertThat(DeadLetters.header(r.headers(), DeadLetters.SOURCE)).isEqualTo("http"));

    HttpResponse<String> metrics = get(ingest, "/metrics");
    assertThat(metrics.statusCode()).isEqualTo(200);
    assertThat(metrics.body())
        .contains("newsmon_ingest_items_new_total{feed=\"http\"} 5.0")
        .contains("newsmon_ingest_rejected_total{feed=\"http\",reason=\"invalid-article\"} 2.0")
        .contains("newsmon_ingest_rejected_total{feed=\"http\",reason=\"invalid-json\"} 1.0");
    HttpResponse<String> nowhere = get(ingest, "/status");
    assertThat(nowhere.statusCode()).isEqualTo(404);
    assertThat(nowhere.headers().firstValue("Content-Type")).hasValue("application/json");
    assertThat(Json.mapper().readTree(nowhere.body()).get("error").asText())
        .isEqualTo(
            "no such page: /status; ingest serves POST /articles, GET /metrics and GET /health");
    assertCountedIntoSeriesRegisteredAtZero(ingest);
  }

  @Test
  void shouldReadStdinJsonlAndRejectTheInvalidLine() throws Exception {
    Topics topics = Topics.withPrefix("stdin.");
    byte[] stdin =
        """
        {"title": "Rail strike called off", "body": "Talks ended late at night.", "language": "en"}
        {"title": "Half a line
        {"url": "https://tram.example/4", "title": "Tram four", "body": "Runs again."}
        """
            .getBytes(UTF_8);
    Ingest ingest = start(IngestConfig.builder().stdin(true).build(), topics, stdin);

    assertThat(ingest.awaitFiniteSources(Duration.ofSeconds(30))).isTrue();

    assertThat(Landed.articles(kafka.bootstrapServers(), topics))
        .extracting(r -> r.value().title())
        .containsExactlyInAnyOrder("Rail strike called off", "Tram four");
    assertThat(Landed.rejected(kafka.bootstrapServers(), topics))
        .singleElement()
        .satisfies(
            r -> {
              assertThat(DeadLetters.header(r.headers(), DeadLetters.SOURCE)).isEqualTo("stdin");
              assertThat(DeadLetters.header(r.headers(), DeadLetters.POSITION)).isEqualTo("line 2");
              assertThat(DeadLetters.header(r.headers(), DeadLetters.REASON))
                  .contains("invalid JSON");
              assertThat(new String(r.value(), UTF_8)).isEqualTo("{\"title\": \"Half a line");
            });
    assertCountedIntoSeriesRegisteredAtZero(ingest);
  }

  @Test
  void shouldReadGivenFilesOnceAndPickUpNewFilesInAWatchedDirectory() throws Exception {
    Topics topics = Topics.withPrefix("files.");
    Path given = dir.resolve("given.txt");
    Files.writeString(given, "Given once\nRead at start.");
    Path watched = Files.createDirectory(dir.resolve("inbox"));
    IngestConfig config =
        IngestConfig.builder()
            .file(given)
            .watchDir(watched)
            .dirPollInterval(Duration.ofMillis(100))
            .build();
    Ingest ingest = start(config, topics, null);
    assertThat(ingest.awaitFiniteSources(Duration.ofSeconds(30))).isTrue();

    drop(watched, "note.txt", "Harbour crane replaced\nThe old one was forty years old.");
    drop(
        watched,
        "page.html",
        "<html><head><title>Snow closes pass</title><script>x()</script></head>"
            + "<body><article><p>Ploughs are out.</p></article></body></html>");
    drop(
        watched,
        "batch.json",
        "[{\"title\":\"Json one\",\"body\":\"a\"},{\"title\":\"Json two\",\"body\":\"b\"}]");
    drop(watched, "scan.pdf", "%PDF-1.7");
    drop(
        watched,
        "lines.jsonl",
        "{\"title\":\"Line one\",\"body\":\"a\"}\nnot json\n{\"title\":\"Line three\",\"body\":\"c\"}\n");

    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> Landed.articles(kafka.bootstrapServers(), topics).size() >= 7);
    assertThat(Landed.articles(kafka.bootstrapServers(), topics))
        .extracting(r -> r.value().title())
        .containsExactlyInAnyOrder(
            "Given once",
            "Harbour crane replaced",
            "Snow closes pass",
            "Json one",
            "Json two",
            "Line one",
            "Line three");
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> Landed.rejected(kafka.bootstrapServers(), topics).size() == 1);
    var rejected = Landed.rejected(kafka.bootstrapServers(), topics).get(0);
    assertThat(DeadLetters.header(rejected.headers(), DeadLetters.SOURCE)).endsWith("lines.jsonl");
    assertThat(DeadLetters.header(rejected.headers(), DeadLetters.POSITION)).isEqualTo("line 2");
    assertThat(
            ingest
                .registry()
                .get("newsmon.ingest.rejected")
                .tags("feed", FileSource.TAG, "reason", Rejection.UNSUPPORTED_FILE)
                .counter()
                .count())
        .as("scan.pdf, ignored")
        .isEqualTo(1);
    assertCountedIntoSeriesRegisteredAtZero(ingest);
  }

  /** Writes under a hidden name, then renames, as a careful producer of files would. */
  private static void drop(Path dir, String name, String content) throws Exception {
    Path tmp = dir.resolve("." + name + ".part");
    Files.writeString(tmp, content);
    Files.move(tmp, dir.resolve(name), StandardCopyOption.ATOMIC_MOVE);
  }
}
