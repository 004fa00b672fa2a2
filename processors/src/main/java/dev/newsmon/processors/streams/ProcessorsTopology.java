package dev.newsmon.processors.streams;

import dev.newsmon.processors.match.ArticleMatcher;
import dev.newsmon.schemas.Mention;
import dev.newsmon.schemas.Topic;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.streams.AutoOffsetReset;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;

/**
 * All four topologies composed into the one {@link Topology} that {@link ProcessorsApp} runs:
 * articles → {@link MentionsTopology} → {@code newsmon.mentions} → {@link RuleCountsTopology},
 * {@link SpikeAlertsTopology} and {@link FirstMentionTopology}, which share one mentions source.
 *
 * <p>Kafka Streams splits this into two sub-topologies at the mentions topic (the matcher, keyed by
 * article; the rule-keyed stateful part), so each scales over its own topic's partitions while one
 * application id, consumer group and set of transactional producers covers everything.
 */
public final class ProcessorsTopology {
  /** The source of {@code newsmon.mentions} that topologies 2 to 4 hang from. */
  public static final String MENTIONS_SOURCE = "mentions-source";

  /**
   * Topic settings of every store's changelog. The broker stamps each record with the time it
   * appended it, not the event time of the window it belongs to: a window changelog is {@code
   * compact,delete}, and records dated in 2025 (a backfill, the bundled sample) would be deleted by
   * retention as soon as their segment rolled, so a restore would miss them; and a write dated over
   * an hour ahead would be refused. Restoring reads a window's time from its key, not from the
   * record's timestamp.
   */
  static final Map<String, String> CHANGELOG =
      Map.of(TopicConfig.MESSAGE_TIMESTAMP_TYPE_CONFIG, "LogAppendTime");

  private ProcessorsTopology() {}

  public static Topology build(ProcessorsConfig config) {
    return build(config, ArticleMatcher.compile(config.watchlist()), ProcessorMetrics.detached());
  }

  public static Topology build(
      ProcessorsConfig config, ArticleMatcher matcher, ProcessorMetrics metrics) {
    Topology topology = new Topology();
    MentionsTopology.addTo(topology, config, matcher, metrics);
    addMentionsSource(topology, config, metrics);
    RuleCountsTopology.addTo(topology, config, metrics);
    SpikeAlertsTopology.addTo(topology, config, metrics);
    FirstMentionTopology.addTo(topology, config, metrics);
    return topology;
  }

  /**
   * The name of store {@code store} for windows of {@code window}, such as {@code
   * rule-counts-pt1h}: a store of another window size is another store, never one read as if its
   * windows had the new size.
   */
  static String perWindow(String store, Duration window) {
    return store + "-" + window.toString().toLowerCase(Locale.ROOT);
  }

  /**
   * Where the record being processed came from, as {@code topic-partition@offset}, for the log line
   * of a record left out; {@code "(punctuation)"} outside one.
   */
  static String position(ProcessorContext<?, ?> context) {
    return context
        .recordMetadata()
        .map(m -> m.topic() + "-" + m.partition() + "@" + m.offset())
        .orElse("(punctuation)");
  }

  /** One of topologies 2 to 4 alone: the mentions source, and {@code addTo} below it. */
  static Topology onMentions(
      ProcessorsConfig config, ProcessorMetrics metrics, Consumer<Topology> addTo) {
    Topology topology = new Topology();
    addMentionsSource(topology, config, metrics);
    addTo.accept(topology);
    return topology;
  }

  /**
   * Adds processor {@code name}, fed by the mentions source, and {@code sink}, which writes what it
   * forwards to {@code out}.
   */
  static <V> void addBelowMentions(
      Topology topology,
      String name,
      ProcessorSupplier<String, Mention, String, V> supplier,
      String sink,
      Topic<String, V> out) {
    topology.addProcessor(name, supplier, MENTIONS_SOURCE);
    topology.addSink(
        sink, out.name(), out.keySerde().serializer(), out.valueSerde().serializer(), name);
  }

  /** The mentions source shared by topologies 2 to 4, on event time ({@link EventTime}). */
  static void addMentionsSource(
      Topology topology, ProcessorsConfig config, ProcessorMetrics metrics) {
    Topic<String, Mention> mentions = config.topics().mentions();
    topology.addSource(
        AutoOffsetReset.earliest(),
        ProcessorsTopology.MENTIONS_SOURCE,
        new EventTime(metrics),
        mentions.keySerde().deserializer(),
        mentions.valueSerde().deserializer(),
        mentions.name());
  }
}
