package dev.newsmon.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FetcherTest {
  private static final String ACCEPT = "*/*";
  private final FixtureServer server = new FixtureServer();
  private final Fetcher fetcher =
      new Fetcher(FetchConfig.defaults().withMaxResponseBytes(64 * 1024));

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void shouldSendValidatorsAndReportNotModified() {
    server.serve(
        "/feed", "application/rss+xml", "<rss/>".getBytes(StandardCharsets.UTF_8), "\"v1\"");

    Fetcher.Outcome first = fetcher.get(server.uri("/feed"), null, null, ACCEPT);
    Fetcher.Fetched fetched = (Fetcher.Fetched) first;
    Fetcher.Outcome second = fetcher.get(server.uri("/feed"), fetched.etag(), null, ACCEPT);

    assertThat(fetched.etag()).isEqualTo("\"v1\"");
    assertThat(second).isInstanceOf(Fetcher.NotModified.class);
    assertThat(server.requests("/feed").get(1).ifNoneMatch()).isEqualTo("\"v1\"");
  }

  @Test
  void shouldReportRetryAfterOf429() {
    server.route(
        "/busy",
        exchange -> {
          exchange.getResponseHeaders().add("Retry-After", "120");
          FixtureServer.send(exchange, 429, "text/plain", new byte[0]);
        });

    Fetcher.Outcome outcome = fetcher.get(server.uri("/busy"), null, null, ACCEPT);

    assertThat(outcome)
        .isEqualTo(
            new Fetcher.Failed(
                Fetcher.ErrorKind.RATE_LIMITED, "HTTP 429", Duration.ofSeconds(120)));
  }

  @Test
  void shouldReadRetryAfterAsSecondsOrHttpDate() {
    assertThat(Fetcher.retryAfter("7")).isEqualTo(Duration.ofSeconds(7));
    assertThat(Fetcher.retryAfter("Wed, 21 Oct 2015 07:28:00 GMT")).isEqualTo(Duration.ZERO);
    assertThat(Fetcher.retryAfter("soon")).isNull();
  }

  @Test
  void shouldFollowRedirectsAndDetectLoops() {
    server.serve("/final", "text/xml", "<rss/>".getBytes(StandardCharsets.UTF_8), null);
    server.route("/moved", redirect("/final"));
    server.route("/a", redirect("/b"));
    server.route("/b", redirect("/a"));

    assertThat(fetcher.get(server.uri("/moved"), null, null, ACCEPT))
        .isInstanceOfSatisfying(
            Fetcher.Fetched.class, f -> assertThat(f.uri()).isEqualTo(server.uri("/final")));
    assertThat(fetcher.get(server.uri("/a"), null, null, ACCEPT))
        .isInstanceOfSatisfying(
            Fetcher.Failed.class,
            f -> {
              assertThat(f.kind()).isEqualTo(Fetcher.ErrorKind.REDIRECTS);
              assertThat(f.reason()).contains("loop");
            });
  }

  @Test
  void shouldGiveUpAfterFiveRedirects() {
    for (int i = 0; i < 7; i++) {
      server.route("/r" + i, redirect("/r" + (i + 1)));
    }
    server.serve("/r7", "text/xml", "<rss/>".getBytes(StandardCharsets.UTF_8), null);

    assertThat(fetcher.get(server.uri("/r0"), null, null, ACCEPT))
        .isInstanceOfSatisfying(
            Fetcher.Failed.class, f -> assertThat(f.reason()).isEqualTo("more than 5 redirects"));
    assertThat(server.requests("/r6")).isEmpty();
  }

  @Test
  void shouldRefuseARedirectToAnotherScheme() {
    server.route("/sneaky", redirect("file:///etc/passwd"));

    assertThat(fetcher.get(server.uri("/sneaky"), null, null, ACCEPT))
        .isInstanceOfSatisfying(
            Fetcher.Failed.class, f -> assertThat(f.kind()).isEqualTo(Fetcher.ErrorKind.SCHEME));
  }

  @Test
  void shouldStopReadingAResponseOverTheCapWhileItStreams() {
    server.route(
        "/endless",
        exchange -> {
          exchange.sendResponseHeaders(200, 0); // chunked: no length to check up front
          byte[] chunk = new byte[8192];
          try (OutputStream out = exchange.getResponseBody()) {
            for (int i = 0; i < 10_000; i++) {
              out.write(chunk); // stops with an IOException once the client hangs up
            }
          } catch (java.io.IOException clientGone) {
            // expected
          }
        });
    server.serve("/declared", "text/xml", new byte[100 * 1024], null);

    assertThat(fetcher.get(server.uri("/endless"), null, null, ACCEPT))
        .isInstanceOfSatisfying(
            Fetcher.Failed.class, f -> assertThat(f.kind()).isEqualTo(Fetcher.ErrorKind.TOO_LARGE));
    assertThat(fetcher.get(server.uri("/declared"), null, null, ACCEPT))
        .isInstanceOfSatisfying(
            Fetcher.Failed.class, f -> assertThat(f.kind()).isEqualTo(Fetcher.ErrorKind.TOO_LARGE));
  }

  private static FixtureServer.Handler redirect(String location) {
    return exchange -> {
      exchange.getResponseHeaders().add("Location", location);
      exchange.sendResponseHeaders(302, -1);
    };
  }
}
