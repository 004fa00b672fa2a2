package dev.newsmon.app;

import dev.newsmon.ingest.FetchConfig;
import dev.newsmon.ingest.IngestConfig;
import java.time.Duration;
import picocli.CommandLine.Option;

/** How often ingest polls feeds and how long it remembers what it published: ingest's and run's. */
final class IngestTimingOptions {

  @Option(
      names = "--interval",
      paramLabel = "DURATION",
      description = "Default time between polls of a feed, e.g. 15m (default: 15m).")
  Duration interval;

  @Option(
      names = "--dedup-window",
      paramLabel = "DURATION",
      description = {
        "How long a published feed item is remembered so as not to publish it again, e.g. 7d"
            + " (default: 30d).",
        "Longer than the seen topic's retention.ms forgets early after a restart."
      })
  Duration dedupWindow;

  /** Whether either option was given. */
  boolean given() {
    return interval != null || dedupWindow != null;
  }

  /** Sets the fetch defaults and dedup window on {@code b}. */
  IngestConfig.Builder applyTo(IngestConfig.Builder b) {
    FetchConfig fetch = FetchConfig.defaults();
    if (interval != null) {
      fetch = fetch.withDefaultInterval(interval);
    }
    b.fetch(fetch);
    if (dedupWindow != null) {
      b.dedupWindow(dedupWindow);
    }
    return b;
  }
}
