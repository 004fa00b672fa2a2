package dev.newsmon.processors.streams;

import static dev.newsmon.processors.streams.Fixtures.mention;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

class EventTimeTest {
  private static final Instant RECEIVED = Instant.parse("2026-11-22T10:00:00Z");

  private final ProcessorMetrics metrics = ProcessorMetrics.detached();
  private final EventTime eventTime = new EventTime(metrics);

  private long extract(Object value, long timestamp) {
    ConsumerRecord<Object, Object> record =
        new ConsumerRecord<>(
            "newsmon.mentions",
            2,
            41L,
            timestamp,
            TimestampType.CREATE_TIME,
            -1,
            -1,
            "rule",
            value,
            new RecordHeaders(),
            Optional.empty());
    return eventTime.extract(record, 5L);
  }

  private long extract(Instant published) {
    return extract(mention("rule", "a", published), RECEIVED.toEpochMilli());
  }

  @Test
  void shouldTakePublishedAtUpToTheToleranceAheadOfWhenTheArticleReachedKafka() {
    Instant earlier = RECEIVED.minus(Duration.ofDays(400));
    Instant justAhead = RECEIVED.plus(EventTime.AHEAD_TOLERANCE);

    assertThat(extract(earlier)).isEqualTo(earlier.toEpochMilli());
    assertThat(extract(justAhead)).isEqualTo(justAhead.toEpochMilli());
    assertThat(metrics.count(ProcessorMetrics.EVENT_TIME_REPLACED)).isZero();
  }

  @Test
  void shouldReplaceAPublishedAtBeyondTheToleranceOrBefore1970AndCountWhy() {
    Instant tooFar = RECEIVED.plus(EventTime.AHEAD_TOLERANCE).plusMillis(1);

    assertThat(extract(tooFar)).isEqualTo(RECEIVED.toEpochMilli());
    assertThat(extract(Instant.EPOCH.minusMillis(1))).isEqualTo(RECEIVED.toEpochMilli());
    assertThat(extract(Instant.EPOCH)).isZero();
    assertThat(metrics.count(ProcessorMetrics.EVENT_TIME_REPLACED, "reason", EventTime.AHEAD))
        .isEqualTo(1);
    assertThat(metrics.count(ProcessorMetrics.EVENT_TIME_REPLACED, "reason", EventTime.BEFORE_1970))
        .isEqualTo(1);
  }

  @Test
  void shouldKeepTheRecordsTimestampForValuesThatAreNotParsedAndThePartitionTimeWhenItIsInvalid() {
    assertThat(extract(new byte[] {1}, RECEIVED.toEpochMilli())).isEqualTo(RECEIVED.toEpochMilli());
    assertThat(extract(new byte[] {1}, -1L)).isEqualTo(5L);
    // an undated mention with no valid record timestamp either: the partition's time
    assertThat(extract(mention("rule", "a", Instant.parse("0001-01-01T00:00:00Z")), -1L))
        .isEqualTo(5L);
  }
}
