package dev.newsmon.broker;

import java.nio.file.Path;

/**
 * Another broker, in this process or another, holds the data dir an {@link EmbeddedKafka} asked
 * for.
 */
public final class DataDirInUseException extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  DataDirInUseException(Path dataDir, String holder) {
    super(
        "the Kafka data dir "
            + dataDir
            + " is in use by another newsmon"
            + (holder.isBlank() ? "" : " (" + holder + ")")
            + ": stop it first, or give this one a data dir of its own");
  }
}
