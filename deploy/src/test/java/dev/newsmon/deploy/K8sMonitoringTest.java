package dev.newsmon.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * {@code k8s/monitoring/} for the Prometheus Operator: the PrometheusRule carries the rules of
 * {@code prometheus/alerts.yml}, and the PodMonitor scrapes every newsmon pod under the job name
 * those rules select.
 */
class K8sMonitoringTest {
  private static final Path DEPLOY = Path.of("").toAbsolutePath();
  private static final Path MONITORING = DEPLOY.resolve("k8s/monitoring");
  private static final YAMLMapper YAML = new YAMLMapper();
  private static final Pattern JOB = Pattern.compile("job=\"([^\"]+)\"");

  @Test
  void shouldCarryTheRulesOfAlertsYml() throws IOException {
    JsonNode alerts = YAML.readTree(DEPLOY.resolve("prometheus/alerts.yml").toFile());
    JsonNode rule = YAML.readTree(MONITORING.resolve("prometheusrule.yaml").toFile());

    assertThat(rule.path("kind").asText()).isEqualTo("PrometheusRule");
    assertThat(PromQl.rules(rule.path("spec"))).hasSize(PromQl.rules(alerts).size());
    assertThat(rule.path("spec").path("groups"))
        .as("k8s/monitoring/prometheusrule.yaml's spec.groups: copy them from alerts.yml")
        .isEqualTo(alerts.path("groups"));
  }

  @Test
  void shouldScrapeEveryNewsmonPodUnderTheJobNameTheRulesSelect() throws IOException {
    JsonNode monitor = YAML.readTree(MONITORING.resolve("podmonitor.yaml").toFile());
    JsonNode spec = monitor.path("spec");
    JsonNode endpoint = spec.path("podMetricsEndpoints").get(0);
    Set<String> jobs = new TreeSet<>();
    for (Path file :
        List.of(DEPLOY.resolve("k8s/ingest.yaml"), DEPLOY.resolve("k8s/processors.yaml"))) {
      for (JsonNode doc : YamlDocuments.of(file)) {
        String kind = doc.path("kind").asText();
        if (!kind.equals("Deployment") && !kind.equals("StatefulSet")) {
          continue;
        }
        JsonNode pod = doc.path("spec").path("template");
        JsonNode labels = pod.path("metadata").path("labels");
        spec.path("selector")
            .path("matchLabels")
            .properties()
            .forEach(
                e ->
                    assertThat(labels.path(e.getKey()).asText())
                        .as(file.getFileName() + " pod label " + e.getKey())
                        .isEqualTo(e.getValue().asText()));
        jobs.add(labels.path(spec.path("jobLabel").asText()).asText());
        List<String> ports = new ArrayList<>();
        pod.path("spec")
            .path("containers")
            .forEach(c -> c.path("ports").forEach(p -> ports.add(p.path("name").asText())));
        assertThat(ports)
            .as(file.getFileName() + " port names")
            .contains(endpoint.path("port").asText());
        assertThat(endpoint.path("path").asText())
            .isEqualTo(
                pod.path("metadata").path("annotations").path("prometheus.io/path").asText());
      }
    }

    Set<String> selected = new TreeSet<>();
    for (JsonNode rule :
        PromQl.rules(YAML.readTree(DEPLOY.resolve("prometheus/alerts.yml").toFile()))) {
      Matcher m = JOB.matcher(rule.path("expr").asText());
      while (m.find()) {
        selected.add(m.group(1));
      }
    }
    assertThat(selected).containsExactly("newsmon-ingest", "newsmon-processors");
    assertThat(jobs).isEqualTo(selected);
  }

  @Test
  void shouldApplyBothFilesWithKustomize() throws IOException {
    JsonNode kustomization = YAML.readTree(MONITORING.resolve("kustomization.yaml").toFile());
    List<String> resources = new ArrayList<>();
    kustomization.path("resources").forEach(r -> resources.add(r.asText()));
    List<String> files;
    try (Stream<Path> list = Files.list(MONITORING)) {
      files =
          list.map(p -> p.getFileName().toString())
              .filter(n -> !n.equals("kustomization.yaml"))
              .toList();
    }

    assertThat(resources).containsExactlyInAnyOrderElementsOf(files).hasSize(2);
  }
}
