package dev.newsmon.ingest;

import dev.newsmon.schemas.Article;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the non-feed sources (files, HTTP push, stdin) hand their inputs: articles are published,
 * rejections logged, counted and dead-lettered.
 */
final class Intake {
  private static final Logger log = LoggerFactory.getLogger(Intake.class);

  private final Publisher publisher;
  private final IngestMetrics metrics;

  Intake(Publisher publisher, IngestMetrics metrics) {
    this.publisher = publisher;
    this.metrics = metrics;
  }

  /**
   * @param tag the metric tag: {@code http}, {@code stdin} or {@code files}
   * @param source the dead-letter source: a path, {@code http} or {@code stdin}
   */
  CompletableFuture<RecordMetadata> publish(String tag, String source, ArticleInputs.Item item) {
    Article article = item.article();
    if (article.truncated()) {
      metrics.repaired(tag, IngestMetrics.REPAIRED_TRUNCATED);
      log.info("{} {}: body cut to fit (truncated: true)", source, item.position());
    }
    metrics.newItem(tag);
    return publisher.publish(article, tag, List.of());
  }

  void reject(String tag, String source, Rejection rejection) {
    metrics.rejected(tag, rejection.kind());
    log.warn("{} {}: rejected: {}", source, rejection.position(), rejection.reason());
    publisher.deadLetter(source, rejection.position(), rejection.reason(), rejection.payload());
  }

  /** Publishes or rejects each item; returns the sends in flight. */
  List<CompletableFuture<RecordMetadata>> accept(
      String tag, String source, List<ArticleInputs.Item> items) {
    List<CompletableFuture<RecordMetadata>> sends = new java.util.ArrayList<>(items.size());
    for (ArticleInputs.Item item : items) {
      if (item.article() != null) {
        sends.add(publish(tag, source, item));
      } else {
        reject(tag, source, item.rejection());
      }
    }
    return sends;
  }
}
