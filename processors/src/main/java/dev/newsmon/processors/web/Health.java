package dev.newsmon.processors.web;

/**
 * What {@code /health} answers: whether the processors behind the dashboard are ready (HTTP 200,
 * {@code "UP"}) or not (503, {@code "DOWN"}), and the Kafka Streams state that decided it.
 *
 * @param streams the Kafka Streams client's state, such as {@code RUNNING}
 */
public record Health(boolean ready, String streams) {
  public Health {
    if (streams == null || streams.isBlank()) {
      throw new IllegalArgumentException("health needs the Kafka Streams state");
    }
  }

  String status() {
    return ready ? "UP" : "DOWN";
  }
}
