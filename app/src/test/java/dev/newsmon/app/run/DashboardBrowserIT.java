package dev.newsmon.app.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.newsmon.broker.EmbeddedKafka;
import dev.newsmon.processors.match.WatchlistLoader;
import dev.newsmon.processors.streams.ProcessorsConfig;
import dev.newsmon.processors.web.DashboardServer;
import dev.newsmon.schemas.Alert;
import dev.newsmon.schemas.AlertType;
import dev.newsmon.schemas.Json;
import dev.newsmon.schemas.Topics;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end, as a person sees it: the whole monitor runs in-process on an ephemeral broker with
 * the short sample corpus replayed fast, and headless Chromium opens the dashboard, waits for the
 * chart and a spike alert, checks that markup in a title shows as text, and saves a screenshot to
 * {@code target/dashboard.png}. Alerts published straight to {@code newsmon.alerts} check that the
 * page's feed keeps the server's order, on load and as alerts arrive live.
 *
 * <p>Needs Debian's chromium ({@code apt-get install -y chromium}) and the driver ({@code npm ci
 * --prefix app/src/test/e2e}); without them it is skipped, saying so.
 */
// The screenshot first, before the ordering test adds its made-up alerts to the feed.
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DashboardBrowserIT {
  static final String MARKUP = "<img src=x onerror=alert(1)>";
  private static final Path E2E = Path.of("src/test/e2e").toAbsolutePath();
  private static final Path CHROMIUM =
      Path.of(System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium"));

  @TempDir static Path state;
  private static EmbeddedKafka kafka;
  private static LocalMonitor monitor;

  @BeforeAll
  static void start() throws Exception {
    assumeTrue(
        Files.isExecutable(CHROMIUM),
        "no Chromium at " + CHROMIUM + ": install it with `apt-get install -y chromium`");
    assumeTrue(
        Files.isDirectory(E2E.resolve("node_modules/playwright-core")),
        "no playwright-core in " + E2E + ": install it with `npm ci --prefix app/src/test/e2e`");
    assumeTrue(node() != null, "no node on the PATH: install it with `apt-get install -y nodejs`");

    kafka = EmbeddedKafka.startEphemeral();
    Properties client = new Properties();
    client.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    Path sample =
        Path.of(DashboardBrowserIT.class.getResource("/sample/coverage-short.jsonl").toURI());
    try (Admin admin = Admin.create(client)) {
      // One partition keeps the fast replay in event-time order through the processors.
      admin.createTopics(Topics.defaults().newTopics(1, (short) 1)).all().get();
    }
    ProcessorsConfig processors =
        ProcessorsConfig.builder(WatchlistLoader.defaultWatchlist())
            .stateDir(state.resolve("streams"))
            .clientProperties(client)
            .build();
    monitor =
        LocalMonitor.start(
            new LocalMonitor.Config(
                processors,
                new DashboardServer.Config("127.0.0.1", 0),
                null,
                true,
                sample,
                36_000), // the corpus' 19 hours in about two seconds
            client,
            Topics.defaults());
  }

  @AfterAll
  static void stop() {
    if (monitor != null) {
      monitor.close();
    }
    if (kafka != null) {
      kafka.close();
    }
  }

  private static String node() {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
      if (Files.isExecutable(Path.of(dir, "node"))) {
        return Path.of(dir, "node").toString();
      }
    }
    return null;
  }

  @Test
  @Order(1)
  void shouldShowChartAlertsAndMentionsWithMarkupAsText() throws Exception {
    Path screenshot = Path.of("target/dashboard.png").toAbsolutePath();
    Files.createDirectories(screenshot.getParent());
    Files.deleteIfExists(screenshot);

    Process browser =
        new ProcessBuilder(
                node(),
                "dashboard.mjs",
                monitor.dashboardUri().toString(),
                screenshot.toString(),
                MARKUP,
                "ceasefire.30-day",
                "120000",
                "li.SPIKE")
            .directory(E2E.toFile())
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    String out = new String(browser.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(browser.waitFor(150, TimeUnit.SECONDS)).isTrue();
    String last = out.strip().lines().reduce((a, b) -> b).orElse("{}");
    JsonNode seen = Json.mapper().readTree(last);

    assertThat(seen.path("ok").asBoolean()).as("browser run: %s", last).isTrue();
    assertThat(seen.path("points").asInt()).isPositive();
    assertThat(seen.path("alerts").asInt()).isPositive();
    assertThat(seen.path("spikes").asInt())
        .as("the corpus' 30-day burst fires a spike")
        .isPositive();
    assertThat(seen.path("literalShownAsText").asBoolean()).isTrue();
    assertThat(seen.path("imagesInMentions").asInt()).isZero();
    assertThat(seen.path("dialogs").asInt()).as("alert() never ran").isZero();
    assertThat(seen.path("pageErrors")).isEmpty();
    assertThat(seen.path("foreignRequests")).as("nothing fetched from elsewhere").isEmpty();
    assertThat(seen.path("marks").asInt()).isPositive();
    assertThat(seen.path("matrixCells").asInt()).as("who-demands-what has counts").isPositive();
    assertThat(screenshot).exists();
    assertThat(Files.size(screenshot)).isGreaterThan(10_000);

    HttpResponse<String> metrics =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(monitor.metricsUri()).build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(metrics.body())
        .contains("newsmon_sample_published_total")
        .contains("newsmon_processors_mentions_total")
        .contains("kafka_stream");
  }

  /**
   * The server's order, newest first: by {@code detectedAt}, then {@code windowStart}, then {@code
   * alertId}. Written out here rather than taken from the processors so that the test states it.
   */
  private static final Comparator<Alert> NEWEST_FIRST =
      Comparator.comparing(Alert::detectedAt)
          .thenComparing(Alert::windowStart)
          .thenComparing(Alert::alertId)
          .reversed();

  private static Alert alert(AlertType type, String rule, String windowStart, String detectedAt) {
    Instant start = Instant.parse(windowStart);
    return new Alert(
        Alert.SCHEMA_VERSION,
        Alert.idFor(type, rule, start),
        type,
        rule,
        rule,
        "ceasefire-term",
        null,
        start,
        start.plus(Duration.ofHours(1)),
        9,
        1,
        1,
        4,
        8,
        List.of("order-" + rule),
        Instant.parse(detectedAt));
  }

  private static void publish(List<Alert> alerts) throws Exception {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    try (var producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
      for (Alert a : alerts) {
        producer.send(
            new ProducerRecord<>(Topics.defaults().alerts().name(), a.ruleId(), Json.write(a)));
      }
      producer.flush();
    }
  }

  private static List<String> apiAlertIds() throws Exception {
    HttpResponse<String> r =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(monitor.dashboardUri().resolve("api/alerts?limit=200"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    List<String> ids = new ArrayList<>();
    Json.mapper().readTree(r.body()).forEach(a -> ids.add(a.path("alertId").asText()));
    return ids;
  }

  private static List<String> ids(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }

  private static List<String> ids(List<Alert> alerts) {
    return alerts.stream().sorted(NEWEST_FIRST).map(Alert::alertId).toList();
  }

  @Test
  @Order(2)
  void shouldListAlertsInTheServersOrderOnLoadAndAsTheyArriveLive() throws Exception {
    // Detected after anything in the sample (2025) and for windows before it, so on top of the
    // server's list and at the bottom of a list by window.
    String rule = "ceasefire.30-day";
    Alert olderWindowFirstDetected =
        alert(AlertType.SPIKE, rule, "2020-01-01T05:00:00Z", "2030-01-01T00:00:00Z");
    Alert olderWindowLaterDetected =
        alert(AlertType.SPIKE, rule, "2020-01-01T02:00:00Z", "2030-01-01T01:00:00Z");
    List<Alert> loaded = List.of(olderWindowFirstDetected, olderWindowLaterDetected);
    List<Alert> live =
        List.of(
            alert(AlertType.SPIKE, rule, "2020-01-01T01:00:00Z", "2030-01-01T02:00:00Z"),
            // half a second later: "…00.500Z" sorts before "…00Z" as text
            alert(AlertType.SPIKE, rule, "2020-01-01T00:00:00Z", "2030-01-01T02:00:00.500Z"),
            // same times as the one before: only the alert id tells them apart
            alert(
                AlertType.FIRST_MENTION, rule, "2020-01-01T00:00:00Z", "2030-01-01T02:00:00.500Z"),
            // a nanosecond later, which a JavaScript Date cannot hold
            alert(
                AlertType.SPIKE,
                "ceasefire.any",
                "2019-12-31T23:00:00Z",
                "2030-01-01T02:00:00.500000001Z"));
    publish(loaded);
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> assertThat(apiAlertIds()).startsWith(ids(loaded).toArray(String[]::new)));

    Process browser =
        new ProcessBuilder(
                node(),
                "alert-order.mjs",
                monitor.dashboardUri().toString(),
                loaded.stream().map(Alert::alertId).collect(Collectors.joining(",")),
                live.stream().map(Alert::alertId).collect(Collectors.joining(",")),
                "60000")
            .directory(E2E.toFile())
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    JsonNode onLoad;
    JsonNode afterLive;
    try (BufferedReader out =
        new BufferedReader(
            new InputStreamReader(browser.getInputStream(), StandardCharsets.UTF_8))) {
      String first = out.readLine();
      assertThat(first).as("the page loaded the first alerts").isNotNull();
      onLoad = Json.mapper().readTree(first);
      // The page is open: these reach it through the live feed.
      if ("loaded".equals(onLoad.path("phase").asText())) {
        publish(live);
      }
      String last = first;
      for (String line = out.readLine(); line != null; line = out.readLine()) {
        last = line;
      }
      afterLive = Json.mapper().readTree(last);
    }
    assertThat(browser.waitFor(90, TimeUnit.SECONDS)).isTrue();

    assertThat(onLoad.path("phase").asText()).as("browser run: %s", onLoad).isEqualTo("loaded");
    assertThat(ids(onLoad.path("feed")))
        .as("newer detectedAt on top although its window is older")
        .startsWith(ids(loaded).toArray(String[]::new))
        .isEqualTo(ids(onLoad.path("api")));
    // detected years after their windows ended: the feed says so, or the order would look wrong
    assertThat(onLoad.path("meta").path(olderWindowFirstDetected.alertId()).asText())
        .endsWith("window 01-01 05:00 UTC · detected 01-01 00:00 UTC");

    assertThat(afterLive.path("ok").asBoolean()).as("browser run: %s", afterLive).isTrue();
    List<Alert> both = new ArrayList<>(loaded);
    both.addAll(live);
    assertThat(ids(afterLive.path("feed")))
        .as("live alerts placed by detectedAt, windowStart, alertId")
        .startsWith(ids(both).toArray(String[]::new))
        .isEqualTo(ids(afterLive.path("api")));
    assertThat(afterLive.path("pageErrors")).isEmpty();
  }
}
