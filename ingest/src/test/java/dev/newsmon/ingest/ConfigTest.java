package dev.newsmon.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ConfigTest {

  @Test
  void shouldRefuseAConfigWithoutAnySource() {
    assertThatThrownBy(() -> IngestConfig.builder().build()).hasMessageContaining("no source");
  }

  @Test
  void shouldBindLoopbackByDefaultAndKnowWhichSourcesEnd() {
    IngestConfig stdinOnly = IngestConfig.builder().stdin(true).build();
    IngestConfig http = IngestConfig.builder().httpPort(8080).build();

    assertThat(stdinOnly.httpHost()).isEqualTo("127.0.0.1");
    assertThat(stdinOnly.hasContinuousSource()).isFalse();
    assertThat(http.hasContinuousSource()).isTrue();
  }

  @Test
  void shouldRememberPublishedItemsAsLongAsTheSeenTopicKeepsThemUnlessTold() {
    IngestConfig config = IngestConfig.builder().stdin(true).build();

    assertThat(config.dedupWindow()).isEqualTo(Duration.ofDays(30));
    assertThat(
            IngestConfig.builder()
                .stdin(true)
                .dedupWindow(Duration.ofDays(7))
                .build()
                .dedupWindow())
        .isEqualTo(Duration.ofDays(7));
    assertThatThrownBy(() -> IngestConfig.builder().stdin(true).dedupWindow(Duration.ZERO).build())
        .hasMessageContaining("dedupWindow");
  }

  @Test
  void shouldValidateFeeds() {
    assertThatThrownBy(() -> FeedConfig.of("file:///etc/passwd", "x"))
        .hasMessageContaining("http or https");
    assertThatThrownBy(
            () -> new FeedConfig(URI.create("https://a.example/"), "a", Duration.ZERO, null, false))
        .hasMessageContaining("interval must be positive");
    assertThatThrownBy(
            () -> new FeedConfig(URI.create("https://a.example/"), "a", null, "english", false))
        .hasMessageContaining("ISO 639-1");
    assertThat(FeedConfig.of("https://a.example/rss", null).name()).isEqualTo("a.example");
  }

  @Test
  void shouldValidateFetchSettings() {
    FetchConfig defaults = FetchConfig.defaults();

    assertThat(defaults.maxResponseBytes()).isEqualTo(10L * 1024 * 1024);
    assertThat(defaults.maxRedirects()).isEqualTo(5);
    assertThatThrownBy(() -> defaults.withBackoff(Duration.ofMinutes(5), Duration.ofMinutes(1)))
        .hasMessageContaining("maxBackoff is shorter");
    assertThatThrownBy(() -> defaults.withMaxResponseBytes(0))
        .hasMessageContaining("maxResponseBytes");
  }
}
