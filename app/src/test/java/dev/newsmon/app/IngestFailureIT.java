package dev.newsmon.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.newsmon.broker.EmbeddedKafka;
import dev.newsmon.schemas.Topics;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.metadata.authorizer.StandardAuthorizer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code newsmon ingest} and {@code newsmon run} whose publishing fails for good stop and exit with
 * status 1, so that their supervisor restarts them, instead of staying up and failing every
 * article. The failure is real: the embedded broker runs Kafka's {@link StandardAuthorizer}, and an
 * ACL lets the unauthenticated {@code User:ANONYMOUS} do everything on the articles topic except
 * write to it.
 */
class IngestFailureIT {
  @TempDir static Path dir;
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
  void shouldStopAndExitWithStatusOneWhenIngestCannotPublishAPushedArticle() throws Exception {
    Topics topics = refusedTopics("push.");
    int port;
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }
    Path log = dir.resolve("push.log");
    Process process =
        NewsmonJvm.start(
            log,
            List.of(
                "ingest",
                "--bootstrap-servers",
                kafka.bootstrapServers(),
                "--topic-prefix",
                "push.",
                "--http-port",
                String.valueOf(port)));
    try {
      await()
          .atMost(Duration.ofSeconds(60))
          .until(() -> Files.readString(log).contains("Ctrl-C stops it."));
      HttpClient http = HttpClient.newHttpClient();
      HttpResponse<String> pushed =
          http.send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/articles"))
                  .POST(
                      HttpRequest.BodyPublishers.ofString(
                          "{\"title\":\"Envoys weigh a ceasefire\",\"body\":\"Pushed.\"}"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(pushed.statusCode()).isEqualTo(503);

      assertThat(process.waitFor(60, TimeUnit.SECONDS))
          .as("newsmon ingest still running without publishing:%n%s", Files.readString(log))
          .isTrue();
      String output = Files.readString(log);
      assertThat(process.exitValue()).as(output).isEqualTo(1);
      assertThat(output)
          .contains(
              "newsmon ingest: publishing to Kafka failed for good"
                  + " (org.apache.kafka.common.errors.TopicAuthorizationException: Not authorized"
                  + " to access topics: [push.articles]); exiting with status 1 so that it is"
                  + " restarted")
          .contains("ingest stopped");
    } finally {
      process.destroyForcibly();
    }
  }

  @Test
  void shouldExitWithStatusOneWhenAFiniteIngestCannotPublish() throws Exception {
    refusedTopics("file.");
    Path file =
        Files.writeString(dir.resolve("ceasefire.txt"), "Envoys weigh a ceasefire\n\nText.");
    Path log = dir.resolve("file.log");
    Process process =
        NewsmonJvm.start(
            log,
            List.of(
                "ingest",
                "--bootstrap-servers",
                kafka.bootstrapServers(),
                "--topic-prefix",
                "file.",
                "--file",
                file.toString()));
    try {
      assertThat(process.waitFor(90, TimeUnit.SECONDS))
          .as("newsmon ingest --file still running:%n%s", Files.readString(log))
          .isTrue();
      String output = Files.readString(log);
      assertThat(process.exitValue()).as(output).isEqualTo(1);
      assertThat(output)
          .contains("newsmon ingest: publishing to Kafka failed for good (")
          .contains("TopicAuthorizationException")
          .doesNotContain("0 rejected"); // no summary, as if the run had gone well
    } finally {
      process.destroyForcibly();
    }
  }

  @Test
  void shouldExitWithStatusOneWhenIngestInsideRunCannotPublish() throws Exception {
    refusedTopics("run.");
    Path inbox = Files.createDirectory(dir.resolve("inbox"));
    Path log = dir.resolve("run.log");
    Process process =
        NewsmonJvm.start(
            log,
            List.of(
                "run",
                "--bootstrap-servers",
                kafka.bootstrapServers(),
                "--kafka-config",
                NewsmonJvm.shortSession(dir.resolve("run.properties")).toString(),
                "--topic-prefix",
                "run.",
                "--state-dir",
                dir.resolve("run-state").toString(),
                "--no-dashboard",
                "--no-sample",
                "--dir",
                inbox.toString()));
    try {
      await()
          .atMost(Duration.ofSeconds(60))
          .until(() -> Files.readString(log).contains("newsmon is running."));
      Files.writeString(inbox.resolve("ceasefire.txt"), "Envoys weigh a ceasefire\n\nText.");

      assertThat(process.waitFor(90, TimeUnit.SECONDS))
          .as("newsmon run still running without publishing:%n%s", Files.readString(log))
          .isTrue();
      String output = Files.readString(log);
      assertThat(process.exitValue()).as(output).isEqualTo(1);
      assertThat(output)
          .contains("newsmon: ingest's publishing to Kafka failed for good (")
          .contains("TopicAuthorizationException: Not authorized to access topics: [run.articles]")
          .doesNotContain("the processors failed");
    } finally {
      process.destroyForcibly();
    }
  }

  /**
   * Creates the topics under {@code prefix} and lets {@code User:ANONYMOUS}, which every client of
   * the PLAINTEXT listener is, do everything on the articles topic but write to it.
   */
  private static Topics refusedTopics(String prefix) throws Exception {
    Topics topics = Topics.withPrefix(prefix);
    kafka.createTopics(topics.newTopics(3, (short) 1));
    ResourcePattern articles =
        new ResourcePattern(ResourceType.TOPIC, topics.articles().name(), PatternType.LITERAL);
    try (Admin admin = kafka.admin()) {
      admin
          .createAcls(
              List.of(
                  new AclBinding(
                      articles,
                      new AccessControlEntry(
                          "User:ANONYMOUS", "*", AclOperation.ALL, AclPermissionType.ALLOW)),
                  new AclBinding(
                      articles,
                      new AccessControlEntry(
                          "User:ANONYMOUS", "*", AclOperation.WRITE, AclPermissionType.DENY))))
          .all()
          .get(30, TimeUnit.SECONDS);
    }
    return topics;
  }
}
