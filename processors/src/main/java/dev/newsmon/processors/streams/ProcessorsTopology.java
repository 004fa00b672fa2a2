package dev.newsmon.processors.streams;

import dev.newsmon.processors.match.ArticleMatcher;
import dev.newsmon.schemas.Mention;
import dev.newsmon.schemas.Topic;
import java.util.function.Consumer;
import org.apache.kafka.streams.AutoOffsetReset;
import org.apache.kafka.streams.Topology;
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

  private ProcessorsTopology() {}

  public static Topology build(ProcessorsConfig config) {
    return build(config, ArticleMatcher.compile(config.watchlist()), ProcessorMetrics.detached());
  }

  public static Topology build(
      ProcessorsConfig config, ArticleMatcher matcher, ProcessorMetrics metrics) {
    Topology topology = new Topology();
    MentionsTopology.addTo(topology, config, matcher, metrics);
    addMentionsSource(topology, config);
    RuleCountsTopology.addTo(topology, config, metrics);
    SpikeAlertsTopology.addTo(topology, config, metrics);
    FirstMentionTopology.addTo(topology, config, metrics);
    return topology;
  }

  /** One of topologies 2 to 4 alone: the mentions source, and {@code addTo} below it. */
  static Topology onMentions(ProcessorsConfig config, Consumer<Topology> addTo) {
    Topology topology = new Topology();
    addMentionsSource(topology, config);
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
  static void addMentionsSource(Topology topology, ProcessorsConfig config) {
    Topic<String, Mention> mentions = config.topics().mentions();
    topology.addSource(
        AutoOffsetReset.earliest(),
        ProcessorsTopology.MENTIONS_SOURCE,
        new EventTime(),
        mentions.keySerde().deserializer(),
        mentions.valueSerde().deserializer(),
        mentions.name());
  }
}
