package dev.newsmon.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.newsmon.app.EnvironmentDefaults;
import dev.newsmon.app.Newsmon;
import dev.newsmon.ingest.FeedLists;
import dev.newsmon.ingest.Ingest;
import dev.newsmon.processors.match.WatchlistLoader;
import dev.newsmon.processors.web.DashboardServer;
import dev.newsmon.schemas.Topics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

/**
 * The Compose file and the Kubernetes manifests name only what the app really has: its image,
 * commands, options, environment variables, ports and topics.
 */
class DeployConsistencyTest {
  private static final Path DEPLOY = Path.of("").toAbsolutePath();
  private static final YAMLMapper YAML = new YAMLMapper();
  private static final Set<String> JVM_VARIABLES = Set.of("JAVA_TOOL_OPTIONS");

  /** One newsmon container as Compose or Kubernetes runs it. */
  record Container(
      String where, String image, List<String> args, Map<String, String> env, Set<Integer> ports) {}

  private static JsonNode compose;
  private static List<JsonNode> manifests;
  private static String newsmonImage;
  private static String kafkaVersion;

  @BeforeAll
  static void read() throws Exception {
    compose = YAML.readTree(DEPLOY.resolve("docker-compose.yml").toFile());
    manifests = new ArrayList<>();
    try (Stream<Path> files = Files.list(DEPLOY.resolve("k8s"))) {
      for (Path f : files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
        for (JsonNode doc : YamlDocuments.of(f)) {
          if (!"Kustomization".equals(doc.path("kind").asText())) {
            manifests.add(doc);
          }
        }
      }
    }
    Document deployPom = xml(DEPLOY.resolve("pom.xml"));
    Document parentPom = xml(DEPLOY.resolve("../pom.xml"));
    String version = text(parentPom.getDocumentElement(), "version");
    newsmonImage = property(deployPom, "newsmon.image").replace("${project.version}", version);
    kafkaVersion = property(parentPom, "kafka.version");
  }

  private static Document xml(Path file) throws Exception {
    return DocumentBuilderFactory.newDefaultInstance().newDocumentBuilder().parse(file.toFile());
  }

