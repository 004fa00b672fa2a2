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

    PublishHealth.Status before = health.at(at(0), 0, null);
    health.reached(at(1));

    assertThat(before.up()).isFalse();
    assertThat(before.status()).isEqualTo("DOWN");
    assertThat(before.reason()).contains("not reached the Kafka cluster");
    assertThat(health.at(at(1), 0, null).up()).isTrue();
    assertThat(health.at(at(1), 0, null).status()).isEqualTo("UP");
  }

  @Test
  void shouldCountAnAcknowledgementAsHavingReachedTheCluster() {
    PublishHealth health = new PublishHealth(LIMIT);
    health.acknowledged(at(1));

    assertThat(health.at(at(1), 0, null).up()).isTrue();
  }

  @Test
  void shouldGoDownOnlyOnceARecordHasWaitedLongerThanTheLimit() {
    PublishHealth health = new PublishHealth(LIMIT);
    health.reached(at(0));

    assertThat(health.at(at(160), 3, at(100)).up()).as("exactly the limit").isTrue();
    PublishHealth.Status stalled = health.at(at(161), 3, at(100));
    assertThat(stalled.up()).isFalse();
    assertThat(stalled.reason())
        .isEqualTo(
            "a record has waited 61 s for Kafka's acknowledgement (limit PT1M); unacknowledged"
                + " records: 3");
  }

  @Test
  void shouldStayDownWhileOneRecordWaitsHoweverManyOthersAreAcknowledged() {
    PublishHealth health = new PublishHealth(LIMIT);
    health.reached(at(0));
    // one partition without a leader: its record waits while the others' are taken
    health.acknowledged(at(150));
    health.acknowledged(at(160));

    assertThat(health.at(at(161), 7, at(100)).up()).isFalse();
    assertThat(health.at(at(170), 6, at(165)).up()).as("back once that record is taken").isTrue();
  }

  @Test
  void shouldGaugeTheAgeOfTheOldestWaitingRecordAndZeroWhenNoneWaits() {
    assertThat(PublishHealth.stalledSeconds(at(10), null)).isZero();
    assertThat(PublishHealth.stalledSeconds(at(100), at(100))).isZero();
    assertThat(PublishHealth.stalledSeconds(at(190), at(100))).isEqualTo(90.0);
    assertThat(PublishHealth.stalledSeconds(at(99), at(100))).as("a clock step back").isZero();
  }

  @Test
  void shouldStayUpWhileNothingWaitsHoweverLongAgoTheLastAcknowledgement() {
    PublishHealth health = new PublishHealth(LIMIT);
    health.acknowledged(at(1));

    assertThat(health.at(at(3600), 0, null).up()).isTrue();
    // a record handed over after a quiet hour has its own clock
    assertThat(health.at(at(3630), 1, at(3600)).up()).isTrue();
    assertThat(health.at(at(3661), 1, at(3600)).up()).isFalse();
  }

  @Test
  void shouldStayDownForGoodAfterAFatalErrorWhateverFollows() {
    PublishHealth health = new PublishHealth(LIMIT);
    health.reached(at(0));
    health.failed(new RecordTooLargeException("one record too large"));
    assertThat(health.at(at(1), 0, null).up()).as("a bad record is not a bad producer").isTrue();

    health.failed(new ProducerFencedException("another producer with this id"));
    health.acknowledged(at(2));

    PublishHealth.Status status = health.at(at(2), 0, null);
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
    assertThat(health.at(at(1), 0, null).reason()).contains("no WRITE on the topic");
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
