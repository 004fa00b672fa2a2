package dev.newsmon.processors.streams;

import dev.newsmon.processors.streams.SpikeState.OpenWindow;
import dev.newsmon.schemas.Alert;
import dev.newsmon.schemas.AlertType;
import dev.newsmon.schemas.Mention;
import dev.newsmon.schemas.watchlist.Alerting;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Topology 3, spike alerts: {@code newsmon.mentions} (keyed by rule id, event time = the article's
 * {@code publishedAt}) in, {@link AlertType#SPIKE} {@link Alert}s out on {@code newsmon.alerts}
 * keyed by rule id.
 *
 * <p>Per rule, the {@code spike-state-WINDOW} store holds a {@link Baseline} of the closed windows
 * and the windows still open (at most {@code 1 + grace/window} of them). For each mention:
 *
 * <ol>
 *   <li>Open windows whose end plus grace has passed stream time are folded into the baseline, with
 *       the empty windows between them folded in as zeros.
 *   <li>A mention of a closed window is late: left out and counted in {@code
 *       newsmon.processors.late.records}. One within grace is counted in its own window, so the
 *       baseline gets the window's final count.
 *   <li>Only the latest open window can fire. Its threshold is {@code max(minCount, mean + zScore ×
 *       stdDev)} over the baseline with the earlier open windows (and the gaps) provisionally
 *       folded in; once {@code warmupWindows} windows of history exist and the running count
 *       reaches it, the alert goes out at once, mid-window, and the window is marked so it fires
 *       only once.
 * </ol>
 *
 * <p>History starts at a rule's first mention: windows before it are not data. {@code detectedAt}
 * is stream time (the latest event time seen by the task), not the wall clock, so a backtest or a
 * reprocessing run yields the same alerts; the alert id depends only on type, rule and window. The
 * alert's record timestamp is processing time, so topic retention is not measured from old event
 * times.
 */
public final class SpikeAlertsTopology {
  public static final String PROCESSOR = "detect-spikes";
  public static final String SINK = "spike-alerts-sink";

  /**
   * The spike state of alerting window {@code window}, such as {@code spike-state-pt1h}. Named
   * after the window, as the count stores are: the state holds window starts and counts of that
   * size, so a watchlist whose window changes starts a baseline of its own (warming up again)
   * instead of reading the old one's as windows of the new size.
   */
  public static String storeName(Duration window) {
    return ProcessorsTopology.perWindow("spike-state", window);
  }

  /** The {@code processor} tag of the mentions this topology counts late. */
  static final String LATE_TAG = "spikes";

  private SpikeAlertsTopology() {}

  public static Topology build(ProcessorsConfig config) {
    return build(config, ProcessorMetrics.detached());
  }

  public static Topology build(ProcessorsConfig config, ProcessorMetrics metrics) {
    return ProcessorsTopology.onMentions(
        config, metrics, topology -> addTo(topology, config, metrics));
  }

  /** Adds the spike processor, its store and its sink below the mentions source. */
  public static void addTo(Topology topology, ProcessorsConfig config, ProcessorMetrics metrics) {
    ProcessorsTopology.addBelowMentions(
        topology, PROCESSOR, new Supplier(config, metrics), SINK, config.topics().alerts());
  }

  private record Supplier(ProcessorsConfig config, ProcessorMetrics metrics)
      implements ProcessorSupplier<String, Mention, String, Alert> {
    @Override
    public Processor<String, Mention, String, Alert> get() {
      return new SpikeProcessor(config, metrics);
    }

    @Override
    public Set<StoreBuilder<?>> stores() {
      return Set.of(
          Stores.keyValueStoreBuilder(
                  Stores.persistentKeyValueStore(storeName(config.alerting().window())),
                  Serdes.String(),
                  new SpikeStateSerde())
              .withCachingEnabled()
              .withLoggingEnabled(ProcessorsTopology.CHANGELOG));
    }
  }

  private static final class SpikeProcessor implements Processor<String, Mention, String, Alert> {
    private static final Logger log = LoggerFactory.getLogger(SpikeProcessor.class);

    private final ProcessorMetrics metrics;
    private final Alerting defaults;
    private final Map<String, Alerting> byRule;
    private final Duration window;
    private final Duration grace;
    private final long windowMs;
    private final double decay;
    private ProcessorContext<String, Alert> context;
    private KeyValueStore<String, SpikeState> store;
    private final LateLog lateLog = new LateLog(log, "spike detection");

    SpikeProcessor(ProcessorsConfig config, ProcessorMetrics metrics) {
      this.metrics = metrics;
      this.defaults = config.alerting();
      this.byRule = config.alertingByRule();
      this.window = defaults.window();
      this.grace = defaults.grace();
      this.windowMs = window.toMillis();
      this.decay = Baseline.decay(defaults.halfLifeWindows());
    }

    @Override
    public void init(ProcessorContext<String, Alert> context) {
      this.context = context;
      this.store = context.getStateStore(storeName(window));
      context.schedule(LateLog.TICK, PunctuationType.WALL_CLOCK_TIME, lateLog::tick);
    }

    @Override
    public void close() {
      lateLog.flush();
    }

    @Override
    public void process(Record<String, Mention> record) {
      Mention mention = record.value();
      if (mention == null) {
        return; // logged and counted by the rule-counts processor, which sees it too
      }
      String ruleId = mention.ruleId();
      long streamTime = context.currentStreamTimeMs();
      SpikeState state = store.get(ruleId);
      state = closeExpired(state == null ? SpikeState.EMPTY : state, streamTime);

      long start = EventTime.windowStart(record.timestamp(), window);
      if (EventTime.isClosed(start, window, grace, streamTime)) {
        metrics.late(LATE_TAG, window);
        lateLog.late(
            context,
            "late mention of rule {} by article {} for window {} left out of spike detection"
                + " (stream time {}, grace {})",
            ruleId,
            mention.articleId(),
            Instant.ofEpochMilli(start),
            Instant.ofEpochMilli(streamTime),
            grace);
        store.put(ruleId, state);
        return;
      }

      Long next = state.nextWindow();
      if (next == null || (state.baseline().windows() == 0 && start < next)) {
        next = start;
      }
      List<OpenWindow> open = new ArrayList<>(state.open());
      int index = indexOf(open, start);
      if (index < 0) {
        index = -index - 1;
        open.add(index, new OpenWindow(start, 0, false, List.of()));
      }
      OpenWindow current =
          open.get(index).add(record.timestamp(), mention.articleId(), Alert.MAX_ARTICLE_IDS);
      // Any open window may fire, not only the newest: within grace an earlier window still takes
      // mentions (several partitions of ingest, several instances), and its baseline is the
      // windows before it.
      if (!current.fired()) {
        Alert alert = check(mention, state.baseline(), next, open.subList(0, index), current);
        if (alert != null) {
          current = current.markFired();
          context.forward(
              record.withKey(ruleId).withValue(alert).withTimestamp(context.currentSystemTimeMs()));
          metrics.alert(AlertType.SPIKE.name());
          log.info(
              "SPIKE for rule {} in window {}: {} mentions, threshold {}",
              ruleId,
              alert.windowStart(),
              alert.count(),
              alert.threshold());
        }
      }
      open.set(index, current);
      store.put(ruleId, new SpikeState(state.baseline(), next, open));
    }

    /** Folds the windows that closed by {@code streamTime} into the baseline. */
    private SpikeState closeExpired(SpikeState state, long streamTime) {
      Baseline baseline = state.baseline();
      Long next = state.nextWindow();
      List<OpenWindow> still = new ArrayList<>();
      for (OpenWindow w : state.open()) {
        if (EventTime.isClosed(w.start(), window, grace, streamTime)) {
          baseline =
              baseline.foldZeros((w.start() - next) / windowMs, decay).fold(w.count(), decay);
          next = w.start() + windowMs;
        } else {
          still.add(w);
        }
      }
      return still.size() == state.open().size() ? state : new SpikeState(baseline, next, still);
    }

    /** The alert for {@code current} if its running count has just reached the threshold. */
    private Alert check(
        Mention mention, Baseline closed, long next, List<OpenWindow> earlier, OpenWindow current) {
      Baseline b = closed;
      long n = next;
      for (OpenWindow w : earlier) {
        b = b.foldZeros((w.start() - n) / windowMs, decay).fold(w.count(), decay);
        n = w.start() + windowMs;
      }
      b = b.foldZeros((current.start() - n) / windowMs, decay);
      Alerting alerting = byRule.getOrDefault(mention.ruleId(), defaults);
      if (b.windows() < alerting.warmupWindows()) {
        return null;
      }
      double mean = b.mean();
      double stdDev = b.stdDev();
      double threshold = Math.max(alerting.minCount(), mean + alerting.zScore() * stdDev);
      if (current.count() < threshold) {
        return null;
      }
      double score = stdDev > 0 ? (current.count() - mean) / stdDev : current.count() - mean;
      Instant windowStart = Instant.ofEpochMilli(current.start());
      return new Alert(
          Alert.SCHEMA_VERSION,
          Alert.idFor(AlertType.SPIKE, mention.ruleId(), windowStart),
          AlertType.SPIKE,
          mention.ruleId(),
          mention.label(),
          mention.category(),
          mention.party(),
          windowStart,
          windowStart.plus(window),
          current.count(),
          mean,
          stdDev,
          threshold,
          score,
          current.earliest().stream().map(SpikeState.Seen::articleId).toList(),
          Instant.ofEpochMilli(context.currentStreamTimeMs()));
    }

    private static int indexOf(List<OpenWindow> open, long start) {
      for (int i = 0; i < open.size(); i++) {
        long s = open.get(i).start();
        if (s == start) {
          return i;
        }
        if (s > start) {
          return -i - 1;
        }
      }
      return -open.size() - 1;
    }
  }
}
