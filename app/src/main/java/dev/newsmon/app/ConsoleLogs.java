package dev.newsmon.app;

/**
 * How much reaches the console from Kafka's own loggers and newsmon's, per command. {@code
 * simplelogger.properties} shows Kafka's warnings; a command that runs the broker itself turns them
 * down before the first Kafka logger exists, because those warnings are about newsmon's private
 * broker and nobody can act on them (the controller's bootstrap of an empty metadata log, a
 * transaction marker still in flight, a client closed twice at shutdown). A level set with {@code
 * -Dorg.slf4j.simpleLogger.log.NAME} (through {@code NEWSMON_JAVA_OPTS}) always wins.
 */
final class ConsoleLogs {
  static final String PREFIX = "org.slf4j.simpleLogger.log.";

  /** The Java clients, Streams and the KRaft controller; and the broker's Scala side. */
  static final String[] KAFKA = {"org.apache.kafka", "kafka"};

  static final String REPLICA_MANAGER = "kafka.server.ReplicaManager";

  static final String NEWSMON = "dev.newsmon";

  private ConsoleLogs() {}

  /** Kafka logs errors only: for commands on their own embedded broker. */
  static void kafkaErrorsOnly() {
    for (String logger : KAFKA) {
      levelUnlessGiven(logger, "error");
    }
  }

  /**
   * Kafka logs errors only and newsmon warnings: for a batch command on a throwaway broker, whose
   * output and summary say what happened. The broker's replica manager is silenced too: under
   * transactions v2 it logs a retried out-of-order batch as an error (KAFKA-18202, see README), and
   * on a broker that is deleted after the run nothing else it could report is left to act on.
   */
  static void quietBatch() {
    kafkaErrorsOnly();
    levelUnlessGiven(REPLICA_MANAGER, "off");
    levelUnlessGiven(NEWSMON, "warn");
  }

  private static void levelUnlessGiven(String logger, String level) {
    if (System.getProperty(PREFIX + logger) == null) {
      System.setProperty(PREFIX + logger, level);
    }
  }
}
