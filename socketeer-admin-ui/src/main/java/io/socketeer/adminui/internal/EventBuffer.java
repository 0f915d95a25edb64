package io.socketeer.adminui.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Counts engine events per second, type and sub-type between two {@code server_stats}, as the
 * reference's {@code EventBuffer}: each entry is {@code {timestamp, type, subType?, count}} with the
 * timestamp truncated to the second. Thread-safe (every event loop pushes into it).
 */
final class EventBuffer {
  private final Clock clock;

  /** Guarded by {@code this}; insertion order is the order of first occurrence, as the reference's Map. */
  private final Map<Key, long[]> counts = new LinkedHashMap<>();

  EventBuffer(Clock clock) {
    this.clock = clock;
  }

  private record Key(long second, String type, String subType) {}

  void push(String type, String subType, long count) {
    long now = clock.millis();
    Key key = new Key(now - Math.floorMod(now, 1000L), type, subType);
    synchronized (this) {
      long[] c = counts.get(key);
      if (c == null) {
        counts.put(key, new long[] {count});
      } else {
        c[0] += count;
      }
    }
  }

  /** Returns the entries counted so far and starts again. */
  ArrayNode valuesAndClear() {
    ArrayNode out = JsonNodeFactory.instance.arrayNode();
    synchronized (this) {
      for (Map.Entry<Key, long[]> e : counts.entrySet()) {
        ObjectNode o = out.addObject();
        o.put("timestamp", e.getKey().second());
        o.put("type", e.getKey().type());
        if (e.getKey().subType() != null) {
          o.put("subType", e.getKey().subType());
        }
        o.put("count", e.getValue()[0]);
      }
      counts.clear();
    }
    return out;
  }

  @Override
  public String toString() {
    synchronized (this) {
      return "EventBuffer{" + Objects.toString(counts.size()) + " entries}";
    }
  }
}
