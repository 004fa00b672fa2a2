package dev.newsmon.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class IngestMetricsTest {
  @Test
  void shouldRegisterTheCountersOfEveryConfiguredSourceAtZero() {
    MeterRegistry registry = new SimpleMeterRegistry();
    IngestConfig config =
        IngestConfig.builder()
            .feed(FeedConfig.of("https://news.example.org/rss", "wire"))
            .watchDir(Path.of("inbox"))
            .httpPort(0)
            .build();

    new IngestMetrics(registry).startAtZero(config);

    Set<String> series = new TreeSet<>();
    for (Meter m : registry.getMeters()) {
      assertThat(m.measure().iterator().next().getValue()).as(m.getId().toString()).isZero();
      String feed = m.getId().getTag("feed");
      String kind = m.getId().getTag("kind");
      String reason = m.getId().getTag("reason");
      series.add(m.getId().getName() + (feed == null ? "" : " " + feed));
      if (kind != null) {
        series.add("kind " + kind);
      }
      if (reason != null) {
        series.add(m.getId().getName() + " " + feed + " " + reason);
      }
    }
    assertThat(series)
        .containsExactlyInAnyOrder(
            "newsmon.ingest.fetches wire",
            "newsmon.ingest.fetches.not.modified wire",
            "newsmon.ingest.fetch.errors wire",
            "newsmon.ingest.bytes wire",
            "newsmon.ingest.items.new wire",
            "newsmon.ingest.items.duplicate wire",
            "newsmon.ingest.items.new files",
            "newsmon.ingest.items.duplicate files",
            "newsmon.ingest.items.new http",
            "newsmon.ingest.items.duplicate http",
            "newsmon.ingest.rejected wire",
            "newsmon.ingest.rejected wire malformed-feed",
            "newsmon.ingest.rejected wire doctype",
            "newsmon.ingest.rejected wire charset",
            "newsmon.ingest.rejected wire invalid-item",
            "newsmon.ingest.items.repaired wire",
            "newsmon.ingest.items.repaired wire empty-title",
            "newsmon.ingest.items.repaired wire date-fallback",
            "newsmon.ingest.items.repaired wire truncated",
            "newsmon.ingest.rejected files",
            "newsmon.ingest.rejected files invalid-json",
            "newsmon.ingest.rejected files invalid-article",
            "newsmon.ingest.rejected files invalid-encoding",
            "newsmon.ingest.rejected files invalid-html",
            "newsmon.ingest.rejected files unsupported-file",
            "newsmon.ingest.rejected files too-large",
            "newsmon.ingest.rejected files read-error",
            "newsmon.ingest.items.repaired files",
            "newsmon.ingest.items.repaired files truncated",
            "newsmon.ingest.rejected http",
            "newsmon.ingest.rejected http invalid-json",
            "newsmon.ingest.rejected http invalid-article",
            "newsmon.ingest.items.repaired http",
            "newsmon.ingest.items.repaired http truncated",
            "newsmon.ingest.publish.retries",
            "newsmon.ingest.publish.failures",
            "kind connect",
            "kind timeout",
            "kind http-status",
            "kind rate-limited",
            "kind too-large",
            "kind redirects",
            "kind scheme",
            "kind io",
            "kind parse",
            "kind full-text");
  }
}
