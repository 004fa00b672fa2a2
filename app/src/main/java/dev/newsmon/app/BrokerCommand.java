package dev.newsmon.app;

import dev.newsmon.broker.DataDirInUseException;
import dev.newsmon.broker.EmbeddedKafka;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code newsmon broker}: a single-node KRaft broker in the foreground until Ctrl-C or SIGTERM. */
@Command(
    name = "broker",
    mixinStandardHelpOptions = true,
    description = "Run the embedded single-node Kafka broker (KRaft) until stopped.")
final class BrokerCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--port",
      paramLabel = "N",
      defaultValue = "19092",
      description = "Client port on 127.0.0.1 (default: ${DEFAULT-VALUE}).")
  int port;

  @Option(
      names = "--data-dir",
      paramLabel = "DIR",
      defaultValue = "data/kafka",
      description = "Where the broker keeps its logs across restarts (default: ${DEFAULT-VALUE}).")
  Path dataDir;

  @Override
  public Integer call() throws InterruptedException {
    EmbeddedKafka kafka;
    try {
      kafka = EmbeddedKafka.start(dataDir.toAbsolutePath().normalize(), port);
    } catch (DataDirInUseException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage() + " (--data-dir)", e);
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  kafka.close();
                  stopped.countDown();
                },
                "newsmon-broker-shutdown"));
    System.out.printf(
        "Kafka broker listening on %s (data in %s). Ctrl-C stops it.%n",
        kafka.bootstrapServers(), kafka.dataDir());
    stopped.await();
    return 0;
  }
}
