package dev.newsmon.processors.streams;

import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Skips a record of ours (a mention) that will not deserialise, logging its topic, partition and
 * offset and counting it in {@code newsmon.processors.skipped}, so one corrupt record never stops
 * the processors and never goes unnoticed. Articles do not reach this handler: their source reads
 * bytes and routes bad payloads to the dead-letter topic with the reason.
 */
public final class CountingDeserializationHandler implements DeserializationExceptionHandler {
  /** The streams property that carries the {@link ProcessorMetrics} instance to count in. */
  public static final String METRICS_CONFIG = "newsmon.processor.metrics";

  private static final Logger log = LoggerFactory.getLogger(CountingDeserializationHandler.class);

  private ProcessorMetrics metrics = ProcessorMetrics.detached();

  @Override
  public void configure(Map<String, ?> configs) {
    if (configs.get(METRICS_CONFIG) instanceof ProcessorMetrics given) {
      metrics = given;
    }
  }

  @Override
  public Response handleError(
      ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record, Exception exception) {
    log.warn(
        "skipping record {}-{}@{}: {}",
        context.topic(),
        context.partition(),
        context.offset(),
        exception.getMessage());
    metrics.skipped(context.topic());
    return Response.resume();
  }
}
