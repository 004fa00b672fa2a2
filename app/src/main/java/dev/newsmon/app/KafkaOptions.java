package dev.newsmon.app;

import dev.newsmon.broker.DataDirInUseException;
import dev.newsmon.broker.EmbeddedKafka;
import dev.newsmon.broker.TopicCreation;
import dev.newsmon.schemas.Topics;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * Where the Kafka cluster is: {@code --bootstrap-servers} and a standard client properties file
 * (SASL, SSL and any other client setting pass through unchanged), or, without a bootstrap server,
 * the embedded broker on its default port and data dir.
 */
public final class KafkaOptions {
  private static final Duration REACHABLE_TIMEOUT = Duration.ofSeconds(30);

  @Spec(Spec.Target.MIXEE)
  CommandSpec spec;

  @Option(
      names = "--bootstrap-servers",
      paramLabel = "HOST:PORT",
      description = "Kafka cluster to use. Without it, an embedded broker is started.")
  String bootstrapServers;

  @Option(
      names = "--kafka-config",
      paramLabel = "FILE",
      description = "Kafka client properties file (security settings and any client option).")
  Path kafkaConfig;

  @Option(
      names = "--topic-prefix",
      paramLabel = "PREFIX",
      defaultValue = Topics.DEFAULT_PREFIX,
      description = "Prefix of every topic name (default: ${DEFAULT-VALUE}).")
  String topicPrefix;

  @Option(
      names = "--embedded-port",
      paramLabel = "N",
      defaultValue = "19092",
      description =
          "Port of the embedded broker when no cluster is given (default: ${DEFAULT-VALUE}).")
  int embeddedPort;

  @Option(
      names = "--embedded-data-dir",
      paramLabel = "DIR",
      defaultValue = "data/kafka",
      description = "Data dir of the embedded broker (default: ${DEFAULT-VALUE}).")
  Path embeddedDataDir;

  /** A live connection: client properties, and the embedded broker when this started one. */
  public record Connection(Properties clientProperties, Topics topics, EmbeddedKafka embedded)
      implements AutoCloseable {

    public String bootstrapServers() {
      return clientProperties.getProperty(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG);
    }

    /** A copy of the client properties, for one client to add its own settings to. */
    public Properties copy() {
      Properties p = new Properties();
      p.putAll(clientProperties);
      return p;
    }

    /**
     * Creates newsmon's topics that are missing; existing ones are left as they are.
     *
     * @throws IllegalStateException naming the servers when the cluster cannot be reached
     */
    public void ensureTopics(int partitions, short replicationFactor) {
      try (Admin admin = Admin.create(clientProperties)) {
        requireReachable(admin);
        TopicCreation.createMissing(admin, topics.newTopics(partitions, replicationFactor));
      }
    }

    /**
     * Asks the cluster for its nodes first, so that a wrong address or a stopped broker is named as
     * such (within {@code default.api.timeout.ms}, 30 s at most) rather than as a topic that timed
     * out.
     */
    private void requireReachable(Admin admin) {
      int timeoutMs =
          (int)
              Math.min(
                  REACHABLE_TIMEOUT.toMillis(),
                  Long.parseLong(
                      clientProperties.getProperty(
                          AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                          String.valueOf(REACHABLE_TIMEOUT.toMillis()))));
      try {
        admin
            .describeCluster(new DescribeClusterOptions().timeoutMs(timeoutMs))
            .nodes()
            .get(timeoutMs + 1_000L, TimeUnit.MILLISECONDS);
      } catch (ExecutionException | TimeoutException e) {
        Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
        throw new IllegalStateException(
            "cannot reach Kafka at "
                + bootstrapServers()
                + " within "
                + timeoutMs / 1000
                + " s ("
                + cause.getMessage()
                + "): is it running, and are --bootstrap-servers and --kafka-config right?",
            cause);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while reaching Kafka", e);
      }
    }

    @Override
    public void close() {
      if (embedded != null) {
        embedded.close();
      }
    }
  }

  /** Connects, starting the embedded broker when no bootstrap server was given. */
  public Connection connect() {
    Properties props = loadProperties();
    EmbeddedKafka embedded = null;
    if (bootstrapServers != null) {
      props.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    } else if (!props.containsKey(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG)) {
      ConsoleLogs.kafkaErrorsOnly();
      try {
        embedded = EmbeddedKafka.start(embeddedDataDir.toAbsolutePath().normalize(), embeddedPort);
      } catch (DataDirInUseException e) {
        throw new ParameterException(
            spec.commandLine(), e.getMessage() + " (--embedded-data-dir)", e);
      }
      props.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, embedded.bootstrapServers());
    }
    return new Connection(props, Topics.withPrefix(topicPrefix), embedded);
  }

  private Properties loadProperties() {
    Properties props = new Properties();
    if (kafkaConfig != null) {
      try (InputStream in = Files.newInputStream(kafkaConfig)) {
        props.load(in);
      } catch (IOException e) {
        throw new ParameterException(
            spec.commandLine(),
            "cannot read --kafka-config " + kafkaConfig + " (" + e.getMessage() + ")",
            e);
      }
    }
    return props;
  }
}