  private static String text(Element parent, String child) {
    for (var n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e && e.getTagName().equals(child)) {
        return e.getTextContent().strip();
      }
    }
    throw new AssertionError("no <" + child + "> in <" + parent.getTagName() + ">");
  }

  private static String property(Document pom, String name) {
    Element props = (Element) pom.getElementsByTagName("properties").item(0);
    return text(props, name);
  }

  private static List<String> strings(JsonNode node) {
    List<String> out = new ArrayList<>();
    node.forEach(n -> out.add(n.asText()));
    return out;
  }

  private static Map<String, JsonNode> kinds(String kind) {
    Map<String, JsonNode> out = new LinkedHashMap<>();
    for (JsonNode m : manifests) {
      if (kind.equals(m.path("kind").asText())) {
        out.put(m.path("metadata").path("name").asText(), m);
      }
    }
    return out;
  }

  /** Every container that runs the newsmon image, from Compose and from the manifests. */
  static List<Container> newsmonContainers() {
    List<Container> out = new ArrayList<>();
    compose
        .path("services")
        .fields()
        .forEachRemaining(
            e -> {
              JsonNode s = e.getValue();
              if (!s.path("image").asText().startsWith("newsmon/")) {
                return;
              }
              Map<String, String> env = new LinkedHashMap<>();
              s.path("environment")
                  .fields()
                  .forEachRemaining(v -> env.put(v.getKey(), v.getValue().asText()));
              Set<Integer> ports = new TreeSet<>();
              for (String p : strings(s.path("ports"))) {
                String[] parts = p.split(":");
                ports.add(Integer.parseInt(parts[parts.length - 1].split("/")[0]));
              }
              out.add(
                  new Container(
                      "compose service " + e.getKey(),
                      s.path("image").asText(),
                      strings(s.path("command")),
                      env,
                      ports));
            });
    Map<String, JsonNode> configMaps = kinds("ConfigMap");
    for (String kind : List.of("Deployment", "StatefulSet")) {
      kinds(kind)
          .forEach(
              (name, m) -> {
                for (JsonNode c : m.path("spec").path("template").path("spec").path("containers")) {
                  Map<String, String> env = new LinkedHashMap<>();
                  for (JsonNode from : c.path("envFrom")) {
                    String ref = from.path("configMapRef").path("name").asText();
                    assertThat(configMaps).as(kind + " " + name + " envFrom").containsKey(ref);
                    configMaps
                        .get(ref)
                        .path("data")
                        .fields()
                        .forEachRemaining(v -> env.put(v.getKey(), v.getValue().asText()));
                  }
                  for (JsonNode v : c.path("env")) {
                    env.put(v.path("name").asText(), v.path("value").asText());
                  }
                  Set<Integer> ports = new TreeSet<>();
                  c.path("ports").forEach(p -> ports.add(p.path("containerPort").asInt()));
                  out.add(
                      new Container(
                          kind + " " + name + " container " + c.path("name").asText(),
                          c.path("image").asText(),
                          strings(c.path("args")),
                          env,
                          ports));
                }
              });
    }
    return out;
  }

  /** Parses the container's command line as the app would, with its environment as defaults. */
  private static ParseResult parse(Container c) {
    CommandLine cl = Newsmon.commandLine();
    cl.setDefaultValueProvider(new EnvironmentDefaults(c.env()));
    ParseResult result = cl.parseArgs(c.args().toArray(String[]::new));
    assertThat(result.subcommand()).as(c.where() + " runs a newsmon command").isNotNull();
    return result.subcommand();
  }

  @Test
  void shouldFindContainersForIngestAndProcessorsInBothFiles() {
    List<String> commands =
        newsmonContainers().stream().map(c -> c.where() + " " + c.args().get(0)).toList();

    assertThat(commands)
        .anyMatch(c -> c.startsWith("compose") && c.endsWith(" ingest"))
        .anyMatch(c -> c.startsWith("compose") && c.endsWith(" process"))
        .anyMatch(c -> c.startsWith("Deployment") && c.endsWith(" ingest"))
        .anyMatch(c -> c.startsWith("StatefulSet") && c.endsWith(" process"));
    assertThat(compose.path("services").fieldNames())
        .toIterable()
        .contains("kafka", "ingest", "processors-1", "processors-2", "prometheus", "grafana");
  }

  @Test
  void shouldProbeReadinessOnTheHealthEndpoints() {
    // only /health follows Kafka Streams' state, or whether ingest can publish; /metrics is 200
    // whatever happens
    Map<String, String> healthPaths =
        Map.of("process", DashboardServer.HEALTH_PATH, "ingest", Ingest.HEALTH_PATH);
    List<String> probed = new ArrayList<>();
    for (JsonNode m : manifests) {
      for (JsonNode c : m.path("spec").path("template").path("spec").path("containers")) {
        String command = c.path("args").path(0).asText();
        if (healthPaths.containsKey(command)) {
          JsonNode get = c.path("readinessProbe").path("httpGet");
          String where = m.path("kind").asText() + " " + m.path("metadata").path("name").asText();
          assertThat(get.path("path").asText())
              .as(where + " readiness path")
              .isEqualTo(healthPaths.get(command));
          assertThat(c.path("ports").findValuesAsText("name"))
              .as(where + " readiness port")
              .contains(get.path("port").asText());
          probed.add(where);
        }
      }
    }
    assertThat(probed)
        .containsExactlyInAnyOrder("Deployment newsmon-ingest", "StatefulSet newsmon-processors");
  }

  @Test
  void shouldRestartNewsmonServicesThatExitOnFailure() {
    // process and run exit with status 1 when Kafka Streams fails for good (ProcessFailureIT)
    compose
        .path("services")
        .fields()
        .forEachRemaining(
            e -> {
              if (e.getValue().path("image").asText().startsWith("newsmon/")) {
                assertThat(e.getValue().path("restart").asText())
                    .as("compose service " + e.getKey() + " restart policy")
                    .isIn("always", "unless-stopped", "on-failure");
              }
            });
  }

  @Test
  void shouldRunTheImageJibBuildsAndPinnedThirdPartyImages() {
    Set<String> images = new TreeSet<>();
    compose.path("services").forEach(s -> images.add(s.path("image").asText()));
    for (JsonNode m : manifests) {
      m.path("spec")
          .path("template")
          .path("spec")
          .path("containers")
          .forEach(c -> images.add(c.path("image").asText()));
    }

    for (String image : images) {
      if (image.startsWith("newsmon/")) {
        assertThat(image).as("the image deploy/pom.xml builds").isEqualTo(newsmonImage);
      } else if (image.startsWith("apache/kafka:")) {
        assertThat(image)
            .as("broker as the project's Kafka")
            .isEqualTo("apache/kafka:" + kafkaVersion);
      } else {
        assertThat(image).matches("(prom/prometheus|grafana/grafana):v?\\d+\\.\\d+\\.\\d+");
      }
    }
    assertThat(images).contains(newsmonImage);
  }

  @Test
  void shouldRunRealCommandsWithRealOptionsAndVariables() {
    for (Container c : newsmonContainers()) {
      ParseResult sub = parse(c); // throws on an unknown command, option or bad value
      Set<String> known = new TreeSet<>();
      for (OptionSpec o : sub.commandSpec().options()) {
        known.add(EnvironmentDefaults.variableFor(o));
      }
      for (String variable : c.env().keySet()) {
        if (!JVM_VARIABLES.contains(variable)) {
          assertThat(known)
              .as(c.where() + ": " + variable + " must set an option of '" + c.args().get(0) + "'")
              .contains(variable);
        }
      }
    }
  }

  @Test
  void shouldExposeOnlyPortsTheAppListensOn() throws IOException {
    Map<String, Set<Integer>> listening = new HashMap<>();
    for (Container c : newsmonContainers()) {
      ParseResult sub = parse(c);
      Set<Integer> ports = new TreeSet<>();
      for (OptionSpec o : sub.commandSpec().options()) {
        if (o.longestName().endsWith("-port") || o.longestName().equals("--port")) {
          Object value = o.getValue();
          if (value instanceof Integer port && !o.longestName().startsWith("--embedded")) {
            ports.add(port);
          }
        }
      }
      assertThat(ports).as(c.where() + " listens on").containsAll(c.ports());
      listening.put(c.where(), ports);
    }

    JsonNode prometheus = YAML.readTree(DEPLOY.resolve("prometheus/prometheus.yml").toFile());
    for (JsonNode job : prometheus.path("scrape_configs")) {
      assertThat(job.path("metrics_path").asText()).isEqualTo("/metrics");
      for (JsonNode sc : job.path("static_configs")) {
        for (String target : strings(sc.path("targets"))) {
          String[] hostPort = target.split(":");
          assertThat(listening.get("compose service " + hostPort[0]))
              .as("prometheus target " + target)
              .contains(Integer.parseInt(hostPort[1]));
        }
      }
    }
    for (JsonNode m : manifests) {
      JsonNode template = m.path("spec").path("template");
      String port =
          template.path("metadata").path("annotations").path("prometheus.io/port").asText();
      if (!port.isEmpty()) {
        assertThat(
                template
                    .path("spec")
                    .path("containers")
                    .get(0)
                    .path("ports")
                    .findValuesAsText("containerPort"))
            .as(m.path("metadata").path("name").asText() + " scrape port")
            .contains(port);
      }
    }
  }

  @Test
  void shouldDeclareExactlyTheAppsTopicsWithTheirCleanupAndRetention() {
    Map<String, Map<String, String>> expected = new LinkedHashMap<>();
    for (NewTopic t : Topics.defaults().newTopics(1, (short) 1)) {
      expected.put(t.name(), t.configs());
    }

    Map<String, Map<String, String>> strimzi = new LinkedHashMap<>();
    kinds("KafkaTopic")
        .forEach(
            (name, m) -> {
              String topic = m.path("spec").path("topicName").asText(name);
              Map<String, String> configs = new LinkedHashMap<>();
              m.path("spec")
                  .path("config")
                  .fields()
                  .forEachRemaining(
                      e -> {
                        if (APP_TOPIC_CONFIGS.contains(e.getKey())) {
                          configs.put(e.getKey(), e.getValue().asText());
                        }
                      });
              strimzi.put(topic, configs);
            });
    Map<String, Map<String, String>> composeTopics = new LinkedHashMap<>();
    String script =
        String.join("\n", strings(compose.path("services").path("topics").path("command")));
    Matcher create = Pattern.compile("(?m)^\\s*create (\\S+)(.*)$").matcher(script);
    while (create.find()) {
      Map<String, String> configs = new LinkedHashMap<>();
      Matcher config = Pattern.compile("--config (\\S+)=(\\S+)").matcher(create.group(2));
      while (config.find()) {
        configs.put(config.group(1), config.group(2));
      }
      composeTopics.put(create.group(1), configs);
    }

    assertThat(strimzi).isEqualTo(expected);
    assertThat(composeTopics).isEqualTo(expected);
  }

  /** The topic settings newsmon's own topic creation sets; a manifest may add others. */
  private static final Set<String> APP_TOPIC_CONFIGS = Set.of("cleanup.policy", "retention.ms");

  @Test
  void shouldReplicateTheChangelogsAsTheKafkaTopics() {
    String configured =
        kinds("ConfigMap")
            .get("newsmon-config")
            .path("data")
            .path("NEWSMON_REPLICATION_FACTOR")
            .asText();
    assertThat(configured)
        .as("newsmon-config sets the processors' changelog replication (else broker default)")
        .isNotEmpty();
    int replicas = Integer.parseInt(configured);

    Map<String, JsonNode> topics = kinds("KafkaTopic");
    assertThat(topics).isNotEmpty();
    topics.forEach(
        (name, m) -> {
          assertThat(m.path("spec").path("replicas").asInt()).as(name).isEqualTo(replicas);
          assertThat(m.path("spec").path("config").path("min.insync.replicas").asInt())
              .as(name + " min.insync.replicas, as the changelogs get it")
              .isEqualTo(Topics.minInsyncReplicas(replicas).orElseThrow());
        });
  }

  @Test
  void shouldGiveEachProcessorAStableGroupInstanceIdOfItsOwn() {
    JsonNode container =
        kinds("StatefulSet")
            .get("newsmon-processors")
            .path("spec")
            .path("template")
            .path("spec")
            .path("containers")
            .get(0);
    String fieldPath = null;
    for (JsonNode v : container.path("env")) {
      if (v.path("name").asText().equals("NEWSMON_GROUP_INSTANCE_ID")) {
        fieldPath = v.path("valueFrom").path("fieldRef").path("fieldPath").asText();
      }
    }
    assertThat(fieldPath).as("the StatefulSet pod's stable name").isEqualTo("metadata.name");

    List<String> composeIds = new ArrayList<>();
    for (Container c : newsmonContainers()) {
      if (c.where().startsWith("compose") && c.args().get(0).equals("process")) {
        composeIds.add(parse(c).matchedOptionValue("--group-instance-id", (String) null));
      }
    }
    assertThat(composeIds).hasSize(2).doesNotContainNull().doesNotHaveDuplicates();
  }

  @Test
  void shouldProvisionTheGrafanaDashboardOnThePrometheusDatasource() throws IOException {
    JsonNode datasources =
        YAML.readTree(DEPLOY.resolve("grafana/provisioning/datasources/prometheus.yml").toFile());
    String uid = datasources.path("datasources").get(0).path("uid").asText();
    String url = datasources.path("datasources").get(0).path("url").asText();
    JsonNode dashboard =
        new ObjectMapper().readTree(DEPLOY.resolve("grafana/dashboards/newsmon.json").toFile());

    assertThat(url).isEqualTo("http://prometheus:9090");
    assertThat(compose.path("services").path("prometheus").path("ports").get(0).asText())
        .endsWith(":9090");
    Set<String> metrics = new LinkedHashSet<>();
    for (JsonNode panel : dashboard.path("panels")) {
      assertThat(panel.path("datasource").path("uid").asText()).isEqualTo(uid);
      for (JsonNode target : panel.path("targets")) {
        PromQl.addMetricNames(target.path("expr").asText(), metrics);
      }
    }
    assertThat(metrics).isNotEmpty().allMatch(n -> n.matches("(newsmon|kafka|jvm)_[a-z_]+"));
    assertThat(metrics).anyMatch(n -> n.startsWith("newsmon_processors_"));
    assertThat(metrics).anyMatch(n -> n.startsWith("newsmon_ingest_"));
  }

  @Test
  void shouldMountTheBundledWatchlistWhereTheProcessorsReadIt() {
    String yaml =
        kinds("ConfigMap").get("newsmon-watchlist").path("data").path("watchlist.yaml").asText();

    assertThat(WatchlistLoader.parse(yaml, "k8s/watchlist.yaml"))
        .as("k8s/watchlist.yaml is a copy of the bundled default watchlist")
        .isEqualTo(WatchlistLoader.defaultWatchlist());
    JsonNode pod =
        kinds("StatefulSet").get("newsmon-processors").path("spec").path("template").path("spec");
    JsonNode container = pod.path("containers").get(0);
    String file = null;
    for (JsonNode v : container.path("env")) {
      if (v.path("name").asText().equals("NEWSMON_WATCHLIST")) {
        file = v.path("value").asText();
      }
    }
    assertThat(file).isNotNull();
    String mountedAt = null;
    for (JsonNode m : container.path("volumeMounts")) {
      if (m.path("name").asText().equals("watchlist")) {
        mountedAt = m.path("mountPath").asText();
      }
    }
    assertThat(file).isEqualTo(mountedAt + "/watchlist.yaml");
    assertThat(pod.path("volumes").findValuesAsText("name")).contains("newsmon-watchlist");
  }

  @Test
  void shouldShipAFeedsFileIngestCanRead(@TempDir Path tmp) throws IOException {
    String yaml = kinds("ConfigMap").get("newsmon-feeds").path("data").path("feeds.yaml").asText();
    Path file = Files.writeString(tmp.resolve("feeds.yaml"), yaml);

    assertThat(FeedLists.yaml(file)).isNotEmpty();
    JsonNode ingest =
        kinds("Deployment").get("newsmon-ingest").path("spec").path("template").path("spec");
    List<String> args = strings(ingest.path("containers").get(0).path("args"));
    String mountPath =
        ingest.path("containers").get(0).path("volumeMounts").get(0).path("mountPath").asText();
    assertThat(args.get(args.indexOf("--feeds") + 1)).isEqualTo(mountPath + "/feeds.yaml");
  }
}
