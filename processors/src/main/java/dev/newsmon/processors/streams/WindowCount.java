package dev.newsmon.processors.streams;

import java.nio.ByteBuffer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * What the count stores hold per rule and window: mentions and distinct articles.
 *
 * @param mentions mentions of the rule in the window
 * @param articles distinct articles among them
 */
public record WindowCount(long mentions, long articles) {
  static final WindowCount ZERO = new WindowCount(0, 0);

  WindowCount add(boolean newArticle) {
    return new WindowCount(mentions + 1, newArticle ? articles + 1 : articles);
  }

  /** Sixteen bytes: the stores are written once per mention and view, so the format is compact. */
  static Serde<WindowCount> serde() {
    Serializer<WindowCount> ser =
        (topic, c) ->
            c == null
                ? null
                : ByteBuffer.allocate(16).putLong(c.mentions).putLong(c.articles).array();
    Deserializer<WindowCount> de =
        (topic, bytes) -> {
          if (bytes == null) {
            return null;
          }
          ByteBuffer b = ByteBuffer.wrap(bytes);
          return new WindowCount(b.getLong(), b.getLong());
        };
    return Serdes.serdeFrom(ser, de);
  }
}
