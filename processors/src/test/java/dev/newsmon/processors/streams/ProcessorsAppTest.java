package dev.newsmon.processors.streams;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.streams.CloseOptions.GroupMembershipOperation;
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

  @Test
  void shouldLeaveTheGroupOnCloseUnlessAStaticMember() {
    ProcessorsConfig.Builder builder =
        ProcessorsConfig.builder(Fixtures.watchlist()).bootstrapServers("localhost:9092");

    assertThat(ProcessorsApp.onClose(builder.build().streamsProperties()))
        .isEqualTo(GroupMembershipOperation.LEAVE_GROUP);
    assertThat(
            ProcessorsApp.onClose(
                builder.groupInstanceId("newsmon-processors-0").build().streamsProperties()))
        .isEqualTo(GroupMembershipOperation.REMAIN_IN_GROUP);
    Properties fromFile = new Properties();
    fromFile.put("group.instance.id", "from-file");
    assertThat(ProcessorsApp.onClose(fromFile)).isEqualTo(GroupMembershipOperation.REMAIN_IN_GROUP);
  }
}
