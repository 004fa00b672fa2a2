package dev.newsmon.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * Reads the list of feeds: a YAML feeds file ({@code url}, {@code name}, optional {@code interval},
 * {@code language}, {@code fullText}) or an OPML export from a feed reader. Errors name the file
 * and the entry.
 */
public final class FeedLists {
  private static final Set<String> YAML_KEYS =
      Set.of("url", "name", "interval", "language", "fullText");

  private FeedLists() {}

  /**
   * Reads a YAML list of feeds, either at the top level or under {@code feeds:}.
   *
   * @throws IllegalArgumentException naming the file, the entry and what is wrong
   */
  public static List<FeedConfig> yaml(Path file) throws IOException {
    JsonNode root;
    try (InputStream in = Files.newInputStream(file)) {
      root = new ObjectMapper(new YAMLFactory()).readTree(in);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalArgumentException(file + ": not valid YAML: " + e.getOriginalMessage(), e);
    }
    JsonNode list = root != null && root.isObject() ? root.get("feeds") : root;
    if (list == null || !list.isArray()) {
      throw new IllegalArgumentException(file + ": expected a list of feeds (or 'feeds:' list)");
    }
    List<FeedConfig> feeds = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      JsonNode entry = list.get(i);
      String where = file + ": feed " + (i + 1);
      if (!entry.isObject()) {
        throw new IllegalArgumentException(where + ": expected a mapping with 'url'");
      }
      for (Iterator<String> names = entry.fieldNames(); names.hasNext(); ) {
        String name = names.next();
        if (!YAML_KEYS.contains(name)) {
          throw new IllegalArgumentException(
              where + ": unknown key '" + name + "' (known: " + YAML_KEYS + ")");
        }
      }
      try {
        feeds.add(
            new FeedConfig(
                URI.create(text(entry, "url")),
                text(entry, "name"),
                entry.hasNonNull("interval") ? duration(text(entry, "interval")) : null,
                text(entry, "language"),
                entry.path("fullText").asBoolean(false)));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
      }
    }
    return feeds;
  }

  /**
   * Reads every {@code outline} with an {@code xmlUrl} from an OPML file, at any depth. The parser
   * refuses a DOCTYPE, so no entity in the file can reach the disk or the network.
   */
  public static List<FeedConfig> opml(Path file, boolean fullText) throws IOException {
    Element root;
    try (InputStream in = Files.newInputStream(file)) {
      root = secureDocumentBuilder().parse(in).getDocumentElement();
    } catch (SAXException e) {
      throw new IllegalArgumentException(file + ": not valid OPML: " + e.getMessage(), e);
    }
    if (!"opml".equals(root.getTagName())) {
      throw new IllegalArgumentException(
          file + ": not OPML (root element is '" + root.getTagName() + "')");
    }
    List<FeedConfig> feeds = new ArrayList<>();
    NodeList outlines = root.getElementsByTagName("outline");
    for (int i = 0; i < outlines.getLength(); i++) {
      Element outline = (Element) outlines.item(i);
      String url = outline.getAttribute("xmlUrl");
      if (url.isBlank()) {
        continue; // a folder, not a feed
      }
      String name = outline.getAttribute("title");
      if (name.isBlank()) {
        name = outline.getAttribute("text");
      }
      String language = outline.getAttribute("language");
      try {
        feeds.add(
            new FeedConfig(
                URI.create(url.strip()),
                name,
                null,
                language.isBlank() ? null : language,
                fullText));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            file + ": outline " + (i + 1) + ": " + e.getMessage(), e);
      }
    }
    return feeds;
  }

  /**
   * A duration as ISO-8601 ({@code PT15M}) or a number with a unit: {@code 500ms}, {@code 30s},
   * {@code 15m}, {@code 2h}, {@code 1d}.
   */
  public static Duration duration(String text) {
    String t = text.strip().toLowerCase(Locale.ROOT);
    try {
      if (t.startsWith("p")) {
        return Duration.parse(t.toUpperCase(Locale.ROOT));
      }
      if (t.endsWith("ms")) {
        return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2).strip()));
      }
      long n = Long.parseLong(t.substring(0, t.length() - 1).strip());
      return switch (t.charAt(t.length() - 1)) {
        case 's' -> Duration.ofSeconds(n);
        case 'm' -> Duration.ofMinutes(n);
        case 'h' -> Duration.ofHours(n);
        case 'd' -> Duration.ofDays(n);
        default -> throw new IllegalArgumentException("unknown unit");
      };
    } catch (NumberFormatException | DateTimeParseException | StringIndexOutOfBoundsException e) {
      throw new IllegalArgumentException(
          "not a duration: '" + text + "' (use e.g. 30s, 15m, 2h or PT15M)", e);
    }
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? null : value.asText();
  }

  /** A DOM parser that rejects DOCTYPEs and resolves no external entity or schema. */
  static DocumentBuilder secureDocumentBuilder() {
    try {
      DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
      f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
      f.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
      f.setXIncludeAware(false);
      f.setExpandEntityReferences(false);
      f.setNamespaceAware(false);
      return f.newDocumentBuilder();
    } catch (ParserConfigurationException e) {
      throw new IllegalStateException("the JDK XML parser lacks secure settings", e);
    }
  }
}
