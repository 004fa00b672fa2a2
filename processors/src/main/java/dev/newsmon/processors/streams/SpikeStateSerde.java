package dev.newsmon.processors.streams;

import dev.newsmon.processors.streams.SpikeState.OpenWindow;
import dev.newsmon.processors.streams.SpikeState.Seen;
import dev.newsmon.schemas.JsonSerde;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The {@code spike-state} store's format: a {@link SpikeState} in and out as a compact binary
 * record. The store is read and rewritten on every mention, so JSON (parsed and written each time)
 * cost the stream thread about a tenth of its time; this costs little.
 *
 * <p>Layout, big-endian: version byte {@code 1}; the baseline's windows (long), weight, sum and sum
 * of squares (doubles); a byte 1 and the next window start (long), or a byte 0; the number of open
 * windows (int), then per window its start and count (longs), fired (byte), the number of earliest
 * articles (int) and per article its timestamp (long) and id (int length, UTF-8 bytes). A value
 * starting with '{' is the JSON this store held before, read as such so that existing changelogs
 * restore.
 */
final class SpikeStateSerde
    implements Serde<SpikeState>, Serializer<SpikeState>, Deserializer<SpikeState> {
  private static final byte VERSION = 1;

  /** The format this store held before. */
  private static final JsonSerde<SpikeState> JSON = new JsonSerde<>(SpikeState.class);

  @Override
  public byte[] serialize(String topic, SpikeState state) {
    if (state == null) {
      return null;
    }
    int size = 1 + 8 * 4 + 1 + 8 + 4;
    List<byte[][]> ids = new ArrayList<>(state.open().size());
    for (OpenWindow w : state.open()) {
      byte[][] bytes = new byte[w.earliest().size()][];
      for (int i = 0; i < bytes.length; i++) {
        bytes[i] = w.earliest().get(i).articleId().getBytes(StandardCharsets.UTF_8);
        size += 8 + 4 + bytes[i].length;
      }
      ids.add(bytes);
      size += 8 + 8 + 1 + 4;
    }
    Baseline b = state.baseline();
    ByteBuffer out = ByteBuffer.allocate(size);
    out.put(VERSION).putLong(b.windows()).putDouble(b.weight()).putDouble(b.sum());
    out.putDouble(b.sumSquares());
    if (state.nextWindow() == null) {
      out.put((byte) 0).putLong(0);
    } else {
      out.put((byte) 1).putLong(state.nextWindow());
    }
    out.putInt(state.open().size());
    for (int i = 0; i < state.open().size(); i++) {
      OpenWindow w = state.open().get(i);
      out.putLong(w.start()).putLong(w.count()).put((byte) (w.fired() ? 1 : 0));
      byte[][] bytes = ids.get(i);
      out.putInt(bytes.length);
      for (int j = 0; j < bytes.length; j++) {
        out.putLong(w.earliest().get(j).timestamp()).putInt(bytes[j].length).put(bytes[j]);
      }
    }
    return out.array();
  }

  @Override
  public SpikeState deserialize(String topic, byte[] data) {
    if (data == null) {
      return null;
    }
    if (data.length > 0 && data[0] == '{') {
      return JSON.deserialize(topic, data);
    }
    if (data.length == 0 || data[0] != VERSION) {
      throw new SerializationException(
          "invalid SpikeState: unknown format version "
              + (data.length == 0 ? "(empty value)" : Byte.toString(data[0])));
    }
    try {
      ByteBuffer in = ByteBuffer.wrap(data, 1, data.length - 1);
      Baseline baseline =
          new Baseline(in.getLong(), in.getDouble(), in.getDouble(), in.getDouble());
      boolean hasNext = in.get() == 1;
      long next = in.getLong();
      int windows = in.getInt();
      List<OpenWindow> open = new ArrayList<>(windows);
      for (int i = 0; i < windows; i++) {
        long start = in.getLong();
        long count = in.getLong();
        boolean fired = in.get() == 1;
        int n = in.getInt();
        List<Seen> earliest = new ArrayList<>(n);
        for (int j = 0; j < n; j++) {
          long ts = in.getLong();
          int len = in.getInt();
          earliest.add(new Seen(ts, new String(data, in.position(), len, StandardCharsets.UTF_8)));
          in.position(in.position() + len);
        }
        open.add(new OpenWindow(start, count, fired, earliest));
      }
      if (in.hasRemaining()) {
        throw new SerializationException(
            "invalid SpikeState: " + in.remaining() + " bytes left over after the last window");
      }
      return new SpikeState(baseline, hasNext ? next : null, open);
    } catch (BufferUnderflowException | IllegalArgumentException | IndexOutOfBoundsException e) {
      throw new SerializationException(
          "invalid SpikeState: truncated or corrupt (" + data.length + " bytes)", e);
    }
  }

  @Override
  public void configure(java.util.Map<String, ?> configs, boolean isKey) {}

  @Override
  public void close() {}

  @Override
  public Serializer<SpikeState> serializer() {
    return this;
  }

  @Override
  public Deserializer<SpikeState> deserializer() {
    return this;
  }
}
