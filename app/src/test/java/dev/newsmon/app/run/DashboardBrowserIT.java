package dev.newsmon.app.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.newsmon.broker.EmbeddedKafka;
import dev.newsmon.processors.match.WatchlistLoader;
import dev.newsmon.processors.streams.ProcessorsConfig;
import dev.newsmon.processors.web.DashboardServer;
import dev.newsmon.schemas.Json;
import dev.newsmon.schemas.Topics;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end, as a person sees it: the whole monitor runs in-process on an ephemeral broker with
 * the short sample corpus replayed fast, and headless Chromium opens the dashboard, waits for the
 * chart and a spike alert, checks that markup in a title shows as text, and saves a screenshot to
 * {@code target/dashboard.png}.
 *
 * <p>Needs Debian's chromium ({@code apt-get install -y chromium}) and the driver ({@code npm ci
 * --prefix app/src/test/e2e}); without them it is skipped, saying so.
 */
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
}
