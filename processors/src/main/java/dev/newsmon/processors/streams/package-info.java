/**
 * The Kafka Streams processors: {@link dev.newsmon.processors.streams.MentionsTopology} (articles
 * to mentions, bad payloads to the dead-letter topic), {@link
 * dev.newsmon.processors.streams.RuleCountsTopology} (windowed counts, published on {@code
 * newsmon.rule-counts} for the dashboards, which read the topics rather than the stores), {@link
 * dev.newsmon.processors.streams.SpikeAlertsTopology} and {@link
 * dev.newsmon.processors.streams.FirstMentionTopology} (alerts), composed by {@link
 * dev.newsmon.processors.streams.ProcessorsTopology} and run by {@link
 * dev.newsmon.processors.streams.ProcessorsApp} from a validated {@link
 * dev.newsmon.processors.streams.ProcessorsConfig}.
 *
 * <p>All state lives in named stores with changelogs, keyed and partitioned by rule id; nothing is
 * static or shared between tasks except the immutable matcher and thread-safe meters, so any number
 * of instances with the same application id can share the work. Event time is the article's {@code
 * publishedAt} ({@link dev.newsmon.processors.streams.EventTime}); record timestamps on output
 * topics are processing time, so topic retention is not measured from old publication dates.
 */
package dev.newsmon.processors.streams;
