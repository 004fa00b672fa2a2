package dev.newsmon.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.newsmon.schemas.Article;
import dev.newsmon.schemas.ArticleJson;
import dev.newsmon.schemas.ArticleJson.Defaults;
import dev.newsmon.schemas.ArticleText;
import dev.newsmon.schemas.InvalidRecordException;
import dev.newsmon.schemas.Json;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;

/**
 * Articles given as documents rather than feeds: JSON (one Article or an array), JSONL, plain text
 * (first line the title) and HTML. Every JSON article is rebuilt through {@link Article#builder()},
 * so its URL is canonical and its id derived, whatever id it came with.
 */
final class ArticleInputs {

  /** One input: an article, or why it could not be one. */
  record Item(String position, Article article, Rejection rejection) {
    static Item ok(String position, Article article) {
      return new Item(position, article, null);
    }

    static Item rejected(String position, String kind, String reason, byte[] payload) {
      return new Item(position, null, new Rejection(position, kind, reason, payload));
    }
  }

  // Trailing tokens mean several values, i.e. JSONL, not one document.
  private static final ObjectReader ONE_VALUE =
      Json.mapper().reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private ArticleInputs() {}

  /**
   * A JSON body: one object, an array of objects, or JSONL (one object per line). Positions are
   * {@code item N} (from 1) for arrays, {@code line N} for JSONL, {@code body} for one object.
   */
  static List<Item> json(byte[] body, Defaults defaults) {
    JsonNode root;
    try {
      root = ONE_VALUE.readTree(body);
    } catch (IOException notOneValue) {
      return jsonl(new String(body, StandardCharsets.UTF_8), defaults);
    }
    if (root == null || root.isMissingNode()) {
      return List.of(Item.rejected("body", Rejection.INVALID_JSON, "empty body", body));
    }
    if (root.isArray()) {
      List<Item> items = new ArrayList<>(root.size());
      for (int i = 0; i < root.size(); i++) {
        items.add(fromJson(root.get(i), "item " + (i + 1), defaults));
      }
      return items;
    }
    return List.of(fromJson(root, "body", defaults));
  }

  /** JSONL: one article per non-blank line. */
  static List<Item> jsonl(String text, Defaults defaults) {
    List<Item> items = new ArrayList<>();
    String[] lines = text.split("\r?\n", -1);
    for (int i = 0; i < lines.length; i++) {
      if (!lines[i].isBlank()) {
        items.add(jsonLine(lines[i], i + 1, defaults));
      }
    }
    return items;
  }

  static Item jsonLine(String line, long number, Defaults defaults) {
    String position = "line " + number;
    try {
      return fromJson(Json.mapper().readTree(line), position, defaults);
    } catch (JsonProcessingException e) {
      return Item.rejected(
          position,
          Rejection.INVALID_JSON,
          Json.syntaxError(e),
          line.getBytes(StandardCharsets.UTF_8));
    }
  }

  static Item fromJson(JsonNode node, String position, Defaults defaults) {
    byte[] raw = Json.write(node).getBytes(StandardCharsets.UTF_8);
    try {
      return Item.ok(position, ArticleJson.read(node, defaults));
    } catch (InvalidRecordException e) {
      return new Item(
          position,
          null,
          new Rejection(position, Rejection.INVALID_ARTICLE, e.field(), e.getMessage(), raw));
    }
  }

  /** A text file: the first non-blank line is the title, the rest the body. */
  static Item text(Path file, byte[] bytes, Defaults defaults) {
    String text;
    try {
      text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes))
              .toString();
    } catch (CharacterCodingException e) {
      return Item.rejected("file", Rejection.INVALID_ENCODING, "text file is not UTF-8", bytes);
    }
    return build(ArticleText.text(text), defaults, bytes);
  }

  /** An HTML page, read by {@link ArticleText#html}. */
  static Item html(Path file, byte[] bytes, Defaults defaults) {
    Document doc;
    try {
      doc = Jsoup.parse(new ByteArrayInputStream(bytes), null, file.toUri().toString());
    } catch (IOException e) {
      return Item.rejected(
          "file", Rejection.INVALID_HTML, "cannot read HTML: " + e.getMessage(), bytes);
    }
    return build(ArticleText.html(doc), defaults, bytes);
  }

  private static Item build(ArticleText.Page page, Defaults d, byte[] raw) {
    String position = "file";
    String url = page.url();
    try {
      return Item.ok(
          position,
          Article.builder()
              .url(url)
              .source(url == null ? d.source() : ArticleJson.sourceOf(url, d.source()))
              .title(page.title())
              .body(page.body())
              .publishedAt(page.publishedAt())
              .fetchedAt(d.fetchedAt())
              .maxBodyBytes(d.maxBodyBytes())
              .build());
    } catch (InvalidRecordException e) {
      return new Item(
          position,
          null,
          new Rejection(position, Rejection.INVALID_ARTICLE, e.field(), e.getMessage(), raw));
    }
  }
}
