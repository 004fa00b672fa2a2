package dev.newsmon.processors.streams;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.Set;
import org.apache.kafka.streams.KafkaStreams.State;
import org.junit.jupiter.api.Test;

class ProcessorsAppTest {

  @Test
  void shouldBeReadyOnlyOnceRunningAndThroughLaterRebalances() {
    Set<State> readyAfterRunning = EnumSet.noneOf(State.class);
    for (State state : State.values()) {
      assertThat(ProcessorsApp.ready(false, state))
          .as("%s before the first RUNNING (still restoring)", state)
          .isFalse();
      if (ProcessorsApp.ready(true, state)) {
        readyAfterRunning.add(state);
      }
    }
    assertThat(readyAfterRunning).containsExactlyInAnyOrder(State.RUNNING, State.REBALANCING);
  }
}
