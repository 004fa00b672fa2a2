package dev.newsmon.processors.web;

import static dev.newsmon.processors.web.DashboardFixtures.HOUR;
import static dev.newsmon.processors.web.DashboardFixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.newsmon.broker.EmbeddedKafka;
import dev.newsmon.schemas.Alert;
import dev.newsmon.schemas.Json;
import dev.newsmon.schemas.Topics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The dashboard reading real topics on a real broker, asked over real HTTP. */
class DashboardServerIT {
  private static final Topics TOPICS = Topics.defaults();
  private static EmbeddedKafka kafka;
  private static DashboardData data;
  private static DashboardServer server;
  private static PrometheusMeterRegistry registry;
  private static final AtomicReference<Health> health =
      new AtomicReference<>(new Health(true, "RUNNING"));
  private static final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @BeforeAll
  static void start() throws Exception {
    kafka = EmbeddedKafka.startEphemeral();
    Properties client = new Properties();
    client.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    try (var admin = org.apache.kafka.clients.admin.Admin.create(client)) {
      admin.createTopics(TOPICS.newTopics(3, (short) 1)).all().get();
    }
    registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    data = new DashboardData(DashboardData.Limits.defaults(), registry);
    data.start(client, TOPICS);
    server =
        DashboardServer.start(
            new DashboardServer.Config("127.0.0.1", 0),
            DashboardFixtures.watchlist(),
            data,
            registry,
            health::get);
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
    if (data != null) {
      data.close();
    }
    if (kafka != null) {
      kafka.close();
    }
  }

  private static void produce(String topic, String key, Object value) throws Exception {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    try (var producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
      producer.send(new ProducerRecord<>(topic, key, Json.write(value))).get();
    }
  }

  private static HttpResponse<String> get(String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(server.uri().resolve(path)).timeout(Duration.ofSeconds(5)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static JsonNode json(String path) throws Exception {
    HttpResponse<String> r = get(path);
    assertThat(r.statusCode()).as(path).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json");
    return Json.mapper().readTree(r.body());
  }

  @Test
  void shouldAnswerHealthWithTheProcessorsStateAnd503UntilReady() throws Exception {
    try {
      health.set(new Health(false, "REBALANCING"));
      HttpResponse<String> down = get("/health");
      assertThat(down.statusCode()).isEqualTo(503);
      assertThat(down.headers().firstValue("Cache-Control")).hasValue("no-store");
      assertThat(Json.mapper().readTree(down.body()))
          .isEqualTo(Json.mapper().readTree("{\"status\":\"DOWN\",\"streams\":\"REBALANCING\"}"));

      health.set(new Health(true, "RUNNING"));
      HttpResponse<String> up = get("/health");
      assertThat(up.statusCode()).isEqualTo(200);
      assertThat(Json.mapper().readTree(up.body()))
          .isEqualTo(Json.mapper().readTree("{\"status\":\"UP\",\"streams\":\"RUNNING\"}"));
    } finally {
      health.set(new Health(true, "RUNNING"));
    }
  }

  @Test
  void shouldServeWhatTheTopicsHoldOverHttp() throws Exception {
    String rule = "demand.halt-arms-deliveries";
    produce(
        TOPICS.mentions().name(),
        rule,
        DashboardFixtures.mention(
            "a1", rule, "demand", "russia", List.of("putin"), List.of("russia"), T0, "A title"));
    produce(
        TOPICS.ruleCounts().name(), "k", DashboardFixtures.count(rule, T0, 7, T0.plusSeconds(30)));
    Alert alert = DashboardFixtures.spike(rule, T0.plus(HOUR), 8);
    produce(TOPICS.alerts().name(), rule, alert);
    produce(TOPICS.alerts().name(), rule, "not an alert"); // skipped and counted, not fatal

    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(() -> assertThat(json("/api/alerts")).hasSize(1));

    assertThat(json("/api/alerts").get(0).get("alertId").asText()).isEqualTo(alert.alertId());
    JsonNode mention = json("/api/mentions?rule=" + rule).get(0);
    assertThat(mention.get("actors").get(0).asText()).isEqualTo("putin");
    JsonNode points =
        json("/api/counts?rule=" + rule + "&from=2025-03-11T00:00:00Z").get("series").get(0);
    assertThat(points.get("points").get(0).get("mentions").asLong()).isEqualTo(7);
    assertThat(json("/api/who-demands-what").get("cells").get(0).get("party").asText())
        .isEqualTo("russia");
    assertThat(json("/api/rules").get("rules")).hasSize(3);

    HttpResponse<String> metrics = get("/metrics");
    assertThat(metrics.statusCode()).isEqualTo(200);
    assertThat(metrics.body())
        .contains("newsmon_dashboard_records_total{kind=\"alerts\"} 1.0")
        .contains("newsmon_dashboard_records_skipped_total{topic=\"newsmon.alerts\"} 1.0");
  }

  @Test
  void shouldServeThePageWithStrictHeadersAndNoOutsideAssets() throws Exception {
    HttpResponse<String> page = get("/");

    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.headers().firstValue("Content-Security-Policy").orElseThrow())
        .contains("script-src 'self'");
    assertThat(page.body())
        .contains("<script src=\"app.js\"")
        .doesNotContain("http://", "https://");
    HttpResponse<String> js = get("/app.js");
    assertThat(js.statusCode()).isEqualTo(200);
    assertThat(js.body()).doesNotContain("innerHTML", "insertAdjacentHTML", "document.write");
    assertThat(get("/app.css").statusCode()).isEqualTo(200);
    assertThat(get("/nothing-here").statusCode()).isEqualTo(404);
  }

  @Test
  void shouldPushAlertsOverServerSentEvents() throws Exception {
    HttpResponse<InputStream> stream =
        http.send(
            HttpRequest.newBuilder(server.uri().resolve("/api/alerts/stream")).build(),
            HttpResponse.BodyHandlers.ofInputStream());
    assertThat(stream.headers().firstValue("Content-Type").orElseThrow())
        .startsWith("text/event-stream");
    Alert live = DashboardFixtures.spike("ceasefire.30-day", T0.plus(HOUR.multipliedBy(5)), 11);
    produce(TOPICS.alerts().name(), live.ruleId(), live);

    try (BufferedReader in =
        new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8))) {
      String line;
      String data = null;
      while ((line = in.readLine()) != null) {
        if (line.startsWith("data: ") && line.contains(live.alertId())) {
          data = line.substring("data: ".length());
          break;
        }
      }
      assertThat(data).isNotNull();
      assertThat(Json.read(data, Alert.class)).isEqualTo(live);
    }
  }
}
