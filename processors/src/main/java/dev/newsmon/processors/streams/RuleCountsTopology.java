package dev.newsmon.processors.streams;

import dev.newsmon.schemas.Mention;
import dev.newsmon.schemas.RuleCount;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Topology 2, rule counts for dashboards: {@code newsmon.mentions} (keyed by rule id) in, {@link
 * RuleCount}s out on the compacted {@code newsmon.rule-counts}, keyed by {@link RuleCount#key}.
 *
 * <p>For every configured window size (the alerting window, and by default one minute and one day)
 * a window store {@code rule-counts-<size>} holds mentions and distinct articles per rule and
 * event-time window. A mention whose window closed (end plus grace before stream time) is left out
 * of that view and counted as late. Distinct articles are exact within the retention of {@code
 * rule-article-seen}, which remembers which article each rule has seen when.
 *
 * <p><b>Emitted on a wall-clock punctuation, not per mention.</b> Each mention updates every view
 * and records the new counts in {@code rule-counts-pending}; every {@link
 * ProcessorsConfig#countsEmitInterval} the pending counts are forwarded, one record per changed
 * rule and window, and cleared. A burst of mentions of one rule thus costs one record per view per
 * interval instead of one per mention and view, and the topic still holds the latest value of every
 * window within one interval. The pending store has a changelog like the others, so counts updated
 * in a committed transaction but not yet emitted survive a crash and go out after the restart.
 *
 * <p>Mentions are already partitioned by rule id, so there is no repartition topic; every store has
 * a changelog, so any instance can take over a rule.
 */
public final class RuleCountsTopology {
  public static final String PROCESSOR = "count-rule-mentions";
  public static final String SINK = "rule-counts-sink";
  public static final String SEEN_STORE = "rule-article-seen";
  public static final String PENDING_STORE = "rule-counts-pending";

  /** The {@code processor} tag of the mentions this topology counts late. */
  static final String LATE_TAG = "rule-counts";

  private RuleCountsTopology() {}

  /** The name of the count store for one window size, such as {@code rule-counts-pt1h}. */
  public static String storeName(Duration window) {
    return ProcessorsTopology.perWindow("rule-counts", window);
  }

  /** This topology alone: a mentions source, the counting processor and its sink. */
  public static Topology build(ProcessorsConfig config) {
    return build(config, ProcessorMetrics.detached());
  }

  public static Topology build(ProcessorsConfig config, ProcessorMetrics metrics) {
    return ProcessorsTopology.onMentions(
        config, metrics, topology -> addTo(topology, config, metrics));
  }

  /** Adds the counting processor, its stores and its sink below the mentions source. */
  public static void addTo(Topology topology, ProcessorsConfig config, ProcessorMetrics metrics) {
    ProcessorsTopology.addBelowMentions(
        topology, PROCESSOR, new Supplier(config, metrics), SINK, config.topics().ruleCounts());
  }

  private record Supplier(ProcessorsConfig config, ProcessorMetrics metrics)
      implements ProcessorSupplier<String, Mention, String, RuleCount> {

    @Override
    public Processor<String, Mention, String, RuleCount> get() {
      return new CountProcessor(config, metrics);
    }

    @Override
    public Set<StoreBuilder<?>> stores() {
      Set<StoreBuilder<?>> stores = new java.util.LinkedHashSet<>();
      Duration seenRetention =
          config.largestCountWindow().multipliedBy(2).plus(config.alerting().grace());
      stores.add(
          Stores.windowStoreBuilder(
                  Stores.persistentWindowStore(
                      SEEN_STORE, seenRetention, Duration.ofMillis(1), false),
                  Serdes.String(),
                  Serdes.Long())
              .withCachingEnabled()
              .withLoggingEnabled(ProcessorsTopology.CHANGELOG));
      for (Duration window : config.countWindows()) {
        stores.add(
            Stores.windowStoreBuilder(
                    Stores.persistentWindowStore(
                        storeName(window), config.countsRetention(), window, false),
                    Serdes.String(),
                    WindowCount.serde())
                .withCachingEnabled()
                .withLoggingEnabled(ProcessorsTopology.CHANGELOG));
      }
      // Small (changed windows of one interval) and rewritten all the time: kept in memory,
      // restored from its changelog.
      stores.add(
          Stores.keyValueStoreBuilder(
                  Stores.inMemoryKeyValueStore(PENDING_STORE),
                  PendingCount.serde(),
                  WindowCount.serde())
              .withCachingEnabled()
              .withLoggingEnabled(ProcessorsTopology.CHANGELOG));
      return stores;
    }
  }

  /** A rule's window of one view whose new counts are not emitted yet. */
  record PendingCount(long windowMs, long startMs, String ruleId) {

    /** Window size, start, then rule id in UTF-8: compact, and ordered by view and time. */
    static Serde<PendingCount> serde() {
      Serializer<PendingCount> ser =
          (topic, p) -> {
            if (p == null) {
              return null;
            }
            byte[] rule = p.ruleId.getBytes(StandardCharsets.UTF_8);
            return ByteBuffer.allocate(16 + rule.length)
                .putLong(p.windowMs)
                .putLong(p.startMs)
                .put(rule)
                .array();
          };
      Deserializer<PendingCount> de =
          (topic, bytes) -> {
            if (bytes == null) {
              return null;
            }
            ByteBuffer b = ByteBuffer.wrap(bytes);
            long window = b.getLong();
            long start = b.getLong();
            return new PendingCount(
                window, start, new String(bytes, 16, bytes.length - 16, StandardCharsets.UTF_8));
          };
      return Serdes.serdeFrom(ser, de);
    }
  }

  private static final class CountProcessor
      implements Processor<String, Mention, String, RuleCount> {
    private static final Logger log = LoggerFactory.getLogger(CountProcessor.class);

    private final ProcessorsConfig config;
    private final ProcessorMetrics metrics;
    private final List<Duration> windows;
    private final Duration largest;
    private ProcessorContext<String, RuleCount> context;
    private final LateLog lateLog = new LateLog(log, "the counts");
    private WindowStore<String, Long> seen;
    private KeyValueStore<PendingCount, WindowCount> pending;
    private final List<WindowStore<String, WindowCount>> counts = new ArrayList<>();

    CountProcessor(ProcessorsConfig config, ProcessorMetrics metrics) {
      this.config = config;
      this.metrics = metrics;
      this.windows = config.countWindows();
      this.largest = config.largestCountWindow();
    }

    @Override
    public void init(ProcessorContext<String, RuleCount> context) {
      this.context = context;
      this.seen = context.getStateStore(SEEN_STORE);
      this.pending = context.getStateStore(PENDING_STORE);
      for (Duration window : windows) {
        counts.add(context.getStateStore(storeName(window)));
      }
      context.schedule(
          config.countsEmitInterval(), PunctuationType.WALL_CLOCK_TIME, this::emitPending);
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
        // logged and counted here only: the spike and first-mention processors see the same record
        String topic = context.recordMetadata().map(m -> m.topic()).orElse("(unknown)");
        log.warn(
            "skipped a mention without a value (a tombstone) at {}",
            ProcessorsTopology.position(context));
        metrics.skipped(topic);
        return;
      }
      String ruleId = mention.ruleId();
      long ts = record.timestamp();
      long streamTime = context.currentStreamTimeMs();
      Duration grace = config.alerting().grace();
      String seenKey = ruleId + '\u0000' + mention.articleId();
      List<Long> seenAt = new ArrayList<>();
      try (WindowStoreIterator<Long> it =
          seen.fetch(seenKey, ts - largest.toMillis(), ts + largest.toMillis())) {
        it.forEachRemaining(kv -> seenAt.add(kv.key));
      }
      boolean counted = false;
      List<Duration> late = new ArrayList<>();
      for (int i = 0; i < windows.size(); i++) {
        Duration window = windows.get(i);
        long start = EventTime.windowStart(ts, window);
        if (EventTime.isClosed(start, window, grace, streamTime)) {
          metrics.late(LATE_TAG, window);
          late.add(window);
          continue;
        }
        boolean newArticle =
            seenAt.stream().noneMatch(t -> EventTime.windowStart(t, window) == start);
        WindowStore<String, WindowCount> store = counts.get(i);
        WindowCount before = store.fetch(ruleId, start);
        WindowCount after = (before == null ? WindowCount.ZERO : before).add(newArticle);
        store.put(ruleId, after, start);
        pending.put(new PendingCount(window.toMillis(), start, ruleId), after);
        counted = true;
      }
      if (counted && !seenAt.contains(ts)) {
        seen.put(seenKey, ts, ts);
      }
      if (!late.isEmpty()) {
        lateLog.late(
            context,
            "late mention of rule {} by article {} at {} left out of the {} counts: their windows"
                + " closed (stream time {}, grace {})",
            ruleId,
            mention.articleId(),
            Instant.ofEpochMilli(ts),
            late,
            Instant.ofEpochMilli(streamTime),
            grace);
      }
    }

    /**
     * Forwards the latest counts of every window changed since the last call, then forgets them.
     */
    private void emitPending(long now) {
      List<PendingCount> emitted = new ArrayList<>();
      try (KeyValueIterator<PendingCount, WindowCount> it = pending.all()) {
        while (it.hasNext()) {
          KeyValue<PendingCount, WindowCount> kv = it.next();
          PendingCount p = kv.key;
          RuleCount count =
              new RuleCount(
                  RuleCount.SCHEMA_VERSION,
                  p.ruleId(),
                  Duration.ofMillis(p.windowMs()),
                  Instant.ofEpochMilli(p.startMs()),
                  Instant.ofEpochMilli(p.startMs() + p.windowMs()),
                  kv.value.mentions(),
                  kv.value.articles(),
                  Instant.ofEpochMilli(now));
          context.forward(new Record<>(count.key(), count, now));
          emitted.add(p);
        }
      }
      emitted.forEach(pending::delete);
    }
  }
}
