package dev.newsmon.ingest;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Polite HTTP GET: conditional requests, at most {@link FetchConfig#maxRedirects} redirects
 * followed by hand (so loops are seen), http and https only, a size cap enforced while the body
 * streams in, and a time limit on the whole response. Never throws for what a server does: every
 * answer becomes an {@link Outcome}.
 */
final class Fetcher {

  /** What went wrong, as a low-cardinality metric tag. */
  enum ErrorKind {
    CONNECT,
    TIMEOUT,
    HTTP_STATUS,
    RATE_LIMITED,
    TOO_LARGE,
    REDIRECTS,
    SCHEME,
    IO,
    PARSE,
    FULL_TEXT;

    String tag() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
  }

  sealed interface Outcome {}

  /** A 2xx answer, with the validators to send next time. */
  record Fetched(URI uri, byte[] body, String contentType, String etag, String lastModified)
      implements Outcome {}

  record NotModified() implements Outcome {}

  /**
   * @param retryAfter the server's Retry-After, or null when it gave none
   */
  record Failed(ErrorKind kind, String reason, Duration retryAfter) implements Outcome {}

  private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);

  private final FetchConfig config;
  private final HttpClient client;

  Fetcher(FetchConfig config) {
    this.config = config;
    this.client =
        HttpClient.newBuilder()
            .connectTimeout(config.connectTimeout())
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  /**
   * @param etag the ETag of the last answer, or null
   * @param lastModified the Last-Modified of the last answer, or null
   */
  Outcome get(URI start, String etag, String lastModified, String accept) {
    URI uri = start;
    Set<URI> visited = new HashSet<>();
    for (int hop = 0; ; hop++) {
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if (!scheme.equals("http") && !scheme.equals("https")) {
        return new Failed(ErrorKind.SCHEME, "refusing non-http(s) URL " + uri, null);
      }
      if (!visited.add(uri)) {
        return new Failed(ErrorKind.REDIRECTS, "redirect loop back to " + uri, null);
      }
      HttpRequest.Builder request =
          HttpRequest.newBuilder(uri)
              .timeout(config.readTimeout())
              .header("User-Agent", config.userAgent())
              .header("Accept", accept)
              .GET();
      if (etag != null) {
        request.header("If-None-Match", etag);
      }
      if (lastModified != null) {
        request.header("If-Modified-Since", lastModified);
      }
      HttpResponse<byte[]> response;
      CompletableFuture<HttpResponse<byte[]>> pending =
          client.sendAsync(request.build(), this::bodyHandler);
      try {
        response = pending.get(config.readTimeout().toMillis(), TimeUnit.MILLISECONDS);
      } catch (TimeoutException e) {
        pending.cancel(true);
        return new Failed(
            ErrorKind.TIMEOUT, "no complete answer within " + config.readTimeout(), null);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        pending.cancel(true);
        return new Failed(ErrorKind.IO, "interrupted", null);
      } catch (ExecutionException e) {
        return failure(e.getCause());
      }
      int status = response.statusCode();
      if (REDIRECTS.contains(status)) {
        var location = response.headers().firstValue("Location");
        if (location.isEmpty()) {
          return new Failed(ErrorKind.HTTP_STATUS, "HTTP " + status + " without Location", null);
        }
        if (hop >= config.maxRedirects()) {
          return new Failed(
              ErrorKind.REDIRECTS, "more than " + config.maxRedirects() + " redirects", null);
        }
        try {
          uri = uri.resolve(location.get().strip());
        } catch (IllegalArgumentException e) {
          return new Failed(
              ErrorKind.HTTP_STATUS, "bad redirect Location '" + location.get() + "'", null);
        }
        continue;
      }
      if (status == 304) {
        return new NotModified();
      }
      if (status == 429 || status == 503) {
        Duration retryAfter = retryAfter(response.headers().firstValue("Retry-After").orElse(null));
        return new Failed(ErrorKind.RATE_LIMITED, "HTTP " + status, retryAfter);
      }
      if (status < 200 || status > 299) {
        return new Failed(ErrorKind.HTTP_STATUS, "HTTP " + status, null);
      }
      return new Fetched(
          uri,
          response.body(),
          response.headers().firstValue("Content-Type").orElse(null),
          response.headers().firstValue("ETag").orElse(null),
          response.headers().firstValue("Last-Modified").orElse(null));
    }
  }

  private HttpResponse.BodySubscriber<byte[]> bodyHandler(HttpResponse.ResponseInfo info) {
    int status = info.statusCode();
    if (status < 200 || status > 299) {
      return HttpResponse.BodySubscribers.replacing(new byte[0]);
    }
    long declared = info.headers().firstValueAsLong("Content-Length").orElse(-1);
    return new CappedBody(config.maxResponseBytes(), declared);
  }

  private static Failed failure(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t instanceof ResponseTooLargeException tooLarge) {
        return new Failed(ErrorKind.TOO_LARGE, tooLarge.getMessage(), null);
      }
      if (t instanceof HttpConnectTimeoutException || t instanceof ConnectException) {
        return new Failed(ErrorKind.CONNECT, "cannot connect: " + t.getMessage(), null);
      }
      if (t instanceof HttpTimeoutException) {
        return new Failed(ErrorKind.TIMEOUT, t.getMessage(), null);
      }
    }
    return new Failed(ErrorKind.IO, String.valueOf(error), null);
  }

  /** Seconds or an HTTP date; null when absent or unreadable. */
  static Duration retryAfter(String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    String v = value.strip();
    try {
      return Duration.ofSeconds(Math.max(0, Long.parseLong(v)));
    } catch (NumberFormatException notSeconds) {
      try {
        Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        Duration d = Duration.between(Instant.now(), at);
        return d.isNegative() ? Duration.ZERO : d;
      } catch (DateTimeParseException notDate) {
        return null;
      }
    }
  }

  static final class ResponseTooLargeException extends IOException {
    private static final long serialVersionUID = 1L;

    ResponseTooLargeException(long max) {
      super("response larger than " + max + " bytes");
    }
  }

  /** Collects the body, cancelling the stream as soon as it passes the cap. */
  static final class CappedBody implements HttpResponse.BodySubscriber<byte[]> {
    private final long max;
    private final long declared;
    private final CompletableFuture<byte[]> result = new CompletableFuture<>();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private Flow.Subscription subscription;

    CappedBody(long max, long declared) {
      this.max = max;
      this.declared = declared;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
      subscription = s;
      if (declared > max) {
        s.cancel();
        result.completeExceptionally(new ResponseTooLargeException(max));
      } else {
        s.request(Long.MAX_VALUE);
      }
    }

    @Override
    public void onNext(List<ByteBuffer> buffers) {
      if (result.isDone()) {
        return;
      }
      for (ByteBuffer b : buffers) {
        if (out.size() + (long) b.remaining() > max) {
          subscription.cancel();
          result.completeExceptionally(new ResponseTooLargeException(max));
          return;
        }
        byte[] chunk = new byte[b.remaining()];
        b.get(chunk);
        out.write(chunk, 0, chunk.length);
      }
    }

    @Override
    public void onError(Throwable t) {
      result.completeExceptionally(t);
    }

    @Override
    public void onComplete() {
      result.complete(out.toByteArray());
    }

    @Override
    public CompletionStage<byte[]> getBody() {
      return result;
    }
  }
}
