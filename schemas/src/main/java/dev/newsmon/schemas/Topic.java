package dev.newsmon.schemas;

import org.apache.kafka.common.serialization.Serde;

/**
 * A topic name paired with the serdes of its keys and values.
 *
 * @param compacted true for topics that keep the latest value per key
 */
public record Topic<K, V>(String name, Serde<K> keySerde, Serde<V> valueSerde, boolean compacted) {
  @Override
  public String toString() {
    return name;
  }
}
