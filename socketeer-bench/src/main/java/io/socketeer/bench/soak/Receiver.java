package io.socketeer.bench.soak;

import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.Map;

/**
 * What one client saw: every (sender, sequence number) it received, duplicates, messages that
 * overtook an earlier one of the same sender, and the periods in which it was down (from the
 * first sign of a disconnection, be it the chaos acting or the client noticing, to the next
 * connection). Thread-safe: every method is synchronized (callers are the client's callback
 * thread, the chaos thread and, after the run, the checker).
 */
final class Receiver {
  final int id;
  final Kind kind;
  final boolean withholdsAcks;
  final int node;

  /** The client kinds: the Java client straight on WebSocket, the Java client that starts on polling and upgrades, a raw slow reader. */
  enum Kind {
    WEBSOCKET,
    UPGRADE,
    SLOW
  }

  private final Map<Integer, BitSet> seen = new HashMap<>();
  private final Map<Integer, Integer> highest = new HashMap<>();
  private final int bitsPerSender;
  private long delivered;
  private long duplicates;
  private long outOfOrder;
  private long sent;
  private int connects;
  private int disconnects;
  /** nanoTime since which the client is down, or -1 while it is up. */
  private long downSince;
  /** Closed down periods as pairs (from, to). */
  private long[] windows = new long[16];
  private int windowCount;

  Receiver(int id, Kind kind, boolean withholdsAcks, int node, long createdAt, int bitsPerSender) {
    this.id = id;
    this.kind = kind;
    this.withholdsAcks = withholdsAcks;
    this.node = node;
    this.downSince = createdAt;
    this.bitsPerSender = bitsPerSender;
  }

  synchronized void onMessage(int sender, int seq) {
    BitSet bits = seen.computeIfAbsent(sender, s -> new BitSet(bitsPerSender));
    if (bits.get(seq)) {
      duplicates++;
      return;
    }
    bits.set(seq);
    delivered++;
    Integer top = highest.get(sender);
    if (top != null && seq < top) {
      outOfOrder++;
    } else {
      highest.put(sender, seq);
    }
  }

  synchronized void onSent() {
    sent++;
  }

  synchronized void onConnect(long now) {
    connects++;
    if (downSince >= 0) {
      if (windowCount * 2 == windows.length) {
        windows = Arrays.copyOf(windows, windows.length * 2);
      }
      windows[windowCount * 2] = downSince;
      windows[windowCount * 2 + 1] = now;
      windowCount++;
      downSince = -1;
    }
  }

  /** The client noticed a disconnection. */
  synchronized void onDisconnect(long now) {
    disconnects++;
    markDown(now);
  }

  /** Something is about to cut this client off (chaos, a node going down): the down period starts now. */
  synchronized void markDown(long now) {
    if (downSince < 0) {
      downSince = now;
    }
  }

  synchronized boolean isUp() {
    return downSince < 0;
  }

  synchronized boolean received(int sender, int seq) {
    BitSet bits = seen.get(sender);
    return bits != null && bits.get(seq);
  }

  /** Returns whether {@code t} lies in a down period widened by {@code grace} on both sides. */
  synchronized boolean wasDownAround(long t, long grace) {
    if (downSince >= 0 && t >= downSince - grace) {
      return true;
    }
    for (int i = 0; i < windowCount; i++) {
      if (t >= windows[2 * i] - grace && t <= windows[2 * i + 1] + grace) {
        return true;
      }
    }
    return false;
  }

  synchronized long delivered() {
    return delivered;
  }

  synchronized long duplicates() {
    return duplicates;
  }

  synchronized long outOfOrder() {
    return outOfOrder;
  }

  synchronized long sent() {
    return sent;
  }

  synchronized int connects() {
    return connects;
  }

  synchronized int disconnects() {
    return disconnects;
  }
}
