package dev.newsmon.schemas;

import java.util.Map;
import org.apache.kafka.common.serialization.Serde;

/**
 * A topic name paired with the serdes of its keys and values.
 *
 * @param configs the topic settings newsmon creates it with (cleanup policy, retention); empty for
 *     the broker's defaults
 */
public record Topic<K, V>(
    String name, Serde<K> keySerde, Serde<V> valueSerde, Map<String, String> configs) {
  public Topic {
    configs = Map.copyOf(configs);
  }

  @Override
  public String toString() {
    return name;
  }
}
