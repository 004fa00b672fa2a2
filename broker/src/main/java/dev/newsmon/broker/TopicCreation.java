package dev.newsmon.broker;

import java.util.Collection;
import java.util.List;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Creates topics that do not exist yet, the one way every newsmon command and test does: on the
 * embedded broker and on a real cluster alike.
 */
public final class TopicCreation {
  private TopicCreation() {}

  /**
   * Creates each of {@code topics} that is missing; an existing topic is left as it is, whatever
   * its partitions and settings, since another instance or an operator may have made it on purpose.
   * One request per topic, so that one that exists does not fail the others.
   *
   * @throws IllegalStateException naming the topic, when a creation fails for another reason
   */
  public static void createMissing(Admin admin, Collection<NewTopic> topics) {
    for (NewTopic topic : topics) {
      try {
        admin.createTopics(List.of(topic)).all().get();
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof TopicExistsException)) {
          throw new IllegalStateException(
              "cannot create topic " + topic.name() + ": " + e.getCause().getMessage(),
              e.getCause());
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while creating topic " + topic.name(), e);
      }
    }
  }
}
