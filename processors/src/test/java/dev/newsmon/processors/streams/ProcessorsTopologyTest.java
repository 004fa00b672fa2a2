package dev.newsmon.processors.streams;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ProcessorsTopologyTest {

  /**
   * Node, store and topic names are part of the deployed application: changelog and internal topic
   * names derive from them, so renaming one silently abandons state. Any change must be deliberate
   * and show up here; update {@code processors-topology.txt} with the new description when it is.
   */
  @Test
  void shouldMatchThePinnedDescription() throws IOException {
    String described = ProcessorsTopology.build(Fixtures.config()).describe().toString();

    String pinned;
    try (InputStream in = getClass().getResourceAsStream("processors-topology.txt")) {
      assertThat(in).as("pinned description on the class path").isNotNull();
      pinned = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    assertThat(described.strip()).isEqualTo(pinned.strip());
  }
}
