package dev.newsmon.processors.streams;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.junit.jupiter.api.Test;
import org.slf4j.helpers.NOPLogger;

class LateLogTest {
  private final MockProcessorContext<Object, Object> context = new MockProcessorContext<>();

  /** One late record at wall clock {@code nowMs} and offset {@code offset} of mentions-0. */
  private void late(LateLog log, long nowMs, long offset) {
    context.setCurrentSystemTimeMs(nowMs);
    context.setRecordMetadata("mentions", 0, offset);
    log.late(context, "late {}", offset);
  }

  @Test
  void shouldLogTheFirstHundredOfAMinuteOneByOneAndSumUpTheRest() {
    LateLog log = new LateLog(NOPLogger.NOP_LOGGER, "the counts");
    long t0 = 1_000_000L;

    for (int i = 0; i < LateLog.PER_MINUTE + 50; i++) {
      late(log, t0 + i, i);
    }
    assertThat(log.suppressed()).isEqualTo(50);

    // a new minute: the summary goes out and the budget is whole again
    late(log, t0 + 60_000, 500);
    assertThat(log.suppressed()).isZero();
    for (int i = 0; i < LateLog.PER_MINUTE - 1; i++) {
      late(log, t0 + 60_001 + i, 501 + i);
    }
    assertThat(log.suppressed()).isZero();
    late(log, t0 + 61_000, 700);
    assertThat(log.suppressed()).isEqualTo(1);
    log.flush();
    assertThat(log.suppressed()).isZero();
  }

  @Test
  void shouldSumUpAMinuteWhenTheClockTicksWithoutAnotherLateMention() {
    LateLog log = new LateLog(NOPLogger.NOP_LOGGER, "the counts");
    long t0 = 1_000_000L;
    for (int i = 0; i < LateLog.PER_MINUTE + 5; i++) {
      late(log, t0 + i, i);
    }

    log.tick(t0 + 59_999);
    assertThat(log.suppressed()).as("the minute is not over").isEqualTo(5);
    log.tick(t0 + 60_000);
    assertThat(log.suppressed()).isZero();
    // and the next minute's budget is whole
    for (int i = 0; i < LateLog.PER_MINUTE; i++) {
      late(log, t0 + 60_001 + i, 200 + i);
    }
    assertThat(log.suppressed()).isZero();
  }
}
