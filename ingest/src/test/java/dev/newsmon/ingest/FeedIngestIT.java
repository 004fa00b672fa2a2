package dev.newsmon.ingest;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.newsmon.broker.EmbeddedKafka;
import dev.newsmon.schemas.Article;
import dev.newsmon.schemas.DeadLetters;
import dev.newsmon.schemas.Topics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Feeds served by a real local HTTP server, ingested into a real embedded broker. */
class FeedIngestIT {
  @AutoClose private static final EmbeddedKafka kafka = EmbeddedKafka.startEphemeral();
  private final FixtureServer server = new FixtureServer();
  private final List<Ingest> running = new CopyOnWriteArrayList<>();
  private final Map<Ingest, Set<String>> seriesAtStart = new ConcurrentHashMap<>();

  @TempDir Path dir;

  @AfterEach
  void stop() {
    running.forEach(Ingest::close);
    server.close();
  }

  static Topics topics(String prefix) {
    Topics topics = Topics.withPrefix(prefix);
    kafka.createTopics(topics.newTopics(3, (short) 1));
    return topics;
  }

  static FetchConfig fastFetch() {
    return FetchConfig.defaults()
        .withDefaultInterval(Duration.ofMillis(150))
        .withBackoff(Duration.ofMillis(150), Duration.ofSeconds(1));
  }

  private Ingest start(IngestConfig config, Topics topics) {
    Properties client = new Properties();
    client.put("bootstrap.servers", kafka.bootstrapServers());
    Ingest ingest = new Ingest(config, topics, client, new SimpleMeterRegistry());
    seriesAtStart.put(ingest, CounterSeries.of(ingest));
    running.add(ingest.start());
    return ingest;
  }

  private void assertCountedIntoSeriesRegisteredAtZero(Ingest ingest) {
    assertThat(CounterSeries.of(ingest)).isEqualTo(seriesAtStart.get(ingest));
  }

  static double count(Ingest ingest, String name, String feed, String... tags) {
    Counter c = ingest.registry().find(name).tag("feed", feed).tags(tags).counter();
    return c == null ? 0 : c.count();
  }

  private List<Article> articles(Topics topics) {
    return Landed.articles(kafka.bootstrapServers(), topics).stream()
        .map(ConsumerRecord::value)
        .toList();
  }

