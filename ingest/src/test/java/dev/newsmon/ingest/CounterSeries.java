package dev.newsmon.ingest;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import java.util.Set;
import java.util.TreeSet;

/**
 * The counter series of an ingest, as name and tags: taken before it starts and again after it has
 * counted, they must be equal, or a counter was born at 1 and Prometheus' {@code increase()} misses
 * its first count.
 */
final class CounterSeries {
  private CounterSeries() {}

  static Set<String> of(Ingest ingest) {
    Set<String> series = new TreeSet<>();
    for (Meter m : ingest.registry().getMeters()) {
      if (m instanceof Counter) {
        series.add(m.getId().getName() + " " + m.getId().getTags());
      }
    }
    return series;
  }
}
