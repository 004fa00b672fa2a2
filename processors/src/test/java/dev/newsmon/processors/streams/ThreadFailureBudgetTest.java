package dev.newsmon.processors.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ThreadFailureBudgetTest {
  private static final Duration WINDOW = Duration.ofMinutes(10);

  // a nanoTime that starts far from zero and may be negative, as System.nanoTime may
  private long now = Long.MIN_VALUE / 2;

  private final ThreadFailureBudget budget = new ThreadFailureBudget(3, WINDOW, () -> now);

  private boolean failAt(Duration sinceStart) {
    now = Long.MIN_VALUE / 2 + sinceStart.toNanos();
    return budget.spend();
  }

  @Test
  void shouldReplaceUpToTheBudgetAndShutDownOnTheNextFailureWithinTheWindow() {
    assertThat(failAt(Duration.ZERO)).isTrue();
    assertThat(failAt(Duration.ofSeconds(45))).isTrue();
    assertThat(failAt(Duration.ofSeconds(90))).isTrue();
    assertThat(budget.recent()).isEqualTo(3);

    // the fourth, a moment before the first leaves the window
    assertThat(failAt(WINDOW.minusNanos(1))).isFalse();
    assertThat(budget.recent()).isEqualTo(4);
  }

  @Test
  void shouldShutDownAtOnceWhenFailuresComeTogether() {
    for (int i = 0; i < 3; i++) {
      assertThat(failAt(Duration.ofSeconds(5))).as("failure %d", i + 1).isTrue();
    }
    assertThat(failAt(Duration.ofSeconds(5))).isFalse();
  }

  @Test
  void shouldKeepReplacingFailuresSpreadWiderThanTheWindow() {
    // one every 3m20s: three in any ten minutes, never four
    Duration every = WINDOW.dividedBy(3);
    for (int i = 0; i < 100; i++) {
      assertThat(failAt(every.multipliedBy(i))).as("failure %d", i + 1).isTrue();
      assertThat(budget.recent()).isLessThanOrEqualTo(3);
    }
  }

  @Test
  void shouldForgetAFailureExactlyOneWindowOld() {
    failAt(Duration.ZERO);
    failAt(Duration.ofMinutes(1));
    failAt(Duration.ofMinutes(2));

    assertThat(failAt(WINDOW)).isTrue();
    assertThat(budget.recent()).isEqualTo(3);
    assertThat(failAt(WINDOW.plusMinutes(1))).isTrue();
    assertThat(failAt(WINDOW.plusMinutes(1).plusSeconds(30))).isFalse();
  }

  @Test
  void shouldRefuseAnEmptyBudget() {
    assertThatThrownBy(() -> new ThreadFailureBudget(0, WINDOW))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("maxFailures");
    assertThatThrownBy(() -> new ThreadFailureBudget(1, Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("window");
  }

  @Test
  void shouldTakeAWindowTooLongForNanosecondsAsOneThatNeverForgets() {
    ThreadFailureBudget budget = new ThreadFailureBudget(1, Duration.ofDays(365L * 1000), () -> 0L);

    assertThat(budget.spend()).isTrue();
    assertThat(budget.spend()).isFalse();
  }
}
