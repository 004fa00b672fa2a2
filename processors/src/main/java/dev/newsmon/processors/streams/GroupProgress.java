package dev.newsmon.processors.streams;

import dev.newsmon.schemas.Topics;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;

/**
 * How far the processors have got, read from their consumer group's committed offsets through an
 * {@link Admin}: it holds for any number of instances, wherever they run. Under exactly-once the
 * offsets commit in the same transaction as the output, so an input the group has passed has its
 * output written.
 */
public final class GroupProgress {
  private GroupProgress() {}

  /**
   * True when the processors of {@code applicationId} have processed every article and every
   * mention on {@code topics}, as far as their ends are now ({@link #caughtUp}, in that order).
   */
  public static boolean processed(Admin admin, String applicationId, Topics topics)
      throws InterruptedException, ExecutionException {
    return caughtUp(admin, applicationId, topics.articles().name())
        && caughtUp(admin, applicationId, topics.mentions().name());
  }

  /**
   * True when the group's committed offsets have reached the end of every partition of {@code
   * topic}. The end is the high watermark, not the last stable offset: a transaction left open by a
   * crashed instance holds the last stable offset back, and its records only count once it is
   * aborted and the live instance has moved past it.
   */
  public static boolean caughtUp(Admin admin, String groupId, String topic)
      throws InterruptedException, ExecutionException {
    Map<TopicPartition, OffsetSpec> request = new HashMap<>();
    admin
        .describeTopics(List.of(topic))
        .allTopicNames()
        .get()
        .get(topic)
        .partitions()
        .forEach(p -> request.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
    Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends =
        admin
            .listOffsets(request, new ListOffsetsOptions(IsolationLevel.READ_UNCOMMITTED))
            .all()
            .get();
    Map<TopicPartition, OffsetAndMetadata> committed =
        admin.listConsumerGroupOffsets(groupId).partitionsToOffsetAndMetadata().get();
    for (var e : ends.entrySet()) {
      long end = e.getValue().offset();
      OffsetAndMetadata c = committed.get(e.getKey());
      if (end > 0 && (c == null || c.offset() < end)) {
        return false;
      }
    }
    return true;
  }
}
