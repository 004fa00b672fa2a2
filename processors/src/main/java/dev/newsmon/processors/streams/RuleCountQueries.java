package dev.newsmon.processors.streams;

import dev.newsmon.schemas.RuleCount;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyWindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

/**
 * Interactive queries over the rule-count stores of one running instance: a rule id and a time
 * range in, {@link RuleCount}s out, oldest window first.
 *
 * <p>Each instance holds the rules of the partitions it owns. With several instances, ask {@link
 * #locate} which host holds a rule ({@link KafkaStreams#queryMetadataForKey}; the host is the
 * instance's {@code application.server}) and send the query there; this class does no remote calls
 * itself.
 */
public final class RuleCountQueries {
  private final KafkaStreams streams;

  public RuleCountQueries(KafkaStreams streams) {
    this.streams = streams;
  }

  /**
   * The counts of {@code ruleId} in the windows of {@code window} size that start within {@code
   * [from, to]}; windows without mentions are absent.
   *
   * @throws org.apache.kafka.streams.errors.InvalidStateStoreException while the instance is
   *     rebalancing or restoring; retry
   */
  public List<RuleCount> counts(String ruleId, Duration window, Instant from, Instant to) {
    ReadOnlyWindowStore<String, WindowCount> store =
        streams.store(
            StoreQueryParameters.fromNameAndType(
                RuleCountsTopology.storeName(window), QueryableStoreTypes.windowStore()));
    List<RuleCount> out = new ArrayList<>();
    Instant now = Instant.now();
    try (WindowStoreIterator<WindowCount> it = store.fetch(ruleId, from, to)) {
      it.forEachRemaining(
          kv ->
              out.add(
                  new RuleCount(
                      RuleCount.SCHEMA_VERSION,
                      ruleId,
                      window,
                      Instant.ofEpochMilli(kv.key),
                      Instant.ofEpochMilli(kv.key + window.toMillis()),
                      kv.value.mentions(),
                      kv.value.articles(),
                      now)));
    }
    return out;
  }

  /** Which instance holds {@code ruleId}'s counts of this window size. */
  public KeyQueryMetadata locate(String ruleId, Duration window) {
    return streams.queryMetadataForKey(
        RuleCountsTopology.storeName(window), ruleId, Serdes.String().serializer());
  }
}
