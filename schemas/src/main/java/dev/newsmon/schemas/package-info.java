/**
 * The records that flow through newsmon's topics, the watchlist model, their serdes and the one
 * {@link dev.newsmon.schemas.Topics} registry. Everything here is immutable and carries a {@code
 * schemaVersion}; readers tolerate unknown fields and reject a missing required field by name.
 */
package dev.newsmon.schemas;
