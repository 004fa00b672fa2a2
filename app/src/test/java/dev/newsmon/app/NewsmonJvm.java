package dev.newsmon.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code newsmon} in a JVM of its own, with this test's class path, for ITs that stop or fail it.
 */
final class NewsmonJvm {
  private NewsmonJvm() {}

  /**
   * Writes Kafka client settings with a 6 s consumer session to {@code file}: a member that was
   * killed, or whose client failed, then leaves the group in seconds rather than after 45 s.
   */
  static Path shortSession(Path file) throws IOException {
    Files.writeString(
        file, "consumer.session.timeout.ms=6000\nconsumer.heartbeat.interval.ms=1000\n");
    return file;
  }

  /** Starts {@code newsmon args...}, its stdout and stderr going to {@code log}. */
  static Process start(Path log, List<String> args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx512m");
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(Newsmon.class.getName());
    command.addAll(args);
    return new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(log.toFile())
        .start();
  }
}
