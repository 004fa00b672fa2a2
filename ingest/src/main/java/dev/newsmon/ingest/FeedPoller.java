package dev.newsmon.ingest;

import dev.newsmon.schemas.Article;
import dev.newsmon.schemas.HtmlText;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jsoup.Jsoup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls one feed on its own schedule: conditional GET, parse, dedup, publish new items. Failures
 * push the next poll back exponentially (and at least as far as a server's Retry-After); one bad
 * item never stops the feed, one bad feed never stops the others.
 */
final class FeedPoller implements Runnable {
  private static final Logger log = LoggerFactory.getLogger(FeedPoller.class);
  private static final String FEED_ACCEPT =
      "application/rss+xml, application/atom+xml, application/rdf+xml;q=0.9, "
          + "application/xml;q=0.8, text/xml;q=0.8, */*;q=0.5";
  private static final String PAGE_ACCEPT = "text/html, application/xhtml+xml;q=0.9, */*;q=0.5";
  private static final Duration MAX_RETRY_AFTER = Duration.ofDays(1);

  private final FeedConfig feed;
  private final IngestConfig config;
  private final Fetcher fetcher;
  private final SeenKeys seen;
  private final Publisher publisher;
  private final IngestMetrics metrics;
  private final ScheduledExecutorService scheduler;
  private final Duration interval;

  // Touched only by the poll in progress; polls of one feed never overlap.
  private String etag;
  private String lastModified;
  private int failures;
  private volatile boolean stopped;

  FeedPoller(
      FeedConfig feed,
      IngestConfig config,
      Fetcher fetcher,
      SeenKeys seen,
      Publisher publisher,
      IngestMetrics metrics,
      ScheduledExecutorService scheduler) {
    this.feed = feed;
    this.config = config;
    this.fetcher = fetcher;
    this.seen = seen;
    this.publisher = publisher;
    this.metrics = metrics;
    this.scheduler = scheduler;
    this.interval = feed.interval() != null ? feed.interval() : config.fetch().defaultInterval();
  }

  void start() {
    schedule(Duration.ZERO);
  }

  void stop() {
    stopped = true;
  }

  @Override
  public void run() {
    if (stopped) {
      return;
    }
    Duration next;
    try {
      next = poll();
    } catch (RuntimeException e) {
      failures++;
      next = backoff();
      log.error("feed {}: poll failed unexpectedly; next try in {}", feed.name(), next, e);
    }
    schedule(next);
  }

  private void schedule(Duration delay) {
    if (stopped) {
      return;
    }
    try {
      scheduler.schedule(this, delay.toMillis(), TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException shuttingDown) {
      stopped = true;
    }
  }

  /** One poll; returns the delay until the next. */
  Duration poll() {
    String name = feed.name();
    metrics.fetch(name);
    Instant fetchedAt = Instant.now();
    Fetcher.Outcome outcome = fetcher.get(feed.url(), etag, lastModified, FEED_ACCEPT);
    if (outcome instanceof Fetcher.NotModified) {
      metrics.notModified(name);
      failures = 0;
      return interval;
    }
    if (outcome instanceof Fetcher.Failed failed) {
      metrics.fetchError(name, failed.kind());
      failures++;
      Duration next = backoff();
      if (failed.retryAfter() != null) {
        Duration asked = min(failed.retryAfter(), MAX_RETRY_AFTER);
        next = asked.compareTo(next) > 0 ? asked : next;
      }
      log.warn(
          "feed {} ({}): {} ({}); next try in {}",
          name,
          feed.url(),
          failed.reason(),
          failed.kind().tag(),
          next);
      return next;
    }
    Fetcher.Fetched fetched = (Fetcher.Fetched) outcome;
    metrics.bytes(name, fetched.body().length);
    FeedParser.Parsed parsed;
    try {
      parsed =
          FeedParser.parse(fetched.body(), fetched.contentType(), feed, fetched.uri(), fetchedAt);
    } catch (FeedParser.FeedParseException e) {
      metrics.fetchError(name, Fetcher.ErrorKind.PARSE);
      failures++;
      Duration next = backoff();
      // The same broken document is dead-lettered once, not at every poll.
      Rejection rejection = new Rejection("document", e.kind(), e.getMessage(), fetched.body());
      reject(rejection);
      log.warn("feed {}: cannot parse ({}); next try in {}", name, e.getMessage(), next);
      return next;
    }
    // Validators are kept only for a document we could read, so a fixed feed is fetched again.
    etag = fetched.etag();
    lastModified = fetched.lastModified();
    failures = 0;
    int published = 0;
    for (FeedItem item : parsed.items()) {
      published += publishItem(item) ? 1 : 0;
    }
    for (Rejection rejection : parsed.rejections()) {
      reject(rejection);
    }
    // Duplicates are the normal case of every poll: one summary line, not one per item.
    if (published > 0) {
      log.info(
          "feed {}: {} new, {} already seen, {} rejected",
          name,
          published,
          parsed.items().size() - published,
          parsed.rejections().size());
    } else {
      log.debug("feed {}: nothing new in {} items", name, parsed.items().size());
    }
    return interval;
  }

  /** Publishes an item unless seen before; true when it was new. */
  private boolean publishItem(FeedItem item) {
    String name = feed.name();
    Article article = item.toArticle(item.summary(), config.maxBodyBytes());
    List<String> keys = new ArrayList<>(2);
    if (item.guidKey() != null) {
      keys.add(item.guidKey());
    }
    keys.add("id " + article.id());
    if (!seen.claim(keys)) {
      metrics.duplicate(name);
      return false;
    }
    if (feed.fullText() && item.link() != null) {
      article = withFullText(item, article);
    }
    if (item.derivedTitle()) {
      metrics.repaired(name, IngestMetrics.REPAIRED_EMPTY_TITLE);
      log.info("feed {} {}: empty title, used the first words of the body", name, item.position());
    }
    if (item.publishedAtFallback() != null) {
      metrics.repaired(name, IngestMetrics.REPAIRED_DATE_FALLBACK);
      log.info(
          "feed {} {}: no readable publication date, used the {} time",
          name,
          item.position(),
          item.publishedAtFallback());
    }
    if (article.truncated()) {
      metrics.repaired(name, IngestMetrics.REPAIRED_TRUNCATED);
      log.info(
          "feed {} {}: body cut to {} bytes (truncated: true)",
          name,
          item.position(),
          config.maxBodyBytes());
    }
    metrics.newItem(name);
    publisher.publish(article, name, keys);
    return true;
  }

  private Article withFullText(FeedItem item, Article summaryArticle) {
    Fetcher.Outcome page =
        fetcher.get(java.net.URI.create(summaryArticle.url()), null, null, PAGE_ACCEPT);
    if (page instanceof Fetcher.Fetched fetched) {
      metrics.bytes(feed.name(), fetched.body().length);
      try {
        String text =
            HtmlText.mainText(
                Jsoup.parse(
                    new ByteArrayInputStream(fetched.body()),
                    charset(fetched.contentType()),
                    fetched.uri().toString()),
                item.title());
        if (text.length() > item.summary().length()) {
          return item.toArticle(text, config.maxBodyBytes());
        }
        return summaryArticle;
      } catch (IOException | RuntimeException e) {
        page = new Fetcher.Failed(Fetcher.ErrorKind.FULL_TEXT, e.toString(), null);
      }
    }
    String reason =
        page instanceof Fetcher.Failed f ? f.reason() : "no page (" + page.getClass() + ")";
    metrics.fetchError(feed.name(), Fetcher.ErrorKind.FULL_TEXT);
    log.warn(
        "feed {} {}: full text of {} not fetched ({}); keeping the summary",
        feed.name(),
        item.position(),
        summaryArticle.url(),
        reason);
    return summaryArticle;
  }

  private void reject(Rejection rejection) {
    String digest =
        HexFormat.of()
            .formatHex(sha256(rejection.payload()), 0, 12); // same bad input again: counted once
    String key = "rejected " + feed.url() + " " + rejection.position() + " " + digest;
    if (!seen.claim(List.of(key))) {
      return;
    }
    metrics.rejected(feed.name(), rejection.kind());
    log.warn(
        "feed {} ({}) {}: rejected: {}",
        feed.name(),
        feed.url(),
        rejection.position(),
        rejection.reason());
    publisher.deadLetter(
        feed.url().toString(), rejection.position(), rejection.reason(), rejection.payload());
    publisher.markSeen(key);
  }

  private Duration backoff() {
    Duration initial = config.fetch().initialBackoff();
    Duration max = config.fetch().maxBackoff();
    int doublings = Math.min(Math.max(failures - 1, 0), 30);
    Duration backoff = min(initial.multipliedBy(1L << doublings), max);
    return backoff.compareTo(interval) > 0 ? backoff : min(interval, max);
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  static String charset(String contentType) {
    if (contentType == null) {
      return null;
    }
    for (String part : contentType.split(";")) {
      String p = part.strip();
      if (p.toLowerCase(Locale.ROOT).startsWith("charset=")) {
        return p.substring(8).replace("\"", "").strip();
      }
    }
    return null;
  }

  static byte[] sha256(byte[] data) {
    try {
      return java.security.MessageDigest.getInstance("SHA-256").digest(data);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
