package dev.newsmon.schemas;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Headers on {@code newsmon.articles.rejected}: why a payload was rejected and where it came from.
 * The value of a dead letter is the raw payload, capped at {@value #MAX_PAYLOAD_BYTES} bytes.
 */
public final class DeadLetters {
  public static final String REASON = "newsmon.reason";
  public static final String STAGE = "newsmon.stage";
  public static final String SOURCE = "newsmon.source";
  public static final String POSITION = "newsmon.position";
  public static final String SOURCE_TOPIC = "newsmon.source.topic";
  public static final String SOURCE_PARTITION = "newsmon.source.partition";
  public static final String SOURCE_OFFSET = "newsmon.source.offset";
  public static final String REJECTED_AT = "newsmon.rejected.at";
  public static final String TRUNCATED = "newsmon.payload.truncated";

  public static final int MAX_PAYLOAD_BYTES = 512 * 1024;

  private DeadLetters() {}

  /**
   * Headers for a payload rejected before it reached Kafka.
   *
   * @param source where it came from: a feed URL, a file, {@code http} or {@code stdin}
   * @param position where in the source: an item index, a line number, a byte offset
   */
  public static Headers ingestHeaders(String source, String position, String reason) {
    Headers headers = new RecordHeaders();
    add(headers, STAGE, "ingest");
    add(headers, SOURCE, source);
    add(headers, POSITION, position);
    add(headers, REASON, reason);
    add(headers, REJECTED_AT, Instant.now().toString());
    return headers;
  }

  /** Headers for a record read from {@code topic} that a processor could not use. */
  public static Headers processorHeaders(String topic, int partition, long offset, String reason) {
    Headers headers = new RecordHeaders();
    add(headers, STAGE, "processors");
    add(headers, SOURCE_TOPIC, topic);
    add(headers, SOURCE_PARTITION, Integer.toString(partition));
    add(headers, SOURCE_OFFSET, Long.toString(offset));
    add(headers, REASON, reason);
    add(headers, REJECTED_AT, Instant.now().toString());
    return headers;
  }

  /** The payload as stored: cut to {@value #MAX_PAYLOAD_BYTES} bytes, flagged when cut. */
  public static byte[] cap(byte[] payload, Headers headers) {
    if (payload == null || payload.length <= MAX_PAYLOAD_BYTES) {
      return payload;
    }
    add(headers, TRUNCATED, Integer.toString(payload.length));
    return Arrays.copyOf(payload, MAX_PAYLOAD_BYTES);
  }

  /** The text of a header, or null. */
  public static String header(Headers headers, String key) {
    var header = headers.lastHeader(key);
    return header == null || header.value() == null
        ? null
        : new String(header.value(), StandardCharsets.UTF_8);
  }

  private static void add(Headers headers, String key, String value) {
    if (value != null) {
      headers.add(key, value.getBytes(StandardCharsets.UTF_8));
    }
  }
}
