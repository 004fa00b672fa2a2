package dev.newsmon.processors.web;

import static dev.newsmon.processors.web.DashboardFixtures.HOUR;
import static dev.newsmon.processors.web.DashboardFixtures.T0;
import static dev.newsmon.processors.web.DashboardFixtures.count;
import static org.assertj.core.api.Assertions.assertThat;

import dev.newsmon.schemas.Alert;
import dev.newsmon.schemas.AlertType;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DashboardDataTest {
  private static final Duration HALF_HOUR = Duration.ofMinutes(30);

  private static DashboardData data(int alerts) {
    return new DashboardData(
        new DashboardData.Limits(alerts, 2, 4, 100), new SimpleMeterRegistry());
  }

  private static Alert alert(AlertType type, String ruleId, Instant windowStart, Instant detected) {
    return DashboardFixtures.alert(type, ruleId, windowStart, 6, List.of("a1"), detected);
  }

  /** Eight spikes of one rule, as one partition holds them: detected 10 minutes into each hour. */
  private static List<Alert> partition(String ruleId, Duration offset) {
    List<Alert> out = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      Instant start = T0.plus(HOUR.multipliedBy(i)).plus(offset);
      out.add(alert(AlertType.SPIKE, ruleId, start, start.plusSeconds(600)));
    }
    return out;
  }

  private static List<String> ids(List<Alert> alerts) {
    return alerts.stream().map(Alert::alertId).toList();
  }

  @Test
  void shouldKeepTheNewestAlertsByDetectedAtWhenPartitionsArriveOneAfterAnother() {
    List<Alert> a = partition("ceasefire.30-day", Duration.ZERO);
    List<Alert> b = partition("demand.halt-arms-deliveries", HALF_HOUR);
    DashboardData aFirst = data(5);
    a.forEach(aFirst::accept);
    b.forEach(aFirst::accept);
    DashboardData bFirst = data(5);
    b.forEach(bFirst::accept);
    a.forEach(bFirst::accept);

    List<String> newest = ids(List.of(b.get(7), a.get(7), b.get(6), a.get(6), b.get(5)));
    assertThat(ids(aFirst.alerts(10))).isEqualTo(newest);
    assertThat(ids(bFirst.alerts(10)))
        .as("the same, whichever partition came first")
        .isEqualTo(newest);
    assertThat(ids(aFirst.alerts(2))).isEqualTo(newest.subList(0, 2));
    assertThat(ids(aFirst.alertsOldestFirst()))
        .isEqualTo(ids(List.of(b.get(5), a.get(6), b.get(6), a.get(7), b.get(7))));
  }

  @Test
  void shouldBreakTiesOnDetectedAtByWindowStartThenAlertId() {
    Instant detected = T0.plus(HOUR.multipliedBy(3));
    Alert earlierWindow = alert(AlertType.SPIKE, "ceasefire.30-day", T0, detected);
    Alert spike = alert(AlertType.SPIKE, "ceasefire.30-day", T0.plus(HOUR), detected);
    Alert first = alert(AlertType.FIRST_MENTION, "ceasefire.30-day", T0.plus(HOUR), detected);
    boolean spikeIdHigher = spike.alertId().compareTo(first.alertId()) > 0;
    Alert higherId = spikeIdHigher ? spike : first;
    Alert lowerId = spikeIdHigher ? first : spike;
    DashboardData data = data(5);
    // arriving oldest last, so arrival order would list them the other way round
    data.accept(higherId);
    data.accept(lowerId);
    data.accept(earlierWindow);

    assertThat(ids(data.alerts(10))).isEqualTo(ids(List.of(higherId, lowerId, earlierWindow)));
  }

  @Test
  void shouldTellListenersOfAlertsKeptOnceAndInArrivalOrder() {
    DashboardData data = data(2);
    List<String> heard = new ArrayList<>();
    data.addAlertListener(a -> heard.add(a.alertId()));
    List<Alert> p = partition("ceasefire.30-day", Duration.ZERO);

    data.accept(p.get(5));
    data.accept(p.get(3));
    data.accept(p.get(3)); // already held
    data.accept(p.get(6)); // evicts p3
    data.accept(p.get(1)); // older than the full buffer: not kept
    data.accept(p.get(3)); // evicted before, evicted again

    assertThat(heard).isEqualTo(ids(List.of(p.get(5), p.get(3), p.get(6))));
    assertThat(ids(data.alerts(10))).isEqualTo(ids(List.of(p.get(6), p.get(5))));
  }

  @Test
  void shouldKeepTheLastCountReadEvenWhenItsUpdatedAtIsOlder() {
    DashboardData data = data(5);
    data.accept(count("ceasefire.30-day", T0, 4, T0.plusSeconds(100)));
    // the task moved to an instance whose clock is a minute behind
    data.accept(count("ceasefire.30-day", T0, 6, T0.plusSeconds(40)));

    assertThat(data.counts("ceasefire.30-day", HOUR, T0, T0.plus(HOUR)))
        .singleElement()
        .satisfies(c -> assertThat(c.mentions()).isEqualTo(6));
  }
}
