package dev.newsmon.ingest;

import static dev.newsmon.ingest.IngestHttp.field;
import static dev.newsmon.ingest.IngestHttp.health;
import static dev.newsmon.ingest.IngestHttp.push;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.newsmon.broker.EmbeddedKafka;
import dev.newsmon.schemas.Topics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.metadata.authorizer.StandardAuthorizer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Ingest against a real broker that refuses it: the embedded KRaft broker with Kafka's {@link
 * StandardAuthorizer}, where everything is allowed except what an ACL denies to the unauthenticated
 * {@code User:ANONYMOUS} that every client of its PLAINTEXT listener is. The broker itself answers
 * {@code TOPIC_AUTHORIZATION_FAILED}, so publishing fails for good and {@link Ingest#failure()}
 * completes, once.
 */
class IngestAuthorizationIT {
  private static final String ANONYMOUS = "User:ANONYMOUS";

  private static EmbeddedKafka kafka;

  @BeforeAll
  static void startBroker() throws Exception {
    kafka =
        EmbeddedKafka.start(
            Files.createTempDirectory("newsmon-acl-"),
            0,
            true,
            Map.of(
                "authorizer.class.name",
                StandardAuthorizer.class.getName(),
                "allow.everyone.if.no.acl.found",
                "true"));
  }

  @AfterAll
  static void stopBroker() {
    kafka.close();
  }

  @Test
  void shouldFailForGoodOnceWhenTheBrokerRefusesWritesToTheArticlesTopic() throws Exception {
    Topics topics = Topics.withPrefix("nowrite.");
    kafka.createTopics(topics.newTopics(3, (short) 1));
    // ingest may see the topic, so its probe reaches the cluster, but not write to it
    deny(topics.articles().name(), AclOperation.WRITE);

    try (Ingest ingest = ingest(topics)) {
      await().atMost(Duration.ofSeconds(20)).until(() -> health(ingest).statusCode() == 200);
      assertThat(ingest.failure()).isNotDone();

      assertThat(push(ingest, "Refused by the broker").statusCode()).isEqualTo(503);

      assertThat(ingest.failure()).succeedsWithin(Duration.ofSeconds(30));
      Throwable first = ingest.failure().join();
      assertThat(first).isInstanceOf(TopicAuthorizationException.class);
      HttpResponse<String> down = health(ingest);
      assertThat(down.statusCode()).isEqualTo(503);
      assertThat(field(down, "reason"))
          .startsWith("publishing failed for good: ")
          .contains("TopicAuthorizationException");

      assertThat(push(ingest, "Refused again").statusCode()).isEqualTo(503);
      assertThat(ingest.failure().join()).as("the first error only").isSameAs(first);
    }
  }

  @Test
  void shouldFailForGoodWithNothingToSendWhenTheBrokerHidesTheArticlesTopic() throws Exception {
    Topics topics = Topics.withPrefix("hidden.");
    kafka.createTopics(topics.newTopics(3, (short) 1));
    // the start-up metadata request is refused: no article has to be taken for ingest to know
    deny(topics.articles().name(), AclOperation.ALL);

    try (Ingest ingest = ingest(topics)) {
      assertThat(ingest.failure()).succeedsWithin(Duration.ofSeconds(30));
      assertThat(ingest.failure().join()).isInstanceOf(TopicAuthorizationException.class);
      assertThat(field(health(ingest), "reason")).startsWith("publishing failed for good: ");
    }
  }

  private static Ingest ingest(Topics topics) {
    Properties client = new Properties();
    client.put("bootstrap.servers", kafka.bootstrapServers());
    client.put("max.block.ms", "5000");
    IngestConfig config =
        IngestConfig.builder().httpPort(0).pushAckTimeout(Duration.ofSeconds(10)).build();
    return new Ingest(config, topics, client, new SimpleMeterRegistry())
        .closeTimeout(Duration.ofSeconds(5))
        .start();
  }

  /**
   * Allows {@code User:ANONYMOUS} everything on {@code topic} but {@code denied}: with an ACL on a
   * topic, the authorizer no longer allows what no ACL allows there.
   */
  private static void deny(String topic, AclOperation denied) throws Exception {
    ResourcePattern pattern = new ResourcePattern(ResourceType.TOPIC, topic, PatternType.LITERAL);
    try (Admin admin = kafka.admin()) {
      admin
          .createAcls(
              List.of(
                  new AclBinding(
                      pattern,
                      new AccessControlEntry(
                          ANONYMOUS, "*", AclOperation.ALL, AclPermissionType.ALLOW)),
                  new AclBinding(
                      pattern,
                      new AccessControlEntry(ANONYMOUS, "*", denied, AclPermissionType.DENY))))
          .all()
          .get(30, TimeUnit.SECONDS);
    }
  }
}
