package dev.newsmon.ingest;

import dev.newsmon.schemas.Article;
import dev.newsmon.schemas.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything ingest reads from and how: feeds, a watched directory, files read once, stdin JSONL
 * and the HTTP push endpoint. Sources combine; a config with none is rejected.
 *
 * @param watchDir directory watched for new files, or null
 * @param files files read once at start
 * @param stdin read JSONL articles from standard input until it ends
 * @param httpPort port of {@code POST /articles}, {@code GET /metrics} and {@code GET /health}; -1
 *     for no server, 0 for any free port
 * @param httpHost address the server binds, {@code 127.0.0.1} unless told otherwise
 * @param dirPollInterval how often the watched directory is listed
 * @param maxBodyBytes cap on an article body in UTF-8 bytes; longer bodies are cut and flagged
 * @param pushAckTimeout how long {@code POST /articles} waits for Kafka to acknowledge
 * @param dedupWindow how long ingest remembers a feed item it published, so as not to publish it
 *     again; longer than the seen topic's {@code retention.ms} forgets early after a restart
 * @param publishStallLimit how long a record may wait for Kafka's acknowledgement before {@code GET
 *     /health} answers DOWN (see {@link PublishHealth})
 */
public record IngestConfig(
    List<FeedConfig> feeds,
    Path watchDir,
    List<Path> files,
    boolean stdin,
    int httpPort,
    String httpHost,
    FetchConfig fetch,
    Duration dirPollInterval,
    int maxBodyBytes,
    Duration pushAckTimeout,
    Duration dedupWindow,
    Duration publishStallLimit) {

  public IngestConfig {
    feeds = List.copyOf(feeds == null ? List.of() : feeds);
    files = List.copyOf(files == null ? List.of() : files);
    if (httpPort < -1 || httpPort > 65535) {
      throw new IllegalArgumentException("httpPort out of range: " + httpPort);
    }
    if (httpHost == null || httpHost.isBlank()) {
      throw new IllegalArgumentException("httpHost is required");
    }
    if (fetch == null) {
      throw new IllegalArgumentException("fetch settings are required");
    }
    FetchConfig.requirePositive("dirPollInterval", dirPollInterval);
    FetchConfig.requirePositive("pushAckTimeout", pushAckTimeout);
    FetchConfig.requirePositive("dedupWindow", dedupWindow);
    FetchConfig.requirePositive("publishStallLimit", publishStallLimit);
    if (maxBodyBytes < 1) {
      throw new IllegalArgumentException("maxBodyBytes must be positive: " + maxBodyBytes);
    }
    if (feeds.isEmpty() && watchDir == null && files.isEmpty() && !stdin && httpPort == -1) {
      throw new IllegalArgumentException(
          "no source: give feeds, a directory, files, stdin or an HTTP port");
    }
  }

  /** True when some source runs until ingest is closed, rather than ending by itself. */
  public boolean hasContinuousSource() {
    return !feeds.isEmpty() || watchDir != null || httpPort != -1;
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * Defaults: 127.0.0.1, no sources, {@link FetchConfig#defaults()}, 256 KiB bodies, items
   * remembered for {@link Topics#SEEN_RETENTION}, a publish stall limit of one minute.
   */
  public static final class Builder {
    private final List<FeedConfig> feeds = new ArrayList<>();
    private Path watchDir;
    private final List<Path> files = new ArrayList<>();
    private boolean stdin;
    private int httpPort = -1;
    private String httpHost = "127.0.0.1";
    private FetchConfig fetch = FetchConfig.defaults();
    private Duration dirPollInterval = Duration.ofSeconds(2);
    private int maxBodyBytes = Article.DEFAULT_MAX_BODY_BYTES;
    private Duration pushAckTimeout = Duration.ofSeconds(30);
    private Duration dedupWindow = Topics.SEEN_RETENTION;
    // over max.block.ms (30 s), which one record may wait for metadata before it is tried again
    private Duration publishStallLimit = Duration.ofMinutes(1);

    private Builder() {}

    public Builder feeds(List<FeedConfig> feeds) {
      this.feeds.addAll(feeds);
      return this;
    }

    public Builder feed(FeedConfig feed) {
      feeds.add(feed);
      return this;
    }

    public Builder watchDir(Path dir) {
      this.watchDir = dir;
      return this;
    }

    public Builder file(Path file) {
      files.add(file);
      return this;
    }

    public Builder stdin(boolean stdin) {
      this.stdin = stdin;
      return this;
    }

    public Builder httpPort(int port) {
      this.httpPort = port;
      return this;
    }

    public Builder httpHost(String host) {
      this.httpHost = host;
      return this;
    }

    public Builder fetch(FetchConfig fetch) {
      this.fetch = fetch;
      return this;
    }

    public Builder dirPollInterval(Duration interval) {
      this.dirPollInterval = interval;
      return this;
    }

    public Builder maxBodyBytes(int bytes) {
      this.maxBodyBytes = bytes;
      return this;
    }

    public Builder pushAckTimeout(Duration timeout) {
      this.pushAckTimeout = timeout;
      return this;
    }

    public Builder dedupWindow(Duration window) {
      this.dedupWindow = window;
      return this;
    }

    public Builder publishStallLimit(Duration limit) {
      this.publishStallLimit = limit;
      return this;
    }

    public IngestConfig build() {
      return new IngestConfig(
          feeds,
          watchDir,
          files,
          stdin,
          httpPort,
          httpHost,
          fetch,
          dirPollInterval,
          maxBodyBytes,
          pushAckTimeout,
          dedupWindow,
          publishStallLimit);
    }
  }
}
