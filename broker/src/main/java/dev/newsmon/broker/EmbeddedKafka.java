package dev.newsmon.broker;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.stream.Stream;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.properties.MetaPropertiesEnsemble;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.Feature;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A single-node Kafka broker running in this JVM in KRaft combined mode (broker and controller in
 * one process), started from Kafka's own server jars.
 *
 * <p>It is the real thing, not a mock: the same log, transactions and group coordinator as a
 * cluster, tuned for one node (replication factor 1 for internal topics, no initial rebalance
 * delay, a small log-cleaner buffer). Data lives in a directory that survives restarts, or in a
 * temporary one deleted on {@link #close()}.
 */
public final class EmbeddedKafka implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(EmbeddedKafka.class);
  private static final String BROKER_LISTENER = "PLAINTEXT";
  private static final String CONTROLLER_LISTENER = "CONTROLLER";
  private static final int NODE_ID = 1;

  /** Held while a broker runs on the data dir; names the process that holds it. */
  static final String LOCK_FILE = "newsmon.lock";

  private final Path dataDir;
  private final boolean deleteOnClose;
  private final int port;
  private final KafkaRaftServer server;
  private final FileChannel lock;
  private boolean closed;

  private EmbeddedKafka(
      Path dataDir, boolean deleteOnClose, int port, KafkaRaftServer server, FileChannel lock) {
    this.dataDir = dataDir;
    this.deleteOnClose = deleteOnClose;
    this.port = port;
    this.server = server;
    this.lock = lock;
  }

  /** A broker on a free port with its data in a temporary directory, removed on close. */
  public static EmbeddedKafka startEphemeral() {
    try {
      return start(Files.createTempDirectory("newsmon-kafka-"), 0, true, Map.of());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * A broker whose data lives in {@code dataDir}, formatted on first use and reused after. A {@code
   * port} of 0 picks a free one.
   */
  public static EmbeddedKafka start(Path dataDir, int port) {
    return start(dataDir, port, false, Map.of());
  }

  /**
   * @param overrides broker settings that replace the defaults, such as {@code num.partitions}
   */
  public static EmbeddedKafka start(
      Path dataDir, int port, boolean deleteOnClose, Map<String, String> overrides) {
    FileChannel lock = null;
    try {
      Files.createDirectories(dataDir);
      lock = lock(dataDir);
      if (port != 0) {
        requireFree(port);
      }
      int brokerPort = port == 0 ? freePort() : port;
      int controllerPort = freePort();
      Properties props = brokerProperties(dataDir, brokerPort, controllerPort);
      props.putAll(overrides);
      KafkaConfig config = KafkaConfig.fromProps(props, false);
      formatIfNeeded(dataDir, config);
      KafkaRaftServer server = new KafkaRaftServer(config, Time.SYSTEM);
      long started = System.nanoTime();
      server.startup();
      EmbeddedKafka kafka = new EmbeddedKafka(dataDir, deleteOnClose, brokerPort, server, lock);
      kafka.awaitReady();
      log.info(
          "Kafka broker ready at {} in {} ms (data in {})",
          kafka.bootstrapServers(),
          (System.nanoTime() - started) / 1_000_000,
          dataDir);
      return kafka;
    } catch (IOException e) {
      closeQuietly(lock);
      throw new UncheckedIOException(e);
    } catch (RuntimeException e) {
      closeQuietly(lock);
      throw e;
    }
  }

  /**
   * Locks {@code dataDir} for this broker and writes who holds it. A second broker on the same data
   * (a second {@code newsmon run} in the same directory) would write into the first one's metadata
   * log and corrupt it; Kafka's own lock on the log dir is taken too late to prevent that.
   *
   * @throws DataDirInUseException when another broker holds it
   */
  private static FileChannel lock(Path dataDir) throws IOException {
    Path file = dataDir.resolve(LOCK_FILE);
    FileChannel channel =
        FileChannel.open(
            file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
    FileLock held;
    try {
      held = channel.tryLock();
    } catch (OverlappingFileLockException e) {
      held = null; // held by this very process
    }
    if (held == null) {
      String holder;
      try {
        holder = Files.readString(file, StandardCharsets.UTF_8).strip();
      } catch (IOException unreadable) {
        holder = ""; // where locks are mandatory, the holder's note cannot be read
      } finally {
        channel.close();
      }
      throw new DataDirInUseException(dataDir, holder);
    }
    channel.truncate(0);
    channel.write(StandardCharsets.UTF_8.encode("pid " + ProcessHandle.current().pid()), 0);
    return channel;
  }

  private static void closeQuietly(FileChannel channel) {
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException e) {
        log.debug("cannot release the data dir lock: {}", e.getMessage());
      }
    }
  }

  static Properties brokerProperties(Path dataDir, int brokerPort, int controllerPort) {
    Properties p = new Properties();
    p.put("process.roles", "broker,controller");
    p.put("node.id", Integer.toString(NODE_ID));
    p.put("controller.quorum.voters", NODE_ID + "@127.0.0.1:" + controllerPort);
    p.put(
        "listeners",
        BROKER_LISTENER
            + "://127.0.0.1:"
            + brokerPort
            + ","
            + CONTROLLER_LISTENER
            + "://127.0.0.1:"
            + controllerPort);
    p.put("advertised.listeners", BROKER_LISTENER + "://127.0.0.1:" + brokerPort);
    p.put("controller.listener.names", CONTROLLER_LISTENER);
    p.put("inter.broker.listener.name", BROKER_LISTENER);
    p.put(
        "listener.security.protocol.map",
        BROKER_LISTENER + ":PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
    p.put("log.dirs", dataDir.resolve("logs").toString());
    // One node: every internal topic must fit on it.
    p.put("offsets.topic.replication.factor", "1");
    p.put("offsets.topic.num.partitions", "5");
    p.put("transaction.state.log.replication.factor", "1");
    p.put("transaction.state.log.min.isr", "1");
    p.put("transaction.state.log.num.partitions", "5");
    p.put("share.coordinator.state.topic.replication.factor", "1");
    p.put("share.coordinator.state.topic.min.isr", "1");
    p.put("default.replication.factor", "1");
    p.put("min.insync.replicas", "1");
    p.put("num.partitions", "3");
    // A new consumer group starts at once instead of waiting for more members.
    p.put("group.initial.rebalance.delay.ms", "0");
    // The default 128 MiB cleaner buffer is sized for real clusters.
    p.put("log.cleaner.dedupe.buffer.size", Integer.toString(2 * 1024 * 1024));
    p.put("log.cleaner.threads", "1");
    p.put("num.network.threads", "2");
    p.put("num.io.threads", "4");
    p.put("auto.create.topics.enable", "true");
    p.put("delete.topic.enable", "true");
    p.put("unstable.api.versions.enable", "false");
    return p;
  }

  private static void formatIfNeeded(Path dataDir, KafkaConfig config) throws IOException {
    Path logDir = dataDir.resolve("logs");
    if (Files.exists(logDir.resolve(MetaPropertiesEnsemble.META_PROPERTIES_NAME))) {
      return;
    }
    try {
      new Formatter()
          // The formatter narrates its bootstrap records; one log line says the same.
          .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
          .setNodeId(NODE_ID)
          .setClusterId(Uuid.randomUuid().toString())
          .setDirectories(List.of(logDir.toString()))
          .setMetadataLogDirectory(logDir.toString())
          .setControllerListenerName(CONTROLLER_LISTENER)
          .setSupportedFeatures(Feature.PRODUCTION_FEATURES)
          .setReleaseVersion(MetadataVersion.latestProduction())
          .setUnstableFeatureVersionsEnabled(false)
          .setIgnoreFormatted(true)
          .run();
    } catch (Exception e) {
      throw new IllegalStateException("cannot format Kafka storage in " + logDir, e);
    }
    log.info(
        "Formatted new Kafka storage in {} at metadata version {}",
        logDir,
        MetadataVersion.latestProduction());
  }

  private void awaitReady() {
    // startup() returns once the broker is running; a metadata round trip proves clients can use
    // it.
    try (Admin admin = admin()) {
      admin.describeCluster().nodes().get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the broker", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("broker did not become ready", e.getCause());
    }
  }

  /** {@code 127.0.0.1:port}, for {@code bootstrap.servers}. */
  public String bootstrapServers() {
    return "127.0.0.1:" + port;
  }

  public int port() {
    return port;
  }

  public Path dataDir() {
    return dataDir;
  }

  public Admin admin() {
    return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()));
  }

  /** Creates the topics that do not exist yet. */
  public void createTopics(List<NewTopic> topics) {
    try (Admin admin = admin()) {
      TopicCreation.createMissing(admin, topics);
    }
  }

  /** Stops the broker cleanly, flushing its logs; safe to call twice. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    server.shutdown();
    server.awaitShutdown();
    closeQuietly(lock);
    if (deleteOnClose) {
      deleteRecursively(dataDir);
    }
    log.info("Kafka broker at 127.0.0.1:{} stopped", port);
  }

  /**
   * Fails at once, and says so, when {@code port} is taken: the broker would fail too, but only
   * after pages of its own stack traces.
   */
  private static void requireFree(int port) {
    try {
      bindOnce(port);
    } catch (IOException e) {
      throw new IllegalStateException(
          "the embedded broker cannot listen on 127.0.0.1:"
              + port
              + " ("
              + e.getMessage()
              + "): is another broker running? Stop it, or give a port of its own",
          e);
    }
  }

  private static int freePort() throws IOException {
    return bindOnce(0);
  }

  /** Binds {@code port} on 127.0.0.1 (0 for any) and lets it go; the port it bound. */
  private static int bindOnce(int port) throws IOException {
    try (ServerSocket socket = new ServerSocket()) {
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress("127.0.0.1", port));
      return socket.getLocalPort();
    }
  }

  private static void deleteRecursively(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      paths
          .sorted(Comparator.reverseOrder())
          .forEach(
              p -> {
                try {
                  Files.deleteIfExists(p);
                } catch (IOException e) {
                  log.warn("cannot delete {}: {}", p, e.getMessage());
                }
              });
    } catch (IOException e) {
      log.warn("cannot delete {}: {}", dir, e.getMessage());
    }
  }
}
