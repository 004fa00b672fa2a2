package dev.newsmon.processors.streams;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.slf4j.helpers.NOPLogger;

class LateLogTest {

  @Test
  void shouldLogTheFirstHundredOfAMinuteOneByOneAndSumUpTheRest() {
    LateLog log = new LateLog(NOPLogger.NOP_LOGGER, "the counts");
    long t0 = 1_000_000L;

    for (int i = 0; i < LateLog.PER_MINUTE + 50; i++) {
      log.late(t0 + i, "mentions-0@" + i, "late {}", i);
    }
    assertThat(log.suppressed()).isEqualTo(50);

    // a new minute: the summary goes out and the budget is whole again
    log.late(t0 + 60_000, "mentions-0@500", "late {}", 500);
    assertThat(log.suppressed()).isZero();
    for (int i = 0; i < LateLog.PER_MINUTE - 1; i++) {
      log.late(t0 + 60_001 + i, "mentions-0@" + (501 + i), "late {}", i);
    }
    assertThat(log.suppressed()).isZero();
    log.late(t0 + 61_000, "mentions-0@700", "late {}", 700);
    assertThat(log.suppressed()).isEqualTo(1);
    log.flush();
    assertThat(log.suppressed()).isZero();
  }
}
