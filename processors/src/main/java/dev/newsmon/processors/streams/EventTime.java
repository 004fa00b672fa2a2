package dev.newsmon.processors.streams;

import dev.newsmon.schemas.Article;
import dev.newsmon.schemas.Mention;
import java.time.Duration;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.processor.TimestampExtractor;

/**
 * Event time is the article's {@code publishedAt}. Reads it from {@link Mention} and {@link
 * Article} values; anything else (such as the raw bytes on the articles source, where the value is
 * not parsed yet) keeps the record's own timestamp, or the partition time when that is invalid.
 */
public final class EventTime implements TimestampExtractor {

  @Override
  public long extract(ConsumerRecord<Object, Object> record, long partitionTime) {
    Object value = record.value();
    if (value instanceof Mention m) {
      return m.publishedAt().toEpochMilli();
    }
    if (value instanceof Article a) {
      return a.publishedAt().toEpochMilli();
    }
    long ts = record.timestamp();
    return ts >= 0 ? ts : Math.max(partitionTime, 0);
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
