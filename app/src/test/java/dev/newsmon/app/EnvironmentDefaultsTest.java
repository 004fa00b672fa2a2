package dev.newsmon.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

class EnvironmentDefaultsTest {

  @Command(name = "probe")
  static final class Probe implements Runnable {
    @Mixin KafkaOptions kafka;

    @Option(names = "--port", defaultValue = "8080")
    int port;

    @Override
    public void run() {}
  }

  private static Probe parse(Map<String, String> env, String... args) {
    Probe probe = new Probe();
    new CommandLine(probe).setDefaultValueProvider(new EnvironmentDefaults(env)).parseArgs(args);
    return probe;
  }

  @Test
  void shouldTakeOptionsFromNewsmonVariablesBelowTheCommandLine() {
    Map<String, String> env =
        Map.of("NEWSMON_BOOTSTRAP_SERVERS", "kafka:9092", "NEWSMON_PORT", "9000");

    Probe fromEnv = parse(env);
    Probe fromArgs = parse(env, "--port", "7000");
    Probe none = parse(Map.of());

    assertThat(fromEnv.kafka.bootstrapServers).isEqualTo("kafka:9092");
    assertThat(fromEnv.port).isEqualTo(9000);
    assertThat(fromArgs.port).isEqualTo(7000);
    assertThat(none.kafka.bootstrapServers).isNull();
    assertThat(none.port).isEqualTo(8080);
    assertThat(none.kafka.topicPrefix).isEqualTo("newsmon.");
  }

  @Test
  void shouldNameTheVariableAfterTheLongestOptionName() {
    var spec = new CommandLine(new Probe()).getCommandSpec();

    assertThat(EnvironmentDefaults.variableFor(spec.findOption("--kafka-config")))
        .isEqualTo("NEWSMON_KAFKA_CONFIG");
    assertThat(EnvironmentDefaults.variableFor(spec.findOption("--embedded-data-dir")))
        .isEqualTo("NEWSMON_EMBEDDED_DATA_DIR");
  }
}
