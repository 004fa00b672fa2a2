package dev.newsmon.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.server.common.MetadataVersion;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedKafkaIT extends ArticleRoundTripContract {
  @AutoClose private static final EmbeddedKafka kafka = EmbeddedKafka.startEphemeral();

  @Override
  String bootstrapServers() {
    return kafka.bootstrapServers();
  }

  @Test
  void shouldRunAtTheLatestProductionMetadataVersion() throws Exception {
    try (Admin admin = kafka.admin()) {
      var features = admin.describeFeatures().featureMetadata().get().finalizedFeatures();

      assertThat(features.get("metadata.version").maxVersionLevel())
          .isEqualTo(MetadataVersion.latestProduction().featureLevel());
    }
  }

  @Test
  void shouldKeepTopicsAndTheirSettingsAcrossARestartOnTheSameDataDir(@TempDir Path dir)
      throws Exception {
    Path dataDir = dir.resolve("kafka");
    int port;
    try (EmbeddedKafka first = EmbeddedKafka.start(dataDir, 0)) {
      port = first.port();
      first.createTopics(
          List.of(
              new NewTopic("restart.compacted", 4, (short) 1)
                  .configs(Map.of("cleanup.policy", "compact"))));
    }
    assertThat(Files.exists(dataDir.resolve("logs/meta.properties"))).isTrue();

    try (EmbeddedKafka second = EmbeddedKafka.start(dataDir, port);
        Admin admin = second.admin()) {
      TopicDescription topic =
          admin
              .describeTopics(List.of("restart.compacted"))
              .allTopicNames()
              .get()
              .get("restart.compacted");
      var resource = new ConfigResource(ConfigResource.Type.TOPIC, "restart.compacted");
      var config = admin.describeConfigs(List.of(resource)).all().get().get(resource);

      assertThat(second.port()).isEqualTo(port);
      assertThat(topic.partitions()).hasSize(4);
      assertThat(config.get("cleanup.policy").value()).isEqualTo("compact");
    }
  }

  @Test
  void shouldRefuseASecondBrokerOnADataDirInUseAndNameItsHolder(@TempDir Path dir) {
    Path dataDir = dir.resolve("kafka");
    try (EmbeddedKafka first = EmbeddedKafka.start(dataDir, 0)) {
      assertThatThrownBy(() -> EmbeddedKafka.start(dataDir, 0))
          .isInstanceOf(DataDirInUseException.class)
          .hasMessageContaining(dataDir.toString())
          .hasMessageContaining("pid " + ProcessHandle.current().pid());
      try (Admin admin = first.admin()) {
        assertThat(admin.describeCluster().nodes()).succeedsWithin(Duration.ofSeconds(10));
      }
    }
    // released on close: the data dir can be used again
    try (EmbeddedKafka again = EmbeddedKafka.start(dataDir, 0)) {
      assertThat(again.dataDir()).isEqualTo(dataDir);
    }
  }

  @Test
  void shouldCreateOnlyMissingTopicsAndLeaveExistingOnesAsTheyAre() throws Exception {
    kafka.createTopics(List.of(new NewTopic("create.existing", 2, (short) 1)));

    kafka.createTopics(
        List.of(
            new NewTopic("create.existing", 5, (short) 1),
            new NewTopic("create.new", 3, (short) 1)));

    try (Admin admin = kafka.admin()) {
      var topics =
          admin.describeTopics(List.of("create.existing", "create.new")).allTopicNames().get();
      assertThat(topics.get("create.existing").partitions()).hasSize(2);
      assertThat(topics.get("create.new").partitions()).hasSize(3);
    }
    assertThatThrownBy(() -> kafka.createTopics(List.of(new NewTopic("create.bad", 1, (short) 3))))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("cannot create topic create.bad");
  }

  @Test
  void shouldAllowTransactionsOnASingleNode() throws Exception {
    var props =
        Map.<String, Object>of(
            "bootstrap.servers",
            kafka.bootstrapServers(),
            "transactional.id",
            "embedded-it-tx",
            "key.serializer",
            org.apache.kafka.common.serialization.StringSerializer.class,
            "value.serializer",
            org.apache.kafka.common.serialization.StringSerializer.class);
    try (var producer =
        new org.apache.kafka.clients.producer.KafkaProducer<String, String>(props)) {
      producer.initTransactions();
      producer.beginTransaction();
      var sent =
          producer.send(
              new org.apache.kafka.clients.producer.ProducerRecord<>("tx.topic", "k", "v"));
      producer.commitTransaction();

      assertThat(sent.get().hasOffset()).isTrue();
    }
  }
}
