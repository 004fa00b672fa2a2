package dev.newsmon.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.ClusterAuthorizationException;
import org.apache.kafka.common.errors.NotLeaderOrFollowerException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.junit.jupiter.api.Test;

class PublishHealthTest {
  private static final Instant T0 = Instant.parse("2026-03-01T12:00:00Z");
  private static final Duration LIMIT = Duration.ofMinutes(1);

  private static Instant at(int seconds) {
    return T0.plusSeconds(seconds);
  }

  @Test
  void shouldBeDownUntilTheClusterHasAnswered() {
    PublishHealth health = new PublishHealth(LIMIT);

    PublishHealth.Status before = health.at(at(0), 0);
    health.reached(at(1));

    assertThat(before.up()).isFalse();
    assertThat(before.status()).isEqualTo("DOWN");
    assertThat(before.reason()).contains("not reached the Kafka cluster");
    assertThat(health.at(at(1), 0).up()).isTrue();
    assertThat(health.at(at(1), 0).status()).isEqualTo("UP");
  }

  @Test
  void shouldCountAnAcknowledgementAsHavingReachedTheCluster() {
    PublishHealth health = new PublishHealth(LIMIT);
    health.waiting(at(0));
    health.acknowledged(at(1));

    assertThat(health.at(at(1), 0).up()).isTrue();
  }

  @Test
  void shouldGoDownOnlyOnceRecordsHaveWaitedLongerThanTheLimitWithNoneAcknowledged() {
    PublishHealth health = new PublishHealth(LIMIT);
    health.reached(at(0));
    health.waiting(at(100));

    assertThat(health.at(at(160), 3).up()).as("exactly the limit").isTrue();
    PublishHealth.Status stalled = health.at(at(161), 3);
    assertThat(stalled.up()).isFalse();
    assertThat(stalled.reason())
        .isEqualTo(
            "Kafka has acknowledged nothing for 61 s (limit PT1M); unacknowledged records: 3");
  }

  @Test
  void shouldRestartTheStallClockWithEveryAcknowledgement() {
    PublishHealth health = new PublishHealth(LIMIT);
    health.reached(at(0));
    health.waiting(at(0));
    health.acknowledged(at(50));
    health.acknowledged(at(100));

    // records have been waiting all along, but Kafka keeps taking them
    assertThat(health.at(at(150), 7).up()).isTrue();
    assertThat(health.at(at(161), 7).up()).isFalse();
    health.acknowledged(at(170));
    assertThat(health.at(at(170), 6).up()).as("back once Kafka acknowledges again").isTrue();
  }

  @Test
  void shouldGaugeHowLongRecordsHaveWaitedWithNoneAcknowledgedAndZeroWhenNoneWait() {
    PublishHealth health = new PublishHealth(LIMIT);
    assertThat(health.stalledSeconds(at(10), 0)).isZero();
    health.reached(at(0));
    health.waiting(at(100));

    assertThat(health.stalledSeconds(at(100), 2)).isZero();
    assertThat(health.stalledSeconds(at(190), 2)).isEqualTo(90.0);
    health.acknowledged(at(200));
    assertThat(health.stalledSeconds(at(230), 1)).isEqualTo(30.0);
    assertThat(health.stalledSeconds(at(1000), 0)).as("nothing waits").isZero();
  }

  @Test
  void shouldStayUpWhileNothingWaitsHoweverLongAgoTheLastAcknowledgement() {
    PublishHealth health = new PublishHealth(LIMIT);
    health.reached(at(0));
    health.waiting(at(0));
    health.acknowledged(at(1));

    assertThat(health.at(at(3600), 0).up()).isTrue();
    // a record handed over after a quiet hour starts the clock afresh
    health.waiting(at(3600));
    assertThat(health.at(at(3630), 1).up()).isTrue();
    assertThat(health.at(at(3661), 1).up()).isFalse();
  }

  @Test
  void shouldStayDownForGoodAfterAFatalErrorWhateverFollows() {
    PublishHealth health = new PublishHealth(LIMIT);
    health.reached(at(0));
    health.failed(new RecordTooLargeException("one record too large"));
    assertThat(health.at(at(1), 0).up()).as("a bad record is not a bad producer").isTrue();

    health.failed(new ProducerFencedException("another producer with this id"));
    health.acknowledged(at(2));

    PublishHealth.Status status = health.at(at(2), 0);
    assertThat(status.up()).isFalse();
    assertThat(status.reason())
        .startsWith("publishing failed for good: ")
        .contains("ProducerFencedException");
  }

  @Test
  void shouldCompleteTheFailureOnceWithTheFirstFatalErrorAndNotOnTransientOnes() {
    PublishHealth health = new PublishHealth(LIMIT);
    List<Throwable> seen = new ArrayList<>();
    health.failure().thenAccept(seen::add);

    health.failed(new TimeoutException("no metadata"));
    health.failed(new NotLeaderOrFollowerException("moved"));
    health.failed(new RecordTooLargeException("one record too large"));
    assertThat(health.failure()).as("transient and per-record errors").isNotDone();

    TopicAuthorizationException first = new TopicAuthorizationException("no WRITE on the topic");
    health.failed(first);
    health.failed(new ProducerFencedException("another producer with this id"));

    assertThat(health.failure()).isCompletedWithValue(first);
    assertThat(seen).containsExactly(first);
    assertThat(health.at(at(1), 0).reason()).contains("no WRITE on the topic");
  }

  @Test
  void shouldTakeAuthFailuresAndFencingAsFatalAlsoWhenWrappedButNotTransientErrors() {
    assertThat(PublishHealth.isFatal(new TopicAuthorizationException("no ACL"))).isTrue();
    assertThat(PublishHealth.isFatal(new ClusterAuthorizationException("no idempotent write")))
        .isTrue();
    assertThat(PublishHealth.isFatal(new SaslAuthenticationException("bad password"))).isTrue();
    assertThat(
            PublishHealth.isFatal(
                new KafkaException(
                    "Cannot perform send because at least one previous transactional or"
                        + " idempotent request has failed with errors.",
                    new ClusterAuthorizationException("no idempotent write"))))
        .isTrue();

    assertThat(PublishHealth.isFatal(new TimeoutException("no metadata"))).isFalse();
    assertThat(PublishHealth.isFatal(new NotLeaderOrFollowerException("moved"))).isFalse();
    assertThat(PublishHealth.isFatal(new RecordTooLargeException("too large"))).isFalse();
  }

  @Test
  void shouldRejectALimitThatIsNotPositive() {
    assertThatThrownBy(() -> new PublishHealth(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
