package dev.newsmon.processors.web;

import static dev.newsmon.processors.web.DashboardFixtures.HOUR;
import static dev.newsmon.processors.web.DashboardFixtures.T0;
import static dev.newsmon.processors.web.DashboardFixtures.count;
import static dev.newsmon.processors.web.DashboardFixtures.mention;
import static dev.newsmon.processors.web.DashboardFixtures.spike;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.newsmon.schemas.Json;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DashboardApiTest {
  private DashboardData data;
  private DashboardApi api;

  @BeforeEach
  void setUp() {
    data = new DashboardData(new DashboardData.Limits(3, 2, 4, 100), new SimpleMeterRegistry());
    api = new DashboardApi(DashboardFixtures.watchlist(), data);
  }

  private JsonNode get(String path, Map<String, List<String>> params, int status) throws Exception {
    DashboardApi.Response r = api.answer(path, params);
    assertThat(r.status()).as(path + " " + params).isEqualTo(status);
    return Json.mapper().readTree(Json.write(r.body()));
  }

  @Test
  void shouldListRulesActorsAndWindow() throws Exception {
    JsonNode rules = get("/api/rules", Map.of(), 200);

    assertThat(rules.get("window").asText()).isEqualTo("PT1H");
    assertThat(rules.get("rules")).hasSize(3);
    JsonNode arms = rules.get("rules").get(1);
    assertThat(arms.get("id").asText()).isEqualTo("demand.halt-arms-deliveries");
    assertThat(arms.get("category").asText()).isEqualTo("demand");
    assertThat(arms.get("party").asText()).isEqualTo("russia");
    assertThat(arms.get("query").asText()).contains("NEAR/4");
    assertThat(rules.get("actors").get(0).get("name").asText()).isEqualTo("Vladimir Putin");
  }

  @Test
  void shouldServeCountsPerRuleWithinRangeKeepingTheLastRead() throws Exception {
    data.accept(count("ceasefire.30-day", T0, 2, T0.plusSeconds(10)));
    data.accept(count("ceasefire.30-day", T0, 3, T0.plusSeconds(20)));
    data.accept(count("ceasefire.30-day", T0, 5, T0.plusSeconds(15))); // a clock behind: still wins
    data.accept(count("ceasefire.30-day", T0.plus(HOUR), 1, T0.plusSeconds(3700)));
    data.accept(count("ceasefire.30-day", T0.plus(HOUR.multipliedBy(2)), 9, T0.plusSeconds(7300)));

    JsonNode counts =
        get(
            "/api/counts",
            Map.of(
                "rule", List.of("ceasefire.30-day"),
                "from", List.of(T0.toString()),
                "to", List.of(T0.plus(HOUR.multipliedBy(2)).toString())),
            200);

    assertThat(counts.get("window").asText()).isEqualTo("PT1H");
    JsonNode series = counts.get("series");
    assertThat(series).hasSize(1);
    assertThat(series.get(0).get("ruleId").asText()).isEqualTo("ceasefire.30-day");
    assertThat(series.get(0).get("label").asText()).isEqualTo("30-day ceasefire");
    JsonNode points = series.get(0).get("points");
    assertThat(points).hasSize(2);
    assertThat(points.get(0).get("windowStart").asText()).isEqualTo("2025-03-11T10:00:00Z");
    assertThat(points.get(0).get("windowEnd").asText()).isEqualTo("2025-03-11T11:00:00Z");
    assertThat(points.get(0).get("mentions").asLong()).isEqualTo(5);
    assertThat(points.get(1).get("mentions").asLong()).isEqualTo(1);
  }

  @Test
  void shouldServeEveryRuleWhenNoneIsNamedAndBoundWindowsPerRule() throws Exception {
    for (int i = 0; i < 6; i++) {
      data.accept(count("ceasefire.30-day", T0.plus(HOUR.multipliedBy(i)), i + 1, T0));
    }

    JsonNode series = get("/api/counts", Map.of(), 200).get("series");

    assertThat(series).hasSize(3);
    JsonNode points = series.get(0).get("points");
    assertThat(points).hasSize(4); // the limit keeps the newest four windows
    assertThat(points.get(0).get("mentions").asLong()).isEqualTo(3);
  }

  @Test
  void shouldRefuseAWindowSizeThatIsNotCountedRatherThanAnswerEmptySeries() throws Exception {
    assertThat(get("/api/counts", Map.of("window", List.of("PT15M")), 200).get("series"))
        .as("nothing counted yet: no window is known to be missing")
        .isNotEmpty();
    data.accept(count("ceasefire.30-day", T0, 2, T0.plusSeconds(10)));

    assertThat(get("/api/counts", Map.of("window", List.of("PT15M")), 400).get("error").asText())
        .isEqualTo("no counts for window PT15M: the processors count PT1H");
    assertThat(get("/api/counts", Map.of("window", List.of("PT1H")), 200).get("window").asText())
        .isEqualTo("PT1H");
  }

  @Test
  void shouldRejectBadParametersWithReason() throws Exception {
    assertThat(get("/api/counts", Map.of("from", List.of("yesterday")), 400).get("error").asText())
        .contains("'from' is not an ISO-8601 instant");
    assertThat(get("/api/counts", Map.of("window", List.of("1h")), 400).get("error").asText())
        .contains("'window' is not an ISO-8601 duration");
    assertThat(get("/api/counts", Map.of("rule", List.of("no.such")), 404).get("error").asText())
        .isEqualTo("unknown rule: no.such");
    assertThat(get("/api/mentions", Map.of(), 400).get("error").asText())
        .isEqualTo("missing parameter 'rule'");
    assertThat(get("/api/alerts", Map.of("limit", List.of("0")), 400).get("error").asText())
        .contains("'limit' must be between 1 and 200");
    assertThat(get("/api/nothing", Map.of(), 404).get("error").asText())
        .isEqualTo("no such API: /api/nothing");
  }

  @Test
  void shouldServeNewestAlertsFirstWithinBufferWithoutDuplicates() throws Exception {
    for (int i = 0; i < 4; i++) {
      data.accept(spike("ceasefire.30-day", T0.plus(HOUR.multipliedBy(i)), 6 + i));
    }
    data.accept(spike("ceasefire.30-day", T0.plus(HOUR.multipliedBy(3)), 9));

    JsonNode alerts = get("/api/alerts", Map.of(), 200);

    assertThat(alerts).hasSize(3);
    assertThat(alerts.get(0).get("count").asLong()).isEqualTo(9);
    assertThat(alerts.get(0).get("type").asText()).isEqualTo("SPIKE");
    assertThat(alerts.get(0).get("windowStart").asText()).isEqualTo("2025-03-11T13:00:00Z");
    assertThat(alerts.get(0).get("articleIds")).hasSize(2);
    assertThat(alerts.get(2).get("count").asLong()).isEqualTo(7);
  }

  @Test
  void shouldServeLatestMentionsWithSnippetOffsetsActorsAndRawTitle() throws Exception {
    String rule = "demand.halt-arms-deliveries";
    data.accept(
        mention("a1", rule, "demand", "russia", List.of("putin"), List.of("russia"), T0, "one"));
    data.accept(
        mention(
            "a3",
            rule,
            "demand",
            "russia",
            List.of(),
            List.of(),
            T0.plusSeconds(120),
            DashboardFixtures.XSS_TITLE));
    data.accept(
        mention("a2", rule, "demand", "russia", List.of(), List.of(), T0.plusSeconds(60), "two"));

    JsonNode mentions = get("/api/mentions", Map.of("rule", List.of(rule)), 200);

    assertThat(mentions).hasSize(2); // two per rule, the newest by publication time
    assertThat(mentions.get(0).get("articleId").asText()).isEqualTo("a3");
    assertThat(mentions.get(0).get("title").asText()).isEqualTo(DashboardFixtures.XSS_TITLE);
    assertThat(mentions.get(1).get("articleId").asText()).isEqualTo("a2");
    JsonNode snippet = mentions.get(0).get("snippets").get(0);
    assertThat(snippet.get("field").asText()).isEqualTo("body");
    String text = snippet.get("text").asText();
    assertThat(text.substring(snippet.get("start").asInt(), snippet.get("end").asInt()))
        .isEqualTo("halt to arms deliveries");
    assertThat(get("/api/mentions", Map.of("rule", List.of("ceasefire.30-day")), 200)).isEmpty();
  }

  @Test
  void shouldTiePartiesToDemandsByRulePartyAndByActorsCountingArticlesOnce() throws Exception {
    String arms = "demand.halt-arms-deliveries";
    String guarantees = "demand.security-guarantees";
    data.accept(
        mention("a1", arms, "demand", "russia", List.of("putin"), List.of("russia"), T0, "t"));
    data.accept(
        mention("a1", arms, "demand", "russia", List.of("putin"), List.of("russia"), T0, "t"));
    data.accept(
        mention(
            "a2", guarantees, "demand", "ukraine", List.of("putin"), List.of("russia"), T0, "t"));
    data.accept(
        mention("a3", "ceasefire.30-day", "ceasefire-term", null, List.of(), List.of(), T0, "t"));

    JsonNode matrix = get("/api/who-demands-what", Map.of(), 200);

    assertThat(matrix.get("parties").toString()).isEqualTo("[\"russia\",\"ukraine\"]");
    assertThat(matrix.get("demands")).hasSize(2);
    assertThat(matrix.get("demands").get(0).get("label").asText())
        .isEqualTo("Halt to Western arms deliveries");
    assertThat(matrix.get("cells").toString())
        .isEqualTo(
            "[{\"party\":\"russia\",\"ruleId\":\"demand.halt-arms-deliveries\",\"articles\":1,"
                + "\"byRuleParty\":1,\"byActors\":1},"
                + "{\"party\":\"russia\",\"ruleId\":\"demand.security-guarantees\",\"articles\":1,"
                + "\"byRuleParty\":0,\"byActors\":1},"
                + "{\"party\":\"ukraine\",\"ruleId\":\"demand.security-guarantees\",\"articles\":1,"
                + "\"byRuleParty\":1,\"byActors\":0}]");
  }
}
