package dev.newsmon.ingest;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** A real HTTP server on 127.0.0.1 serving fixtures from handlers the test sets per path. */
final class FixtureServer implements AutoCloseable {

  /** Answers one request. */
  interface Handler {
    void handle(HttpExchange exchange) throws IOException;
  }

  /** A request as the server saw it. */
  record Request(String path, Instant at, String ifNoneMatch, String ifModifiedSince) {}

  private final HttpServer server;
  private final Map<String, Handler> routes = new ConcurrentHashMap<>();
  private final List<Request> requests = new CopyOnWriteArrayList<>();
  private final java.util.concurrent.ExecutorService executor =
      java.util.concurrent.Executors.newCachedThreadPool();

  FixtureServer() {
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext(
        "/",
        exchange -> {
          try (exchange) {
            String path = exchange.getRequestURI().getPath();
            requests.add(
                new Request(
                    path,
                    Instant.now(),
                    exchange.getRequestHeaders().getFirst("If-None-Match"),
                    exchange.getRequestHeaders().getFirst("If-Modified-Since")));
            Handler handler = routes.get(path);
            if (handler == null) {
              exchange.sendResponseHeaders(404, -1);
            } else {
              handler.handle(exchange);
            }
          }
        });
    // One thread per request: a handler stuck writing to a client that hung up stalls no other.
    server.setExecutor(executor);
    server.start();
  }

  void route(String path, Handler handler) {
    routes.put(path, handler);
  }

  /** Serves a fixed body with an ETag, answering 304 to a matching If-None-Match. */
  void serve(String path, String contentType, byte[] body, String etag) {
    route(
        path,
        exchange -> {
          if (etag != null && etag.equals(exchange.getRequestHeaders().getFirst("If-None-Match"))) {
            exchange.sendResponseHeaders(304, -1);
            return;
          }
          if (etag != null) {
            exchange.getResponseHeaders().add("ETag", etag);
          }
          send(exchange, 200, contentType, body);
        });
  }

  /** Serves an RSS 2.0 feed of whatever {@code items} hold at each request: a feed that grows. */
  void serveRss(String path, List<String> items) {
    route(
        path,
        exchange ->
            send(
                exchange,
                200,
                "application/rss+xml",
                Fixtures.rss2(items.toArray(String[]::new))
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8)));
  }

  static void send(HttpExchange exchange, int status, String contentType, byte[] body)
      throws IOException {
    if (contentType != null) {
      exchange.getResponseHeaders().add("Content-Type", contentType);
    }
    exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    if (body.length > 0) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }

  URI uri(String path) {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
  }

  List<Request> requests(String path) {
    return requests.stream().filter(r -> r.path().equals(path)).toList();
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
