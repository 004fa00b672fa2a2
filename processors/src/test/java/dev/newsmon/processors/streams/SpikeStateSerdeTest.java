package dev.newsmon.processors.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.newsmon.processors.streams.SpikeState.OpenWindow;
import dev.newsmon.processors.streams.SpikeState.Seen;
import dev.newsmon.schemas.Json;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class SpikeStateSerdeTest {
  private final SpikeStateSerde serde = new SpikeStateSerde();

  private static SpikeState state() {
    Baseline baseline = Baseline.EMPTY.fold(3, 0.97).foldZeros(2, 0.97).fold(7, 0.97);
    return new SpikeState(
        baseline,
        1_741_000_000_000L,
        List.of(
            new OpenWindow(
                1_741_003_600_000L,
                4,
                true,
                List.of(new Seen(1_741_003_700_000L, "a1"), new Seen(1_741_003_800_000L, "ü-ß"))),
            new OpenWindow(1_741_007_200_000L, 1, false, List.of())));
  }

  @Test
  void shouldRoundTripEveryField() {
    SpikeState state = state();
    assertThat(serde.deserialize("t", serde.serialize("t", state))).isEqualTo(state);
    assertThat(serde.deserialize("t", serde.serialize("t", SpikeState.EMPTY)))
        .isEqualTo(SpikeState.EMPTY);
    assertThat(SpikeState.EMPTY.nextWindow()).isNull();
  }

  @Test
  void shouldReadTheJsonThisStoreHeldBefore() {
    byte[] json = Json.write(state()).getBytes(StandardCharsets.UTF_8);
    assertThat(serde.deserialize("t", json)).isEqualTo(state());
  }

  @Test
  void shouldRejectATruncatedValueAnUnknownVersionOrBadJsonSayingWhy() {
    byte[] bytes = serde.serialize("t", state());
    assertThatThrownBy(() -> serde.deserialize("t", Arrays.copyOf(bytes, bytes.length - 3)))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("truncated or corrupt");
    byte[] future = bytes.clone();
    future[0] = 9;
    assertThatThrownBy(() -> serde.deserialize("t", future))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("unknown format version 9");
    byte[] badJson = "{\"baseline\": 5}".getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> serde.deserialize("t", badJson))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("invalid SpikeState")
        .hasMessageContaining("baseline");
  }
}
