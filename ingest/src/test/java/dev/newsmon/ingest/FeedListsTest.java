package dev.newsmon.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FeedListsTest {
  @TempDir Path dir;

  @Test
  void shouldReadAYamlFeedsFile() throws Exception {
    Path file = dir.resolve("feeds.yaml");
    Files.writeString(
        file,
        """
        feeds:
          - url: https://gazette.example/rss
            name: Gazette
            interval: 5m
            language: en-GB
            fullText: true
          - url: https://ledger.example/atom
        """);

    List<FeedConfig> feeds = FeedLists.yaml(file);

    assertThat(feeds)
        .containsExactly(
            new FeedConfig(
                URI.create("https://gazette.example/rss"),
                "Gazette",
                Duration.ofMinutes(5),
                "en",
                true),
            new FeedConfig(
                URI.create("https://ledger.example/atom"), "ledger.example", null, null, false));
  }

  @Test
  void shouldNameTheFileAndEntryOfABadFeed() throws Exception {
    Path file = dir.resolve("bad.yaml");
    Files.writeString(file, "- url: https://ok.example/\n- url: ftp://nope.example/\n");
    Path unknown = dir.resolve("unknown.yaml");
    Files.writeString(unknown, "- url: https://ok.example/\n  every: 5m\n");

    assertThatThrownBy(() -> FeedLists.yaml(file))
        .hasMessageContaining("bad.yaml: feed 2")
        .hasMessageContaining("http or https");
    assertThatThrownBy(() -> FeedLists.yaml(unknown)).hasMessageContaining("unknown key 'every'");
  }

  @Test
  void shouldReadNestedOpmlOutlines() throws Exception {
    Path file = dir.resolve("subs.opml");
    Files.writeString(
        file,
        Fixtures.OPML.formatted("https://gazette.example/rss", "https://ledger.example/atom"));

    List<FeedConfig> feeds = FeedLists.opml(file, false);

    assertThat(feeds)
        .extracting(FeedConfig::name)
        .containsExactly("Harbour Town Gazette", "Ledger");
    assertThat(feeds)
        .extracting(f -> f.url().toString())
        .containsExactly("https://gazette.example/rss", "https://ledger.example/atom");
  }

  @Test
  void shouldRefuseAnOpmlFileWithADoctype() throws Exception {
    Path secret = dir.resolve("secret");
    Files.writeString(secret, "https://leaked.example/");
    Path file = dir.resolve("evil.opml");
    Files.writeString(
        file,
        "<?xml version=\"1.0\"?><!DOCTYPE opml [<!ENTITY x SYSTEM \""
            + secret.toUri()
            + "\">]><opml><body><outline xmlUrl=\"&x;\"/></body></opml>");

    assertThatThrownBy(() -> FeedLists.opml(file, false))
        .hasMessageContaining("DOCTYPE")
        .hasMessageNotContaining("leaked");
  }

  @Test
  void shouldParseDurations() {
    assertThat(FeedLists.duration("30s")).isEqualTo(Duration.ofSeconds(30));
    assertThat(FeedLists.duration("250ms")).isEqualTo(Duration.ofMillis(250));
    assertThat(FeedLists.duration("PT2H")).isEqualTo(Duration.ofHours(2));
    assertThatThrownBy(() -> FeedLists.duration("often")).hasMessageContaining("not a duration");
  }
}