  @Test
  void shouldPublishRssAndAtomFeedsFromOpmlOnceAcrossPolls() throws Exception {
    Topics topics = topics("opml.");
    server.serve("/gazette", "application/rss+xml", Fixtures.RSS2.getBytes(UTF_8), "\"g1\"");
    server.serve("/ledger", "application/atom+xml", Fixtures.ATOM.getBytes(UTF_8), null);
    Path opml = dir.resolve("subs.opml");
    Files.writeString(opml, Fixtures.OPML.formatted(server.uri("/gazette"), server.uri("/ledger")));

    Ingest ingest =
        start(
            IngestConfig.builder().feeds(FeedLists.opml(opml, false)).fetch(fastFetch()).build(),
            topics);

    await().atMost(Duration.ofSeconds(20)).until(() -> articles(topics).size() >= 4);
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                count(ingest, "newsmon.ingest.fetches.not.modified", "Harbour Town Gazette") >= 2
                    && count(ingest, "newsmon.ingest.items.duplicate", "Ledger") >= 4);
    List<ConsumerRecord<String, Article>> landed =
        Landed.articles(kafka.bootstrapServers(), topics);
    assertThat(landed).hasSize(4);
    assertThat(landed).allSatisfy(r -> assertThat(r.key()).isEqualTo(r.value().id()));
    assertThat(landed)
        .extracting(r -> r.value().url())
        .containsExactlyInAnyOrder(
            "https://gazette.example/news/ferry?id=7",
            "https://gazette.example/news/seeds",
            // relative links resolve against the document's own address, as RFC 3986 says
            server.uri("/stories/bridge-repairs").toString(),
            "https://ledger.example/stories/pears");
    assertThat(landed)
        .extracting(r -> r.value().body())
        .noneMatch(b -> b.contains("track()") || b.contains("color:red"));
    assertThat(server.requests("/gazette").get(1).ifNoneMatch()).isEqualTo("\"g1\"");
    assertThat(count(ingest, "newsmon.ingest.items.new", "Ledger")).isEqualTo(2);
    assertThat(ingest.registry().find("newsmon.ingest.publish.lag").timers()).isNotEmpty();
    assertCountedIntoSeriesRegisteredAtZero(ingest);
  }

  @Test
  void shouldPublishTheSameLinkFromTwoFeedsOnce() {
    Topics topics = topics("mirror.");
    server.serve("/origin", "application/rss+xml", Fixtures.RSS2.getBytes(UTF_8), null);
    // Same stories, other guids, tracking parameters on the links.
    String mirror =
        Fixtures.RSS2
            .replace("gz-1", "mirror-a")
            .replace("gz-2", "mirror-b")
            .replace("news/seeds", "news/seeds?utm_medium=social#comments");
    server.serve("/mirror", "application/rss+xml", mirror.getBytes(UTF_8), null);

    Ingest ingest =
        start(
            IngestConfig.builder()
                .feed(FeedConfig.of(server.uri("/origin").toString(), "origin"))
                .feed(FeedConfig.of(server.uri("/mirror").toString(), "mirror"))
                .fetch(fastFetch())
                .build(),
            topics);

    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                count(ingest, "newsmon.ingest.items.duplicate", "origin")
                        + count(ingest, "newsmon.ingest.items.duplicate", "mirror")
                    >= 6);
    assertThat(articles(topics)).hasSize(2);
    assertThat(
            count(ingest, "newsmon.ingest.items.new", "origin")
                + count(ingest, "newsmon.ingest.items.new", "mirror"))
        .isEqualTo(2);
  }

  @Test
  void shouldDecodeAWindows1251Feed() {
    Topics topics = topics("cp1251.");
    server.serve("/vesti", "application/rss+xml", Fixtures.windows1251(), null);

    start(
        IngestConfig.builder()
            .feed(FeedConfig.of(server.uri("/vesti").toString(), "vesti"))
            .fetch(fastFetch())
            .build(),
        topics);

    await().atMost(Duration.ofSeconds(20)).until(() -> !articles(topics).isEmpty());
    assertThat(articles(topics))
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.title()).isEqualTo("Новый мост через реку открыт");
              assertThat(a.language()).isEqualTo("ru");
            });
  }

  @Test
  void shouldDeadLetterMalformedAndXxeFeedsOnceAndKeepPollingTheOthers() throws Exception {
    Topics topics = topics("bad.");
    Path secret = dir.resolve("secret.txt");
    Files.writeString(secret, "TOP-SECRET-CONTENT-4711");
    server.serve("/broken", "text/xml", Fixtures.MALFORMED.getBytes(UTF_8), null);
    server.serve("/xxe", "text/xml", Fixtures.xxe(secret).getBytes(UTF_8), null);
    server.serve("/good", "application/rss+xml", Fixtures.RSS2.getBytes(UTF_8), null);

    Ingest ingest =
        start(
            IngestConfig.builder()
                .feed(FeedConfig.of(server.uri("/broken").toString(), "broken"))
                .feed(FeedConfig.of(server.uri("/xxe").toString(), "xxe"))
                .feed(FeedConfig.of(server.uri("/good").toString(), "good"))
                .fetch(fastFetch())
                .build(),
            topics);

    await().atMost(Duration.ofSeconds(20)).until(() -> articles(topics).size() >= 2);
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                count(ingest, "newsmon.ingest.fetch.errors", "broken", "kind", "parse") >= 3
                    && count(ingest, "newsmon.ingest.fetch.errors", "xxe", "kind", "parse") >= 3);
    var rejected = Landed.rejected(kafka.bootstrapServers(), topics);
    assertThat(rejected).hasSize(2);
    var xxe =
        rejected.stream()
            .filter(
                r ->
                    server
                        .uri("/xxe")
                        .toString()
                        .equals(DeadLetters.header(r.headers(), DeadLetters.SOURCE)))
            .findFirst()
            .orElseThrow();
    assertThat(DeadLetters.header(xxe.headers(), DeadLetters.REASON)).contains("DOCTYPE");
    assertThat(DeadLetters.header(xxe.headers(), DeadLetters.POSITION)).isEqualTo("document");
    assertThat(new String(xxe.value(), UTF_8))
        .contains("<!ENTITY leak")
        .doesNotContain("TOP-SECRET");
    assertThat(articles(topics))
        .hasSize(2)
        .allSatisfy(a -> assertThat(a.title() + a.body()).doesNotContain("TOP-SECRET"));
    assertThat(count(ingest, "newsmon.ingest.rejected", "xxe", "reason", "doctype")).isEqualTo(1);
    assertThat(count(ingest, "newsmon.ingest.rejected", "broken", "reason", "malformed-feed"))
        .isEqualTo(1);
    assertCountedIntoSeriesRegisteredAtZero(ingest);
  }

  @Test
  void shouldWaitAsLongAsRetryAfterSaysOn429() {
    Topics topics = topics("busy.");
    byte[] feed = Fixtures.RSS2.getBytes(UTF_8);
    server.route(
        "/busy",
        exchange -> {
          if (server.requests("/busy").size() == 1) {
            exchange.getResponseHeaders().add("Retry-After", "2");
            FixtureServer.send(exchange, 429, "text/plain", new byte[0]);
          } else {
            FixtureServer.send(exchange, 200, "application/rss+xml", feed);
          }
        });

    Ingest ingest =
        start(
            IngestConfig.builder()
                .feed(FeedConfig.of(server.uri("/busy").toString(), "busy"))
                .fetch(fastFetch())
                .build(),
            topics);

    await().atMost(Duration.ofSeconds(20)).until(() -> articles(topics).size() == 2);
    List<FixtureServer.Request> requests = server.requests("/busy");
    assertThat(Duration.between(requests.get(0).at(), requests.get(1).at()))
        .isGreaterThanOrEqualTo(Duration.ofMillis(1900));
    assertThat(count(ingest, "newsmon.ingest.fetch.errors", "busy", "kind", "rate-limited"))
        .isEqualTo(1);
  }

  @Test
  void shouldCountRedirectLoopsAndOversizedResponsesAndBackOff() {
    Topics topics = topics("limits.");
    server.route("/loop-a", redirect("/loop-b"));
    server.route("/loop-b", redirect("/loop-a"));
    server.route(
        "/huge",
        exchange -> {
          exchange.sendResponseHeaders(200, 0);
          byte[] chunk = ("<rss>" + "x".repeat(8187)).getBytes(UTF_8);
          try (var out = exchange.getResponseBody()) {
            for (int i = 0; i < 1000; i++) {
              out.write(chunk);
            }
          } catch (java.io.IOException clientHungUp) {
            // expected once the cap is reached
          }
        });
    server.serve("/fine", "application/atom+xml", Fixtures.ATOM.getBytes(UTF_8), null);

    Ingest ingest =
        start(
            IngestConfig.builder()
                .feed(FeedConfig.of(server.uri("/loop-a").toString(), "loop"))
                .feed(FeedConfig.of(server.uri("/huge").toString(), "huge"))
                .feed(FeedConfig.of(server.uri("/fine").toString(), "fine"))
                .fetch(fastFetch().withMaxResponseBytes(256 * 1024))
                .build(),
            topics);

    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                count(ingest, "newsmon.ingest.fetch.errors", "loop", "kind", "redirects") >= 3
                    && count(ingest, "newsmon.ingest.fetch.errors", "huge", "kind", "too-large")
                        >= 3);
    await().atMost(Duration.ofSeconds(20)).until(() -> articles(topics).size() == 2);
    assertThat(articles(topics))
        .extracting(Article::feed)
        .containsOnly(server.uri("/fine").toString());
    // backoff doubles from 150 ms: the third failing poll comes at least 150 + 300 ms after the
    // first
    List<FixtureServer.Request> huge = server.requests("/huge");
    assertThat(Duration.between(huge.get(0).at(), huge.get(2).at()))
        .isGreaterThanOrEqualTo(Duration.ofMillis(440));
    assertCountedIntoSeriesRegisteredAtZero(ingest);
  }

  @Test
  void shouldNotRepublishItemsSeenBeforeARestart() {
    Topics topics = topics("restart.");
    List<String> items =
        new CopyOnWriteArrayList<>(
            List.of(
                Fixtures.rssItem("r-1", "First", "https://r.example/1", null, "one"),
                Fixtures.rssItem("r-2", "Second", "https://r.example/2", null, "two")));
    server.serveRss("/rss", items);
    IngestConfig config =
        IngestConfig.builder()
            .feed(FeedConfig.of(server.uri("/rss").toString(), "rss"))
            .fetch(fastFetch())
            .build();

    Ingest first = start(config, topics);
    await().atMost(Duration.ofSeconds(20)).until(() -> articles(topics).size() == 2);
    first.close();
    Ingest second = start(config, topics);
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> count(second, "newsmon.ingest.items.duplicate", "rss") >= 4);
    items.add(Fixtures.rssItem("r-3", "Third", "https://r.example/3", null, "three"));
    await().atMost(Duration.ofSeconds(20)).until(() -> articles(topics).size() >= 3);
    second.close();

    assertThat(articles(topics))
        .extracting(Article::title)
        .containsExactlyInAnyOrder("First", "Second", "Third");
    assertThat(count(second, "newsmon.ingest.items.new", "rss")).isEqualTo(1);
  }

  @Test
  void shouldFetchTheFullTextOfItemsOfAnOptedInFeed() {
    Topics topics = topics("fulltext.");
    server.serve(
        "/story/1",
        "text/html; charset=utf-8",
        ("<html><head><title>Quay</title><script>ads()</script></head><body>"
                + "<nav>Home | Sport</nav><article><h1>Quay wall rebuilt</h1>"
                + "<p>Divers checked every stone of the old wall before the pour.</p>"
                + "<p>The work took three months longer than planned.</p></article>"
                + "<footer>Contact us</footer></body></html>")
            .getBytes(UTF_8),
        null);
    String feed =
        Fixtures.rss2(
            Fixtures.rssItem(
                "ft-1", "Quay wall rebuilt", server.uri("/story/1").toString(), null, "Teaser."),
            Fixtures.rssItem(
                "ft-2", "Gone story", server.uri("/story/gone").toString(), null, "Kept teaser."));
    server.serve("/ft", "application/rss+xml", feed.getBytes(UTF_8), null);

    Ingest ingest =
        start(
            IngestConfig.builder()
                .feed(new FeedConfig(server.uri("/ft"), "ft", null, null, true))
                .fetch(fastFetch())
                .build(),
            topics);

    await().atMost(Duration.ofSeconds(20)).until(() -> articles(topics).size() == 2);
    assertThat(articles(topics))
        .extracting(Article::title, Article::body)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple(
                "Quay wall rebuilt",
                // the page's headline is the item's title: not repeated in the body
                "Divers checked every stone of the old wall before the pour."
                    + "\n\nThe work took three months longer than planned."),
            org.assertj.core.groups.Tuple.tuple("Gone story", "Kept teaser."));
    assertThat(count(ingest, "newsmon.ingest.fetch.errors", "ft", "kind", "full-text"))
        .isEqualTo(1);
    assertThat(server.requests("/story/1")).hasSize(1);
  }

  private static FixtureServer.Handler redirect(String location) {
    return exchange -> {
      exchange.getResponseHeaders().add("Location", location);
      exchange.sendResponseHeaders(302, -1);
    };
  }
}
