package dev.newsmon.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The documents of a multi-document YAML file, such as a Kubernetes manifest. */
final class YamlDocuments {
  private static final YAMLMapper YAML = new YAMLMapper();

  private YamlDocuments() {}

  /** Every non-empty document of {@code file}, in order. */
  static List<JsonNode> of(Path file) throws IOException {
    List<JsonNode> docs = new ArrayList<>();
    try (var values = YAML.readerFor(JsonNode.class).<JsonNode>readValues(file.toFile())) {
      while (values.hasNext()) {
        JsonNode doc = values.next();
        if (doc != null && !doc.isEmpty()) {
          docs.add(doc);
        }
      }
    }
    return docs;
  }
}
