package dev.newsmon.processors.streams;

import dev.newsmon.schemas.Alert;
import dev.newsmon.schemas.AlertType;
import dev.newsmon.schemas.Mention;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.Topology;
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
 * Topology 4, first-mention alerts: {@code newsmon.mentions} in, one {@link
 * AlertType#FIRST_MENTION} {@link Alert} per rule ever out on {@code newsmon.alerts}.
 *
 * <p>The {@code first-mention-seen} store remembers, per rule, the event time of the mention that
 * fired; it has a changelog, so the flag survives restarts and moves with the rule's partition.
 * "First" is the first mention processed, not the earliest published: the alert cannot wait for
 * older articles that may never come. Its window is the alerting window holding that mention, which
 * fixes the alert id.
 */
public final class FirstMentionTopology {
  public static final String PROCESSOR = "detect-first-mentions";
  public static final String SINK = "first-mention-alerts-sink";
  public static final String STORE = "first-mention-seen";

  private FirstMentionTopology() {}

  public static Topology build(ProcessorsConfig config) {
    return build(config, ProcessorMetrics.detached());
  }

  public static Topology build(ProcessorsConfig config, ProcessorMetrics metrics) {
    return ProcessorsTopology.onMentions(
        config, metrics, topology -> addTo(topology, config, metrics));
  }

  /** Adds the first-mention processor, its store and its sink below the mentions source. */
  public static void addTo(Topology topology, ProcessorsConfig config, ProcessorMetrics metrics) {
    ProcessorsTopology.addBelowMentions(
        topology,
        PROCESSOR,
        new Supplier(config.alerting().window(), metrics),
        SINK,
        config.topics().alerts());
  }

  private record Supplier(Duration window, ProcessorMetrics metrics)
      implements ProcessorSupplier<String, Mention, String, Alert> {
    @Override
    public Processor<String, Mention, String, Alert> get() {
      return new FirstMentionProcessor(window, metrics);
    }

    @Override
    public Set<StoreBuilder<?>> stores() {
      return Set.of(
          Stores.keyValueStoreBuilder(
                  Stores.persistentKeyValueStore(STORE), Serdes.String(), Serdes.Long())
              .withCachingEnabled()
              .withLoggingEnabled(ProcessorsTopology.CHANGELOG));
    }
  }

  private static final class FirstMentionProcessor
      implements Processor<String, Mention, String, Alert> {
    private static final Logger log = LoggerFactory.getLogger(FirstMentionProcessor.class);

    private final Duration window;
    private final ProcessorMetrics metrics;
    private ProcessorContext<String, Alert> context;
    private KeyValueStore<String, Long> seen;

    FirstMentionProcessor(Duration window, ProcessorMetrics metrics) {
      this.window = window;
      this.metrics = metrics;
    }

    @Override
    public void init(ProcessorContext<String, Alert> context) {
      this.context = context;
      this.seen = context.getStateStore(STORE);
    }

    @Override
    public void process(Record<String, Mention> record) {
      Mention mention = record.value();
      // a mention without a value is logged and counted by the rule-counts processor
      if (mention == null || seen.get(mention.ruleId()) != null) {
        return;
      }
      seen.put(mention.ruleId(), record.timestamp());
      Instant start = Instant.ofEpochMilli(EventTime.windowStart(record.timestamp(), window));
      Alert alert =
          new Alert(
              Alert.SCHEMA_VERSION,
              Alert.idFor(AlertType.FIRST_MENTION, mention.ruleId(), start),
              AlertType.FIRST_MENTION,
              mention.ruleId(),
              mention.label(),
              mention.category(),
              mention.party(),
              start,
              start.plus(window),
              1,
              0,
              0,
              1,
              0,
              List.of(mention.articleId()),
              Instant.ofEpochMilli(context.currentStreamTimeMs()));
      context.forward(
          record
              .withKey(mention.ruleId())
              .withValue(alert)
              .withTimestamp(context.currentSystemTimeMs()));
      metrics.alert(AlertType.FIRST_MENTION.name());
      log.info("FIRST_MENTION of rule {} by article {}", mention.ruleId(), mention.articleId());
    }
  }
}
