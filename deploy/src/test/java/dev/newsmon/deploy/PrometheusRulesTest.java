package dev.newsmon.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The alerting rules in {@code prometheus/alerts.yml}: Prometheus' own {@code promtool} checks the
 * configuration that loads them and runs their unit tests ({@code alerts-test.yml}), and every rule
 * has a test.
 */
class PrometheusRulesTest {
  private static final Path PROMETHEUS = Path.of("prometheus").toAbsolutePath();
  private static final Path PROMTOOL =
      Path.of(System.getenv().getOrDefault("PROMTOOL", "/usr/bin/promtool"));

  private static JsonNode rules;
  private static JsonNode tests;

  @BeforeAll
  static void read() throws IOException {
    YAMLMapper yaml = new YAMLMapper();
    rules = yaml.readTree(PROMETHEUS.resolve("alerts.yml").toFile());
    tests = yaml.readTree(PROMETHEUS.resolve("alerts-test.yml").toFile());
  }

  @Test
  void shouldPassPromtoolsConfigCheckWithTheRulesLoaded() throws Exception {
    Run run = promtool("check", "config", "prometheus.yml");

    assertThat(run.exitCode()).as(run.output()).isZero();
    assertThat(run.output()).contains("1 rule files found", rules().size() + " rules found");
  }

  @Test
  void shouldMountTheRulesBesideTheConfigInCompose() throws IOException {
    JsonNode compose =
        new YAMLMapper().readTree(PROMETHEUS.resolveSibling("docker-compose.yml").toFile());
    List<String> volumes = new ArrayList<>();
    compose
        .path("services")
        .path("prometheus")
        .path("volumes")
        .forEach(v -> volumes.add(v.asText()));

    // prometheus.yml names alerts.yml relative to itself
    assertThat(volumes)
        .contains(
            "./prometheus/prometheus.yml:/etc/prometheus/prometheus.yml:ro",
            "./prometheus/alerts.yml:/etc/prometheus/alerts.yml:ro");
  }

  @Test
  void shouldPassTheRulesUnitTests() throws Exception {
    Run run = promtool("test", "rules", "alerts-test.yml");

    assertThat(run.exitCode()).as(run.output()).isZero();
    assertThat(run.output()).contains("SUCCESS");
  }

  @Test
  void shouldTestEveryRuleBothQuietAndFiring() {
    Set<String> quiet = new TreeSet<>();
    Set<String> firing = new TreeSet<>();
    for (JsonNode test : tests.path("tests")) {
      for (JsonNode check : test.path("alert_rule_test")) {
        String name = check.path("alertname").asText();
        (check.path("exp_alerts").isEmpty() ? quiet : firing).add(name);
      }
    }

    assertThat(quiet).containsExactlyInAnyOrderElementsOf(rules());
    assertThat(firing).containsExactlyInAnyOrderElementsOf(rules());
  }

  @Test
  void shouldWatchOnlyMetricsNewsmonAndItsKafkaClientsExport() {
    Set<String> metrics = new TreeSet<>();
    for (JsonNode rule : PromQl.rules(rules)) {
      assertThat(rule.path("labels").path("severity").asText())
          .as(rule.path("alert").asText())
          .isIn("critical", "warning");
      PromQl.addMetricNames(rule.path("expr").asText(), metrics);
    }

    assertThat(metrics)
        .allMatch(n -> n.equals("up") || n.matches("(newsmon|kafka)_[a-z_]+"))
        .anyMatch(n -> n.startsWith("newsmon_processors_"))
        .anyMatch(n -> n.startsWith("newsmon_ingest_"))
        .anyMatch(n -> n.startsWith("kafka_stream_"));
  }

  private static List<String> rules() {
    return PromQl.rules(rules).stream().map(r -> r.path("alert").asText()).toList();
  }

  record Run(int exitCode, String output) {}

  private static Run promtool(String... args) throws IOException, InterruptedException {
    assumeTrue(
        Files.isExecutable(PROMTOOL),
        "no promtool at " + PROMTOOL + ": install it with `apt-get install -y prometheus`");
    List<String> command = new ArrayList<>(List.of(PROMTOOL.toString()));
    command.addAll(List.of(args));
    Process p =
        new ProcessBuilder(command)
            .directory(PROMETHEUS.toFile())
            .redirectErrorStream(true)
            .start();
    p.getOutputStream().close();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("promtool finished").isTrue();
    return new Run(p.exitValue(), output);
  }
}
