package dev.newsmon.ingest;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.newsmon.schemas.ArticleJson;
import dev.newsmon.schemas.Json;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /articles} (a JSON Article, an array of them, or JSONL), {@code GET /metrics}
 * (Prometheus text) and {@code GET /health} (200 {@code {"status":"UP","reason":...}} or 503 with
 * {@code "DOWN"}, as {@link PublishHealth} decides). A request to {@code /articles} is all or
 * nothing: any invalid item gets {@code 400} with the position, field and reason of every invalid
 * item, and none of its items is published (the invalid ones go to the dead letter topic). A valid
 * request gets {@code 202} with the ids once Kafka has acknowledged every article, or {@code 503}
 * when it has not within the ack timeout (the articles stay queued; sending them again is harmless,
 * their ids are stable).
 */
final class PushServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(PushServer.class);
  static final String TAG = "http";

  private final HttpServer server;
  private final ExecutorService executor;
  private final Intake intake;
  private final IngestConfig config;
  private final PrometheusMeterRegistry prometheus;
  private final Supplier<PublishHealth.Status> health;

  /**
   * @param health asked on every {@code GET /health}, from the HTTP threads
   */
  PushServer(
      IngestConfig config,
      Intake intake,
      PrometheusMeterRegistry prometheus,
      Supplier<PublishHealth.Status> health)
      throws IOException {
    this.config = config;
    this.intake = intake;
    this.prometheus = prometheus;
    this.health = health;
    this.server = HttpServer.create(new InetSocketAddress(config.httpHost(), config.httpPort()), 0);
    this.executor = Executors.newFixedThreadPool(4, r -> new Thread(r, "newsmon-ingest-http"));
    server.setExecutor(executor);
    server.createContext("/articles", this::articles);
    server.createContext("/metrics", this::metrics);
    server.createContext(Ingest.HEALTH_PATH, this::health);
    server.createContext("/", this::notFound);
  }

  /** Any other path: a JSON 404 saying what is served, rather than the JDK's HTML page. */
  private void notFound(HttpExchange exchange) throws IOException {
    try (exchange) {
      respond(
          exchange,
          404,
          error(
              "no such page: "
                  + exchange.getRequestURI().getPath()
                  + "; ingest serves POST /articles, GET /metrics and GET /health"));
    }
  }

  void start() {
    server.start();
    log.info(
        "accepting POST /articles, GET /metrics and GET /health on http://{}:{}",
        config.httpHost(),
        port());
  }

  int port() {
    return server.getAddress().getPort();
  }

  private void articles(HttpExchange exchange) throws IOException {
    try (exchange) {
      if (!"POST".equals(exchange.getRequestMethod())) {
        exchange.getResponseHeaders().add("Allow", "POST");
        respond(exchange, 405, error("use POST"));
        return;
      }
      byte[] body = readCapped(exchange.getRequestBody(), config.fetch().maxResponseBytes());
      if (body == null) {
        respond(exchange, 413, error("body over " + config.fetch().maxResponseBytes() + " bytes"));
        return;
      }
      List<ArticleInputs.Item> items =
          ArticleInputs.json(
              body, new ArticleJson.Defaults("http", Instant.now(), config.maxBodyBytes()));
      List<ArticleInputs.Item> invalid = items.stream().filter(i -> i.rejection() != null).toList();
      if (!invalid.isEmpty() || items.isEmpty()) {
        ArrayNode errors = Json.mapper().createArrayNode();
        for (ArticleInputs.Item item : invalid) {
          intake.reject(TAG, TAG, item.rejection());
          ObjectNode e = errors.addObject();
          e.put("position", item.position());
          e.put("field", item.rejection().field());
          e.put("reason", item.rejection().reason());
        }
        if (items.isEmpty()) {
          errors.addObject().put("position", "body").put("reason", "no articles in body");
        }
        ObjectNode answer = Json.mapper().createObjectNode();
        answer.set("errors", errors);
        respond(exchange, 400, answer);
        return;
      }
      List<CompletableFuture<RecordMetadata>> sends = intake.accept(TAG, TAG, items);
      ObjectNode answer = Json.mapper().createObjectNode();
      ArrayNode ids = answer.putArray("ids");
      items.forEach(i -> ids.add(i.article().id()));
      if (awaitAcks(sends, config.pushAckTimeout())) {
        respond(exchange, 202, answer);
      } else {
        exchange.getResponseHeaders().add("Retry-After", "30");
        answer.put("error", "Kafka did not acknowledge within " + config.pushAckTimeout());
        respond(exchange, 503, answer);
      }
    } catch (RuntimeException e) {
      log.error("POST /articles failed", e);
    }
  }

  private static boolean awaitAcks(List<CompletableFuture<RecordMetadata>> sends, Duration limit) {
    try {
      CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new))
          .get(limit.toMillis(), TimeUnit.MILLISECONDS);
      return true;
    } catch (TimeoutException | ExecutionException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private void metrics(HttpExchange exchange) throws IOException {
    try (exchange) {
      if (!"GET".equals(exchange.getRequestMethod())) {
        exchange.getResponseHeaders().add("Allow", "GET");
        exchange.sendResponseHeaders(405, -1);
        return;
      }
      byte[] text = prometheus.scrape().getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
      exchange.sendResponseHeaders(200, text.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(text);
      }
    }
  }

  private void health(HttpExchange exchange) throws IOException {
    try (exchange) {
      if (!"GET".equals(exchange.getRequestMethod())) {
        exchange.getResponseHeaders().add("Allow", "GET");
        respond(exchange, 405, error("use GET"));
        return;
      }
      PublishHealth.Status status = health.get();
      ObjectNode answer = Json.mapper().createObjectNode();
      answer.put("status", status.status());
      answer.put("reason", status.reason());
      exchange.getResponseHeaders().add("Cache-Control", "no-store");
      respond(exchange, status.up() ? 200 : 503, answer);
    }
  }

  /** The body, or null when it is over the cap. */
  private static byte[] readCapped(InputStream in, long max) throws IOException {
    byte[] bytes = in.readNBytes((int) Math.min(max + 1, Integer.MAX_VALUE - 8));
    return bytes.length > max ? null : bytes;
  }

  private static ObjectNode error(String reason) {
    return Json.mapper().createObjectNode().put("error", reason);
  }

  private static void respond(HttpExchange exchange, int status, ObjectNode body)
      throws IOException {
    byte[] bytes = Json.write(body).getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(1);
    executor.shutdownNow();
  }
}
