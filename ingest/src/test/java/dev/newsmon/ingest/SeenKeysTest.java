package dev.newsmon.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class SeenKeysTest {
  private static final Instant START = Instant.parse("2025-03-18T14:00:00Z");

  @Test
  void shouldClaimAnItemOnceWhileAnyOfItsKeysIsRemembered() {
    SeenKeys seen = new SeenKeys(Duration.ofDays(30), new StepClock(START));

    assertThat(seen.claim(List.of("guid-1", "https://example.org/a"))).isTrue();
    assertThat(seen.claim(List.of("guid-1"))).isFalse();
    assertThat(seen.claim(List.of("guid-2", "https://example.org/a"))).isFalse();
    assertThat(seen.contains("guid-2")).as("a refused claim marks nothing").isFalse();
    assertThat(seen.size()).isEqualTo(2);
  }

  @Test
  void shouldForgetKeysAWindowAfterTheyWerePublished() {
    StepClock clock = new StepClock(START);
    SeenKeys seen = new SeenKeys(Duration.ofDays(30), clock);
    seen.claim(List.of("old"));
    clock.advance(Duration.ofDays(20));
    seen.claim(List.of("newer"));

    clock.advance(Duration.ofDays(10).minusMillis(1));
    assertThat(seen.contains("old")).as("one millisecond inside the window").isTrue();

    clock.advance(Duration.ofMillis(1));
    assertThat(seen.contains("old")).isFalse();
    assertThat(seen.contains("newer")).isTrue();
    assertThat(seen.size()).isEqualTo(1);
    assertThat(seen.claim(List.of("old"))).as("published once more").isTrue();
  }

  @Test
  void shouldHoldNoMoreThanAWindowOfKeysHoweverLongItRuns() {
    StepClock clock = new StepClock(START);
    SeenKeys seen = new SeenKeys(Duration.ofHours(1), clock);
    for (int i = 0; i < 10_000; i++) {
      assertThat(seen.claim(List.of("item-" + i))).isTrue();
      clock.advance(Duration.ofMinutes(1));
    }

    assertThat(seen.size()).isBetween(60, 61);
  }

  /** A clock that moves only when told. */
  static final class StepClock extends Clock {
    private Instant now;

    StepClock(Instant now) {
      this.now = now;
    }

    void advance(Duration by) {
      now = now.plus(by);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }
}
