package dev.newsmon.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.sun.net.httpserver.HttpServer;
import dev.newsmon.app.run.LocalMonitor;
import dev.newsmon.broker.EmbeddedKafka;
import dev.newsmon.ingest.FeedConfig;
import dev.newsmon.ingest.IngestConfig;
import dev.newsmon.processors.match.WatchlistLoader;
import dev.newsmon.processors.streams.ProcessorsConfig;
import dev.newsmon.processors.web.DashboardServer;
import dev.newsmon.schemas.Topics;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real Prometheus (Debian's {@code prometheus}) scrapes a running monitor, with ingest polling
 * one local feed, every second and evaluates {@code prometheus/alerts.yml} on it: the series the
 * rules and the Grafana board name are ones the app really exports, and the rules evaluate without
 * error.
 */
class PrometheusIT {
  private static final Path DEPLOY = Path.of("").toAbsolutePath();
  private static final Path PROMETHEUS =
      Path.of(System.getenv().getOrDefault("PROMETHEUS", "/usr/bin/prometheus"));
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path dir;
  private static EmbeddedKafka kafka;
  private static LocalMonitor monitor;
  private static Process prometheus;
  private static HttpServer feed;
  private static URI api;

  private static final String FEED =
      """
      <?xml version="1.0" encoding="UTF-8"?>
      <rss version="2.0"><channel><title>Local desk</title><link>http://127.0.0.1/</link>
      <item><title>Envoys agree to meet again next week</title>
      <link>http://127.0.0.1/stories/1</link><guid>story-1</guid>
      <pubDate>Mon, 10 Mar 2025 09:00:00 GMT</pubDate>
      <description>Both delegations said the talks would go on.</description></item>
      </channel></rss>
      """;

  @BeforeAll
  static void start() throws Exception {
    assumeTrue(
        Files.isExecutable(PROMETHEUS),
        "no Prometheus at " + PROMETHEUS + ": install it with `apt-get install -y prometheus`");
    kafka = EmbeddedKafka.startEphemeral();
    Properties client = new Properties();
    client.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    try (Admin admin = Admin.create(client)) {
      admin.createTopics(Topics.defaults().newTopics(1, (short) 1)).all().get();
    }
    // one feed, polled at start: ingest's per-feed series, and the publish lag once its item lands
    feed = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    feed.createContext(
        "/feed.xml",
        exchange -> {
          byte[] body = FEED.getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "application/rss+xml");
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    feed.start();
    URI feedUri = URI.create("http://127.0.0.1:" + feed.getAddress().getPort() + "/feed.xml");
    ProcessorsConfig processors =
        ProcessorsConfig.builder(WatchlistLoader.defaultWatchlist())
            .stateDir(dir.resolve("streams"))
            .clientProperties(client)
            .build();
    monitor =
        LocalMonitor.start(
            new LocalMonitor.Config(
                processors,
                new DashboardServer.Config("127.0.0.1", 0),
                IngestConfig.builder().feed(FeedConfig.of(feedUri.toString(), "local")).build(),
                false,
                null,
                1),
            client,
            Topics.defaults());

    URI metrics = monitor.metricsUri();
    Files.copy(DEPLOY.resolve("prometheus/alerts.yml"), dir.resolve("alerts.yml"));
    Files.writeString(
        dir.resolve("prometheus.yml"),
        """
        global:
          scrape_interval: 1s
          evaluation_interval: 1s
        rule_files:
          - alerts.yml
        scrape_configs:
          - job_name: newsmon-processors
            metrics_path: %1$s
            static_configs:
              - targets: ["%2$s:%3$d"]
          # one process runs both here: scraped once per job, as Compose scrapes the two services
          - job_name: newsmon-ingest
            metrics_path: %1$s
            static_configs:
              - targets: ["%2$s:%3$d"]
        """
            .formatted(metrics.getPath(), metrics.getHost(), metrics.getPort()));
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    api = URI.create("http://127.0.0.1:" + port + "/api/v1/");
    prometheus =
        new ProcessBuilder(
                PROMETHEUS.toString(),
                "--config.file=" + dir.resolve("prometheus.yml"),
                "--storage.tsdb.path=" + dir.resolve("tsdb"),
                "--web.listen-address=127.0.0.1:" + port)
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("prometheus.log").toFile())
            .start();
    // the rules have been evaluated on scraped data once the scrape is up and every rule has run;
    // the Streams client passes through rebalancing (state 1) before it runs (2)
    await(
        "scrape the running monitor and evaluate the rules",
        () ->
            value("up{job=\"newsmon-processors\"}") == 1
                && value("max(kafka_stream_client_state)") == 2
                && rulesEvaluated());
    // rate() and increase() need two samples in range: let three scrapes land, then one more
    // evaluation of every rule, so that a rule that fires on healthy data has fired
    await(
        "scrape three times",
        () -> value("count_over_time(up{job=\"newsmon-processors\"}[1m])") >= 3);
    Instant scraped = Instant.now();
    await("evaluate every rule again", () -> rulesEvaluatedAfter(scraped));
  }

  @AfterAll
  static void stop() throws Exception {
    if (prometheus != null) {
      prometheus.destroy();
      prometheus.waitFor(30, TimeUnit.SECONDS);
    }
    if (monitor != null) {
      monitor.close();
    }
    if (kafka != null) {
      kafka.close();
    }
    if (feed != null) {
      feed.stop(0);
    }
  }

  @Test
  void shouldEvaluateEveryRuleOnTheScrapedMonitorWithoutError() throws Exception {
    List<String> health = new ArrayList<>();
    for (JsonNode rule : rules()) {
      health.add(rule.path("name").asText() + " " + rule.path("health").asText());
      assertThat(rule.path("lastError").asText()).as(rule.path("name").asText()).isEmpty();
    }

    int written =
        PromQl.rules(new YAMLMapper().readTree(DEPLOY.resolve("prometheus/alerts.yml").toFile()))
            .size();
    assertThat(health).hasSize(written).allMatch(h -> h.endsWith(" ok"));
  }

  @Test
  void shouldExportEverySeriesTheRulesAndTheBoardName() throws Exception {
    Set<String> named = new TreeSet<>();
    for (JsonNode rule :
        PromQl.rules(new YAMLMapper().readTree(dir.resolve("alerts.yml").toFile()))) {
      PromQl.addMetricNames(rule.path("expr").asText(), named);
    }
    for (JsonNode panel :
        JSON.readTree(DEPLOY.resolve("grafana/dashboards/newsmon.json").toFile()).path("panels")) {
      panel.path("targets").forEach(t -> PromQl.addMetricNames(t.path("expr").asText(), named));
    }
    // the item the feed served has landed, so its publish lag has been timed
    await(
        "scrape the feed's item as published",
        () -> value("sum(newsmon_ingest_items_new_total{job=\"newsmon-ingest\"})") == 1);
    Set<String> exported = new TreeSet<>();
    get("label/__name__/values").path("data").forEach(n -> exported.add(n.asText()));

    // our counters are registered at zero when their labels are known at start
    assertThat(named)
        .contains(
            "kafka_stream_client_state",
            "newsmon_processors_late_records_total",
            "newsmon_processors_event_time_replaced_total",
            "newsmon_processors_articles_repeated_total",
            "newsmon_ingest_publish_failures_total",
            "newsmon_ingest_publish_stalled_seconds",
            "newsmon_ingest_rejected_total");
    assertThat(exported).containsAll(named);
  }

  @Test
  void shouldSeeARunningStreamsClientAsTheRuleExpectsIt() throws Exception {
    // NewsmonStreamsNotRunning takes 2 (KafkaStreams.State.RUNNING's ordinal) as running
    assertThat(value("max(kafka_stream_client_state{job=\"newsmon-processors\"})")).isEqualTo(2);
    List<String> firing = new ArrayList<>();
    for (JsonNode alert : get("alerts").path("data").path("alerts")) {
      if (alert.path("state").asText().equals("firing")) {
        firing.add(alert.path("labels").path("alertname").asText());
      }
    }
    // a rule with a `for:` may be pending from the start-up rebalance, but none can have fired
    assertThat(firing).as("alerts firing on a healthy monitor").isEmpty();
  }

  /** The rules as the running Prometheus reports them, with their health and last evaluation. */
  private static List<JsonNode> rules() throws IOException, InterruptedException {
    return PromQl.rules(get("rules").path("data"));
  }

  private static boolean rulesEvaluated() throws IOException, InterruptedException {
    return rulesEvaluatedAfter(Instant.EPOCH);
  }

  private static boolean rulesEvaluatedAfter(Instant after)
      throws IOException, InterruptedException {
    List<JsonNode> rules = rules();
    return !rules.isEmpty()
        && rules.stream()
            .allMatch(r -> Instant.parse(r.path("lastEvaluation").asText()).isAfter(after));
  }

  private static double value(String query) throws IOException, InterruptedException {
    JsonNode result =
        get("query?query=" + URLEncoder.encode(query, StandardCharsets.UTF_8))
            .path("data")
            .path("result");
    return result.isEmpty() ? Double.NaN : result.get(0).path("value").get(1).asDouble();
  }

  private static JsonNode get(String path) throws IOException, InterruptedException {
    HttpResponse<String> response =
        HTTP.send(
            HttpRequest.newBuilder(api.resolve(path)).timeout(Duration.ofSeconds(10)).build(),
            HttpResponse.BodyHandlers.ofString());
    // 503 while Prometheus is still starting: awaited like a refused connection
    if (response.statusCode() != 200) {
      throw new IOException(
          "HTTP " + response.statusCode() + " from " + path + ": " + response.body());
    }
    return JSON.readTree(response.body());
  }

  interface Check {
    boolean holds() throws Exception;
  }

  private static void await(String what, Check check) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
    while (true) {
      try {
        if (check.holds()) {
          return;
        }
      } catch (IOException e) {
        // Prometheus still starting
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError(
            "Prometheus did not "
                + what
                + " in 90 s:\n"
                + Files.readString(dir.resolve("prometheus.log")));
      }
      Thread.sleep(250);
    }
  }
}
