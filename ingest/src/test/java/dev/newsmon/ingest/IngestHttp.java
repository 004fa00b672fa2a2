package dev.newsmon.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.newsmon.schemas.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Real HTTP requests to a running {@link Ingest}'s server, for the integration tests. */
final class IngestHttp {
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private IngestHttp() {}

  static HttpResponse<String> health(Ingest ingest) throws Exception {
    return get(ingest, Ingest.HEALTH_PATH);
  }

  /** Pushes one article with {@code title}. */
  static HttpResponse<String> push(Ingest ingest, String title) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(uri(ingest, "/articles"))
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    "{\"title\":\"" + title + "\",\"body\":\"Pushed.\"}"))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** The text field {@code name} of a JSON answer. */
  static String field(HttpResponse<String> response, String name) throws Exception {
    JsonNode body = Json.mapper().readTree(response.body());
    return body.path(name).asText();
  }

  /** The value of the unlabelled series {@code name} that {@code GET /metrics} gives. */
  static double metric(Ingest ingest, String name) throws Exception {
    String metrics = get(ingest, "/metrics").body();
    return metrics
        .lines()
        .filter(line -> line.startsWith(name + " "))
        .mapToDouble(line -> Double.parseDouble(line.substring(line.indexOf(' ') + 1)))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + name + " in " + metrics));
  }

  private static HttpResponse<String> get(Ingest ingest, String path) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(uri(ingest, path)).timeout(Duration.ofSeconds(5)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static URI uri(Ingest ingest, String path) {
    return URI.create("http://127.0.0.1:" + ingest.httpPort() + path);
  }
}
