package dev.newsmon.ingest;

import static dev.newsmon.ingest.IngestHttp.field;
import static dev.newsmon.ingest.IngestHttp.health;
import static dev.newsmon.ingest.IngestHttp.metric;
import static dev.newsmon.ingest.IngestHttp.push;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.newsmon.broker.EmbeddedKafka;
import dev.newsmon.schemas.Topics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code GET /health} of ingest over real HTTP while a real broker is there, gone, and back. */
class IngestHealthIT {
  private static final Duration STALL_LIMIT = Duration.ofSeconds(5);

  @TempDir Path dataDir;

  @Test
  void shouldBeUpWhileKafkaAcknowledgesAndDownOnlyOnceRecordsWaitedLongerThanTheLimit()
      throws Exception {
    int port = freePort();
    EmbeddedKafka kafka = EmbeddedKafka.start(dataDir, port);
    Topics topics = Topics.withPrefix("health.");
    kafka.createTopics(topics.newTopics(3, (short) 1));
    Properties client = new Properties();
    client.put("bootstrap.servers", kafka.bootstrapServers());
    client.put("max.block.ms", "1000");
    client.put("request.timeout.ms", "3000");
    client.put("reconnect.backoff.max.ms", "500");
    IngestConfig config =
        IngestConfig.builder()
            .httpPort(0)
            .pushAckTimeout(Duration.ofSeconds(1))
            .publishStallLimit(STALL_LIMIT)
            .build();
    // a failed run must not wait the default two minutes for the record Kafka never took
    Ingest ingest =
        new Ingest(config, topics, client, new SimpleMeterRegistry())
            .closeTimeout(Duration.ofSeconds(2))
            .start();
    EmbeddedKafka restarted = null;
    try {
      await().atMost(Duration.ofSeconds(20)).until(() -> health(ingest).statusCode() == 200);
      HttpResponse<String> up = health(ingest);
      assertThat(up.headers().firstValue("Content-Type")).hasValue("application/json");
      assertThat(field(up, "status")).isEqualTo("UP");
      assertThat(field(up, "reason")).startsWith("publishing");
      assertThat(push(ingest, "Before the outage").statusCode()).isEqualTo(202);
      assertThat(health(ingest).statusCode()).isEqualTo(200);

      kafka.close();
      long sent = System.nanoTime();
      assertThat(push(ingest, "During the outage").statusCode()).isEqualTo(503);
      AtomicReference<HttpResponse<String>> last = new AtomicReference<>();
      await()
          .atMost(Duration.ofSeconds(30))
          .pollInterval(Duration.ofMillis(200))
          .until(
              () -> {
                last.set(health(ingest));
                return last.get().statusCode() == 503;
              });
      Duration untilDown = Duration.ofNanos(System.nanoTime() - sent);

      assertThat(untilDown).as("DOWN not before the limit").isGreaterThan(STALL_LIMIT);
      assertThat(field(last.get(), "status")).isEqualTo("DOWN");
      assertThat(field(last.get(), "reason"))
          .startsWith("a record has waited ")
          .endsWith("(limit PT5S); unacknowledged records: 1");
      // the gauge NewsmonIngestCannotPublish watches: no send failed, no retry was counted
      assertThat(metric(ingest, "newsmon_ingest_publish_stalled_seconds"))
          .isGreaterThan(STALL_LIMIT.toSeconds());

      restarted = EmbeddedKafka.start(dataDir, port);
      await().atMost(Duration.ofSeconds(60)).until(() -> health(ingest).statusCode() == 200);
      assertThat(field(health(ingest), "status")).isEqualTo("UP");
      assertThat(metric(ingest, "newsmon_ingest_publish_stalled_seconds")).isZero();
      assertThat(ingest.failure()).as("an outage is not a failure for good").isNotDone();
    } finally {
      ingest.close();
      if (restarted != null) {
        restarted.close();
      }
    }
  }

  private static int freePort() throws Exception {
    try (ServerSocket socket = new ServerSocket()) {
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress("127.0.0.1", 0));
      return socket.getLocalPort();
    }
  }
}
