package io.socketeer.bench.soak;

import java.util.Arrays;

/**
 * What the servers broadcast: one entry per room message or news item, written by the server
 * handler right before it broadcasts, so that the checker knows exactly what each client should
 * have received. The arrays are sized for the whole run up front so that the ledger does not
 * show up as heap growth. Thread-safe (appends are synchronized; reads happen after the run).
 */
final class Ledger {
  /** The sender id of the harness's server-wide broadcasts. */
  static final int NEWS = -1;

  /** Guarded by this. */
  private long[] times;
  private int[] senders;
  private int[] seqs;
  private byte[] nodes;
  private int size;

  Ledger(int expected) {
    int capacity = Math.max(1024, expected);
    times = new long[capacity];
    senders = new int[capacity];
    seqs = new int[capacity];
    nodes = new byte[capacity];
  }

  /** Records that node {@code node} broadcast {@code seq} of {@code sender} at {@code nanoTime}. */
  synchronized void record(long nanoTime, int sender, int seq, int node) {
    if (size == times.length) {
      int capacity = size * 2;
      times = Arrays.copyOf(times, capacity);
      senders = Arrays.copyOf(senders, capacity);
      seqs = Arrays.copyOf(seqs, capacity);
      nodes = Arrays.copyOf(nodes, capacity);
    }
    times[size] = nanoTime;
    senders[size] = sender;
    seqs[size] = seq;
    nodes[size] = (byte) node;
    size++;
  }

  synchronized int size() {
    return size;
  }

  synchronized long time(int i) {
    return times[i];
  }

  synchronized int sender(int i) {
    return senders[i];
  }

  synchronized int seq(int i) {
    return seqs[i];
  }

  synchronized int node(int i) {
    return nodes[i];
  }
}
