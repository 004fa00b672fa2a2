package dev.newsmon.processors.streams;

import dev.newsmon.processors.match.ArticleMatcher;
import dev.newsmon.processors.match.MatchResult;
import dev.newsmon.schemas.Article;
import dev.newsmon.schemas.DeadLetters;
import dev.newsmon.schemas.Json;
import dev.newsmon.schemas.Mention;
import dev.newsmon.schemas.Topic;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.AutoOffsetReset;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Topology 1, mentions: {@code newsmon.articles} in, one {@link Mention} per article and matching
 * rule out on {@code newsmon.mentions}, keyed by rule id, so the topologies downstream are
 * partitioned by rule.
 *
 * <p>A mention's record timestamp is the article record's (when ingest published it), not its
 * {@code publishedAt}: topic retention counts from record timestamps, so a backtest over last
 * year's articles would otherwise see its mentions deleted as soon as a segment rolls. Event time
 * travels in the value and {@link EventTime} reads it from there.
 *
 * <p>Articles are read as bytes and parsed here rather than by a source deserialiser, so that a
 * payload that is not JSON or not a valid {@link Article} reaches {@code newsmon.articles.rejected}
 * with its topic, partition, offset and reason in {@link DeadLetters} headers, is logged and
 * counted, and processing goes on. A matcher failure on one article is handled the same way: one
 * bad article must not stop the partition behind it.
 *
 * <p>An article with mentions sent again unchanged (same id, title, body, {@code publishedAt} and
 * url) within the largest counted window plus grace (a day and ten minutes by default) yields its
 * mentions once: the second copy is logged, counted in {@value ProcessorMetrics#ARTICLES_REPEATED}
 * and skipped, so re-sending (ingest's HTTP push, a file read twice, a retried batch) cannot
 * inflate counts or spikes. An edited article yields mentions again. The {@value #MATCHED_STORE}
 * store remembers a hash of the text of each article that had mentions, by id; articles are keyed
 * by id, so every copy reaches the same task.
 *
 * <p>The matcher is compiled once from the watchlist and shared by every task: it is immutable and
 * thread-safe. A mention's {@code detectedAt} is the processing wall clock; it does not feed any
 * alert, so reprocessing determinism of alerts does not depend on it.
 */
public final class MentionsTopology {
  public static final String SOURCE = "articles-source";
  public static final String PROCESSOR = "match-articles";
  public static final String MENTIONS_SINK = "mentions-sink";
  public static final String REJECTED_SINK = "articles-rejected-sink";
  public static final String MATCHED_STORE = "articles-matched";

  private MentionsTopology() {}

  public static Topology build(ProcessorsConfig config) {
    return build(config, ArticleMatcher.compile(config.watchlist()), ProcessorMetrics.detached());
  }

  public static Topology build(
      ProcessorsConfig config, ArticleMatcher matcher, ProcessorMetrics metrics) {
    Topology topology = new Topology();
    addTo(topology, config, matcher, metrics);
    return topology;
  }

  public static void addTo(
      Topology topology,
      ProcessorsConfig config,
      ArticleMatcher matcher,
      ProcessorMetrics metrics) {
    Topic<String, Mention> mentions = config.topics().mentions();
    Topic<byte[], byte[]> rejected = config.topics().articlesRejected();
    topology.addSource(
        AutoOffsetReset.earliest(),
        SOURCE,
        new EventTime(metrics),
        Serdes.ByteArray().deserializer(),
        Serdes.ByteArray().deserializer(),
        config.topics().articles().name());
    // Past the largest counted window and its grace a copy is late everywhere it could count,
    // so remembering articles longer buys nothing but store segments to search.
    Duration horizon = config.largestCountWindow().plus(config.alerting().grace());
    topology.addProcessor(PROCESSOR, () -> new MatchProcessor(matcher, metrics, horizon), SOURCE);
    topology.addStateStore(
        Stores.windowStoreBuilder(
                Stores.persistentWindowStore(MATCHED_STORE, horizon, Duration.ofMillis(1), false),
                Serdes.String(),
                Serdes.Long())
            .withCachingEnabled()
            .withLoggingEnabled(ProcessorsTopology.CHANGELOG),
        PROCESSOR);
    topology.addSink(
        MENTIONS_SINK,
        mentions.name(),
        mentions.keySerde().serializer(),
        mentions.valueSerde().serializer(),
        PROCESSOR);
    topology.addSink(
        REJECTED_SINK,
        rejected.name(),
        rejected.keySerde().serializer(),
        rejected.valueSerde().serializer(),
        PROCESSOR);
  }

  private static final class MatchProcessor implements Processor<byte[], byte[], Object, Object> {
    private static final Logger log = LoggerFactory.getLogger(MatchProcessor.class);

    private final ArticleMatcher matcher;
    private final ProcessorMetrics metrics;
    private final long retentionMs;
    private ProcessorContext<Object, Object> context;
    private WindowStore<String, Long> matched;

    MatchProcessor(ArticleMatcher matcher, ProcessorMetrics metrics, Duration retention) {
      this.matcher = matcher;
      this.metrics = metrics;
      this.retentionMs = retention.toMillis();
    }

    @Override
    public void init(ProcessorContext<Object, Object> context) {
      this.context = context;
      this.matched = context.getStateStore(MATCHED_STORE);
    }

    /**
     * Whether this text of the article was matched within the retention, either side of {@code at}.
     */
    private boolean matchedBefore(String articleId, long text, long at) {
      try (WindowStoreIterator<Long> it =
          matched.fetch(articleId, Math.max(0, at - retentionMs), at + retentionMs)) {
        while (it.hasNext()) {
          if (it.next().value == text) {
            return true;
          }
        }
      }
      return false;
    }

    /**
     * A 64-bit hash of what the matcher reads and the mentions carry; not of {@code fetchedAt},
     * which changes every time a feed item is fetched again.
     */
    static long textHash(Article a) {
      long h = 1125899906842597L;
      for (String part :
          new String[] {a.title(), a.body(), String.valueOf(a.publishedAt()), a.url()}) {
        String text = part == null ? "" : part;
        for (int i = 0; i < text.length(); i++) {
          h = 31 * h + text.charAt(i);
        }
        h = 31 * h + 0x1F; // a separator, so that moving text across fields changes the hash
      }
      return h;
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
      if (record.value() == null) {
        reject(record, ProcessorMetrics.REJECT_INVALID, "no payload (null value)");
        return;
      }
      Article article;
      try {
        article = Json.read(record.value(), Article.class);
      } catch (IOException | IllegalArgumentException e) {
        reject(record, ProcessorMetrics.REJECT_DESERIALISE, "invalid Article: " + Json.reason(e));
        return;
      }
      if (article.schemaVersion() > Article.SCHEMA_VERSION) {
        reject(
            record,
            ProcessorMetrics.REJECT_INVALID,
            "unsupported Article schemaVersion "
                + article.schemaVersion()
                + " (newest known "
                + Article.SCHEMA_VERSION
                + ")");
        return;
      }
      MatchResult result;
      try {
        result = matcher.match(article, Instant.ofEpochMilli(context.currentSystemTimeMs()));
      } catch (RuntimeException e) {
        log.error(
            "matcher failed on article {} at {}",
            article.id(),
            ProcessorsTopology.position(context),
            e);
        reject(record, ProcessorMetrics.REJECT_MATCH, "matcher failed: " + e);
        return;
      }
      // a copy with no mentions adds nothing downstream, so only articles that matched are looked
      // up and remembered: with a focused watchlist most are not, and the store stays small
      if (!result.mentions().isEmpty()) {
        long text = textHash(article);
        long at = record.timestamp();
        if (matchedBefore(article.id(), text, at)) {
          metrics.articleRepeated();
          log.info(
              "skipped article {} at {}: the same text was matched already",
              article.id(),
              ProcessorsTopology.position(context));
          return;
        }
        matched.put(article.id(), text, at);
      }
      if (!result.errors().isEmpty()) {
        metrics.matchErrors(result.errors().size());
        log.warn(
            "article {} at {}: {} rules could not be checked: {}",
            article.id(),
            ProcessorsTopology.position(context),
            result.errors().size(),
            result.errors());
      }
      metrics.articleProcessed(!result.mentions().isEmpty());
      for (Mention mention : result.mentions()) {
        metrics.mention(mention.ruleId());
        context.forward(
            new Record<Object, Object>(mention.ruleId(), mention, record.timestamp()),
            MENTIONS_SINK);
      }
    }

    private void reject(Record<byte[], byte[]> record, String cause, String reason) {
      RecordMetadata meta = context.recordMetadata().orElse(null);
      String topic = meta == null ? "unknown" : meta.topic();
      int partition = meta == null ? -1 : meta.partition();
      long offset = meta == null ? -1 : meta.offset();
      log.warn("rejected record at {}-{}@{}: {}", topic, partition, offset, reason);
      metrics.rejected(cause);
      Headers headers = DeadLetters.processorHeaders(topic, partition, offset, reason);
      byte[] payload = DeadLetters.cap(record.value(), headers);
      context.forward(
          new Record<Object, Object>(record.key(), payload, record.timestamp(), headers),
          REJECTED_SINK);
    }
  }
}
