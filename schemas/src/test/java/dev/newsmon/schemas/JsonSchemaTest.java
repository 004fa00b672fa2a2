package dev.newsmon.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.InputStream;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The JSON Schema files under resources/schemas describe what the serdes really write. */
class JsonSchemaTest {

  static Stream<Arguments> events() {
    return Stream.of(
        Arguments.of("article", Fixtures.article(), "title", "truncated", "\"yes\""),
        Arguments.of("mention", Fixtures.mention(), "ruleId", "hits", "0"),
        Arguments.of("alert", Fixtures.alert(), "alertId", "type", "\"WHATEVER\""),
        Arguments.of("rule-count", Fixtures.ruleCount(), "window", "mentions", "-1"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("events")
  void shouldValidateSerialisedRecords(
      String name, Object record, String required, String f, String v) throws Exception {
    assertThat(schema(name).validate(json(record))).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("events")
  void shouldFailARecordWithoutARequiredField(
      String name, Object record, String required, String f, String v) throws Exception {
    ObjectNode node = json(record);
    node.remove(required);

    Set<ValidationMessage> errors = schema(name).validate(node);

    assertThat(errors)
        .extracting(ValidationMessage::getMessage)
        .anyMatch(m -> m.contains(required));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("events")
  void shouldFailARecordWithAWrongValue(
      String name, Object record, String required, String field, String value) throws Exception {
    ObjectNode node = json(record);
    node.set(field, Json.mapper().readTree(value));

    assertThat(schema(name).validate(node))
        .extracting(ValidationMessage::getMessage)
        .anyMatch(m -> m.contains(field));
  }

  private static ObjectNode json(Object record) throws Exception {
    return (ObjectNode) Json.mapper().readTree(Json.write(record));
  }

  private static JsonSchema schema(String name) throws Exception {
    SchemaValidatorsConfig config =
        SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
    try (InputStream in =
        JsonSchemaTest.class.getResourceAsStream("/schemas/" + name + ".schema.json")) {
      assertThat(in).as("schema file for %s", name).isNotNull();
      JsonNode schema = Json.mapper().readTree(in);
      return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
          .getSchema(schema, config);
    }
  }
}
