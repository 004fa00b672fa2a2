package dev.newsmon.processors.web;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.newsmon.schemas.Alert;
import dev.newsmon.schemas.Json;
import dev.newsmon.schemas.watchlist.Watchlist;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dashboard: static page, JSON API, live alert feed (server-sent events) and Prometheus {@code
 * /metrics}, on the JDK's {@link HttpServer}.
 *
 * <p>Routes: {@code /} (the page from {@code /dashboard/} on the class path), {@code /api/rules},
 * {@code /api/counts}, {@code /api/alerts}, {@code /api/alerts/stream}, {@code /api/mentions},
 * {@code /api/who-demands-what} (see {@link DashboardApi}), {@code /metrics} and {@code /health}
 * (200 when the processors are ready, else 503; see {@link Health}). Only GET is served. The page
 * never puts data into HTML as markup, and a Content-Security-Policy forbids inline scripts as a
 * second line of defence.
 */
public final class DashboardServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(DashboardServer.class);
  private static final int MAX_STREAMS = 32;

  /** Where readiness probes ask; see {@link Health}. */
  public static final String HEALTH_PATH = "/health";

  private static final Map<String, String> ASSETS =
      Map.of(
          "/", "index.html",
          "/index.html", "index.html",
          "/app.js", "app.js",
          "/app.css", "app.css",
          "/favicon.svg", "favicon.svg");
  private static final String CSP =
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
          + " connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

  /**
   * Where to listen.
   *
   * @param host the address to bind; 127.0.0.1 unless the operator says otherwise
   * @param port the port, 0 for any free one
   */
  public record Config(String host, int port) {
    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 8080;

    public Config {
      if (host == null || host.isBlank()) {
        throw new IllegalArgumentException("dashboard host must not be empty");
      }
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("dashboard port out of range: " + port);
      }
    }

    public static Config defaults() {
      return new Config(DEFAULT_HOST, DEFAULT_PORT);
    }
  }

  private final HttpServer server;
  private final ExecutorService executor;
  private final DashboardApi api;
  private final DashboardData data;
  private final PrometheusMeterRegistry registry;
  private final Supplier<Health> health;
  private final AtomicInteger streams = new AtomicInteger();
  private final Counter feedDropped;
  private volatile boolean closed;

  private DashboardServer(
      HttpServer server,
      ExecutorService executor,
      Watchlist watchlist,
      DashboardData data,
      PrometheusMeterRegistry registry,
      Supplier<Health> health) {
    this.server = server;
    this.executor = executor;
    this.api = new DashboardApi(watchlist, data);
    this.data = data;
    this.registry = registry;
    this.health = health;
    this.feedDropped =
        Counter.builder("newsmon.dashboard.feed.dropped")
            .description("Alerts not pushed to a live feed whose client fell behind")
            .register(registry == null ? new SimpleMeterRegistry() : registry);
  }

  /**
   * Binds and starts serving.
   *
   * @param registry the registry whose meters {@code /metrics} shows; null leaves {@code /metrics}
   *     answering 404
   * @param health asked on every {@code /health} request, from the HTTP threads
   * @throws IOException when the address cannot be bound
   */
  public static DashboardServer start(
      Config config,
      Watchlist watchlist,
      DashboardData data,
      PrometheusMeterRegistry registry,
      Supplier<Health> health)
      throws IOException {
    HttpServer http;
    try {
      http = HttpServer.create(new InetSocketAddress(config.host(), config.port()), 64);
    } catch (IOException e) {
      throw new IOException(
          "the dashboard cannot listen on "
              + config.host()
              + ":"
              + config.port()
              + " ("
              + e.getMessage()
              + ")",
          e);
    }
    AtomicInteger n = new AtomicInteger();
    ThreadPoolExecutor executor =
        new ThreadPoolExecutor(
            2,
            MAX_STREAMS + 16,
            30,
            TimeUnit.SECONDS,
            new SynchronousQueue<>(),
            r -> {
              Thread t = new Thread(r, "newsmon-dashboard-http-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            },
            new ThreadPoolExecutor.CallerRunsPolicy());
    http.setExecutor(executor);
    DashboardServer server = new DashboardServer(http, executor, watchlist, data, registry, health);
    http.createContext("/", server::handle);
    http.start();
    log.info("Dashboard listening on {}", server.uri());
    return server;
  }

  /** The page's address, such as {@code http://127.0.0.1:8080/}. */
  public URI uri() {
    InetSocketAddress a = server.getAddress();
    String host = a.getAddress().isAnyLocalAddress() ? "127.0.0.1" : a.getHostString();
    if (host.contains(":")) {
      host = "[" + host + "]";
    }
    return URI.create("http://" + host + ":" + a.getPort() + "/");
  }

  public int port() {
    return server.getAddress().getPort();
  }

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      String path = ex.getRequestURI().getPath();
      if (!"GET".equals(ex.getRequestMethod()) && !"HEAD".equals(ex.getRequestMethod())) {
        ex.getResponseHeaders().set("Allow", "GET, HEAD");
        send(ex, 405, "application/json", error("only GET is served"));
        return;
      }
      if (ASSETS.containsKey(path)) {
        asset(ex, ASSETS.get(path));
      } else if (path.equals("/metrics") && registry != null) {
        send(ex, 200, "text/plain; version=0.0.4; charset=utf-8", registry.scrape());
      } else if (path.equals(HEALTH_PATH)) {
        Health h = health.get();
        Map<String, String> body = new LinkedHashMap<>();
        body.put("status", h.status());
        body.put("streams", h.streams());
        ex.getResponseHeaders().set("Cache-Control", "no-store");
        send(ex, h.ready() ? 200 : 503, "application/json", Json.write(body));
      } else if (path.equals("/api/alerts/stream")) {
        stream(ex);
      } else if (path.startsWith("/api/")) {
        DashboardApi.Response r = api.answer(path, query(ex.getRequestURI()));
        send(ex, r.status(), "application/json", Json.write(r.body()));
      } else {
        send(ex, 404, "application/json", error("no such page: " + path));
      }
    } catch (IOException e) {
      log.debug("Dashboard client went away: {}", e.getMessage());
    } catch (RuntimeException e) {
      log.error("Dashboard request {} failed", ex.getRequestURI(), e);
      try {
        send(ex, 500, "application/json", error("internal error: " + e.getMessage()));
      } catch (IOException | RuntimeException ignored) {
        // headers were already sent; the client sees a cut response
      }
    }
  }

  private static String error(String message) {
    return Json.write(Map.of("error", message));
  }

  static Map<String, List<String>> query(URI uri) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    String raw = uri.getRawQuery();
    if (raw == null || raw.isEmpty()) {
      return out;
    }
    for (String pair : raw.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      String[] kv = pair.split("=", 2);
      String key = URLDecoder.decode(kv[0], StandardCharsets.UTF_8);
      String value = kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "";
      out.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
    }
    return out;
  }

  private void asset(HttpExchange ex, String name) throws IOException {
    try (InputStream in = DashboardServer.class.getResourceAsStream("/dashboard/" + name)) {
      if (in == null) {
        send(ex, 404, "application/json", error("asset missing from the build: " + name));
        return;
      }
      String type =
          name.endsWith(".html")
              ? "text/html; charset=utf-8"
              : name.endsWith(".js")
                  ? "text/javascript; charset=utf-8"
                  : name.endsWith(".css") ? "text/css; charset=utf-8" : "image/svg+xml";
      send(ex, 200, type, in.readAllBytes());
    }
  }

  private void send(HttpExchange ex, int status, String type, String body) throws IOException {
    send(ex, status, type, body.getBytes(StandardCharsets.UTF_8));
  }

  private void send(HttpExchange ex, int status, String type, byte[] body) throws IOException {
    headers(ex, type);
    boolean head = "HEAD".equals(ex.getRequestMethod());
    ex.sendResponseHeaders(status, head ? -1 : body.length == 0 ? -1 : body.length);
    if (!head && body.length > 0) {
      try (OutputStream out = ex.getResponseBody()) {
        out.write(body);
      }
    }
  }

  private static void headers(HttpExchange ex, String type) {
    var h = ex.getResponseHeaders();
    h.set("Content-Type", type);
    h.set("Cache-Control", "no-store");
    h.set("X-Content-Type-Options", "nosniff");
    h.set("Content-Security-Policy", CSP);
    h.set("Referrer-Policy", "no-referrer");
  }

  /** Server-sent events: the buffered alerts first, then each new one as it is read. */
  private void stream(HttpExchange ex) throws IOException {
    if (streams.incrementAndGet() > MAX_STREAMS) {
      streams.decrementAndGet();
      send(ex, 503, "application/json", error("too many live feeds open"));
      return;
    }
    BlockingQueue<Alert> queue = new LinkedBlockingQueue<>(1_000);
    Consumer<Alert> listener =
        a -> {
          if (!queue.offer(a)) {
            // The page still finds it through /api/alerts; only the live push is skipped.
            log.warn("Live feed too slow, alert {} not pushed to it", a.alertId());
            feedDropped.increment();
          }
        };
    // Listen before taking the snapshot so no alert falls between; the page drops duplicates.
    data.addAlertListener(listener);
    try {
      headers(ex, "text/event-stream; charset=utf-8");
      ex.sendResponseHeaders(200, 0);
      OutputStream out = ex.getResponseBody();
      out.write("retry: 2000\n\n".getBytes(StandardCharsets.UTF_8));
      for (Alert a : data.alertsOldestFirst()) {
        event(out, a);
      }
      out.flush();
      long lastWrite = System.nanoTime();
      while (!closed) {
        Alert a = queue.poll(500, TimeUnit.MILLISECONDS);
        if (a != null) {
          event(out, a);
          out.flush();
          lastWrite = System.nanoTime();
        } else if (System.nanoTime() - lastWrite > TimeUnit.SECONDS.toNanos(15)) {
          out.write(": keep-alive\n\n".getBytes(StandardCharsets.UTF_8));
          out.flush();
          lastWrite = System.nanoTime();
        }
      }
      out.close();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      data.removeAlertListener(listener);
      streams.decrementAndGet();
    }
  }

  private static void event(OutputStream out, Alert a) throws IOException {
    String e = "id: " + a.alertId() + "\nevent: alert\ndata: " + Json.write(a) + "\n\n";
    out.write(e.getBytes(StandardCharsets.UTF_8));
  }

  /** Ends the live feeds and stops serving, within about a second. */
  @Override
  public void close() {
    closed = true;
    // Live feeds notice within half a second and end their responses; then stop at once.
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(800);
    while (streams.get() > 0 && System.nanoTime() < deadline) {
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    server.stop(0);
    executor.shutdownNow();
    log.info("Dashboard stopped");
  }
}
