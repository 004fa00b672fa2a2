package dev.newsmon.processors.streams;

import dev.newsmon.schemas.Article;
import dev.newsmon.schemas.Mention;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.processor.TimestampExtractor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Event time is the article's {@code publishedAt}, read from {@link Mention} and {@link Article}
 * values; anything else (such as the raw bytes on the articles source, where the value is not
 * parsed yet) keeps the record's own timestamp, or the partition time when that is invalid.
 *
 * <p>A {@code publishedAt} that cannot be true is replaced by the record's timestamp, the time the
 * article was published to Kafka, and the replacement is logged with topic, partition and offset
 * and counted ({@value ProcessorMetrics#EVENT_TIME_REPLACED}); the value keeps the article's own
 * date. Two kinds:
 *
 * <ul>
 *   <li>{@value #AHEAD}: later than that record timestamp by more than {@link #AHEAD_TOLERANCE} (a
 *       feed with the wrong time zone, a mistyped year). Stream time is shared by every rule of a
 *       partition: one such article would move it ahead and make everyone else's mentions late, and
 *       a store write dated over an hour ahead is refused by the broker, failing the thread again
 *       on every retry.
 *   <li>{@value #BEFORE_1970}: Kafka Streams drops a record with a negative timestamp, and "unknown
 *       date" placeholders such as 0001-01-01 are what produce one.
 * </ul>
 */
public final class EventTime implements TimestampExtractor {
  private static final Logger log = LoggerFactory.getLogger(EventTime.class);

  /** Clocks of publishers and of ingest differ by this much without anything being wrong. */
  static final Duration AHEAD_TOLERANCE = Duration.ofMinutes(1);

  static final String AHEAD = "ahead";
  static final String BEFORE_1970 = "before-1970";
  static final List<String> REASONS = List.of(AHEAD, BEFORE_1970);

  private final ProcessorMetrics metrics;

  public EventTime(ProcessorMetrics metrics) {
    this.metrics = metrics;
  }

  @Override
  public long extract(ConsumerRecord<Object, Object> record, long partitionTime) {
    Object value = record.value();
    Instant published;
    String article;
    if (value instanceof Mention m) {
      published = m.publishedAt();
      article = m.articleId();
    } else if (value instanceof Article a) {
      published = a.publishedAt();
      article = a.id();
    } else {
      return recordTime(record, partitionTime);
    }
    long received = record.timestamp();
    if (published.isBefore(Instant.EPOCH)) {
      return replaced(BEFORE_1970, record, article, published, recordTime(record, partitionTime));
    }
    if (received >= 0 && published.isAfter(Instant.ofEpochMilli(received).plus(AHEAD_TOLERANCE))) {
      return replaced(AHEAD, record, article, published, received);
    }
    return published.toEpochMilli();
  }

  private static long recordTime(ConsumerRecord<Object, Object> record, long partitionTime) {
    long ts = record.timestamp();
    return ts >= 0 ? ts : Math.max(partitionTime, 0);
  }

  private long replaced(
      String reason, ConsumerRecord<?, ?> record, String article, Instant published, long used) {
    log.warn(
        "publishedAt {} of article {} is {}: event time {} (the record's) used instead, at {}-{}@{}",
        published,
        article,
        reason.equals(AHEAD) ? "ahead of when it was published to Kafka" : "before 1970",
        Instant.ofEpochMilli(used),
        record.topic(),
        record.partition(),
        record.offset());
    metrics.eventTimeReplaced(reason);
    return used;
  }

  /** The start of the epoch-aligned window of {@code size} that holds {@code timestampMs}. */
  static long windowStart(long timestampMs, Duration size) {
    long sizeMs = size.toMillis();
    return timestampMs - Math.floorMod(timestampMs, sizeMs);
  }

  /**
   * True when a window can take no more records: stream time has passed its end plus grace, the
   * rule Kafka's own windowed aggregations apply.
   */
  static boolean isClosed(long windowStartMs, Duration size, Duration grace, long streamTimeMs) {
    return windowStartMs + size.toMillis() + grace.toMillis() <= streamTimeMs;
  }
}
