package dev.newsmon.schemas.watchlist;

import java.util.List;

/**
 * Someone who can be named in a sentence next to a hit.
 *
 * @param party the side the actor speaks for, such as {@code russia}
 * @param aliases the names that identify the actor in text, matched as phrases
 */
public record Actor(String id, String party, List<String> aliases) {
  public Actor {
    aliases = aliases == null ? List.of() : List.copyOf(aliases);
  }
}
