package io.socketeer.bench.soak;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The outcome of one soak run: message accounting (in total and per client kind), chaos applied,
 * acknowledgement probes, outage windows, heap samples, and the verdict. Printed as one JSON line
 * ({@link #toJson()}) and as a table for people ({@link #toTable()}). Filled in by the harness on
 * one thread, then read-only.
 */
public final class SoakReport {
  /** Message counts of one kind of client (or of all of them). */
  static final class Counts {
    int clients;
    long sent;
    long expected;
    long delivered;
    long lostVolatile;
    long lostWhileDown;
    long lostInOutage;
    long lostOutside;
    long duplicates;
    long outOfOrder;
    long disconnects;

    void add(Counts o) {
      clients += o.clients;
      sent += o.sent;
      expected += o.expected;
      delivered += o.delivered;
      lostVolatile += o.lostVolatile;
      lostWhileDown += o.lostWhileDown;
      lostInOutage += o.lostInOutage;
      lostOutside += o.lostOutside;
      duplicates += o.duplicates;
      outOfOrder += o.outOfOrder;
      disconnects += o.disconnects;
    }

    String json() {
      return String.format(Locale.ROOT,
          "{\"clients\":%d,\"sent\":%d,\"expected\":%d,\"delivered\":%d,\"lostVolatile\":%d,\"lostWhileDisconnected\":%d,"
              + "\"lostInOutage\":%d,\"lostOutsideAllowed\":%d,\"duplicates\":%d,\"outOfOrder\":%d,\"disconnects\":%d}",
          clients, sent, expected, delivered, lostVolatile, lostWhileDown, lostInOutage, lostOutside, duplicates,
          outOfOrder, disconnects);
    }
  }

  /** One heap sample: seconds since the start, used heap after a full collection, clients up. */
  record HeapSample(double seconds, long usedBytes, int clientsUp, int serverConnections) {}

  /** One outage: what went down, and when (seconds since the start) it went down and was usable again. */
  record Outage(String what, double downAt, double recoveredAt) {}

  String config;
  String started;
  String machine;
  double seconds;
  final Map<Receiver.Kind, Counts> byKind = new EnumMap<>(Receiver.Kind.class);
  final Counts total = new Counts();
  long ledgerEntries;
  long phantom;
  long serverDrops;
  long clientDisconnects;
  long waveDrops;
  long slowPauses;
  long upgradedClients;
  long upgradeClients;
  AckStats acks = new AckStats();
  final List<Outage> outages = new ArrayList<>();
  final List<HeapSample> heap = new ArrayList<>();
  long heapIdleBefore;
  long heapBaseline;
  long heapEnd;
  long heapAfterClose;
  long heapToleranceBytes;
  int sessionsAtEnd;
  int socketsAtEnd;
  boolean allReconnected;
  final List<String> examples = new ArrayList<>();
  final List<String> errors = new ArrayList<>();

  /** Returns the reasons this run failed; empty when it passed. */
  public List<String> failures() {
    List<String> f = new ArrayList<>(errors);
    if (total.lostOutside > 0) {
      f.add(total.lostOutside + " messages lost outside the allowed windows, e.g. " + examples);
    }
    if (total.duplicates > 0) {
      f.add(total.duplicates + " duplicates");
    }
    if (total.outOfOrder > 0) {
      f.add(total.outOfOrder + " messages out of order");
    }
    if (phantom != 0) {
      f.add(phantom + " deliveries of messages no server broadcast");
    }
    if (acks.answeredByWithholder.get() > 0) {
      f.add(acks.answeredByWithholder.get() + " acknowledgements from clients that never answer");
    }
    if (!allReconnected) {
      f.add("not every client was connected again at the end");
    }
    if (sessionsAtEnd != 0 || socketsAtEnd != 0) {
      f.add("server still holds " + sessionsAtEnd + " connections and " + socketsAtEnd + " sockets after every client left");
    }
    if (heapEnd - heapBaseline > heapToleranceBytes) {
      f.add(String.format(Locale.ROOT, "heap grew by %.1f MB under load (tolerance %.1f MB)",
          mb(heapEnd - heapBaseline), mb(heapToleranceBytes)));
    }
    if (heapAfterClose - heapIdleBefore > heapToleranceBytes) {
      f.add(String.format(Locale.ROOT, "heap after every client left is %.1f MB above the idle heap (tolerance %.1f MB)",
          mb(heapAfterClose - heapIdleBefore), mb(heapToleranceBytes)));
    }
    return f;
  }

  /** Returns whether the run met every rule. */
  public boolean passed() {
    return failures().isEmpty();
  }

  /** Returns the messages delivered to all clients (each counted once). */
  public long delivered() {
    return total.delivered;
  }

  /** Returns the second and later copies of messages over all clients. */
  public long duplicates() {
    return total.duplicates;
  }

  /** Returns the messages that arrived after a later one of the same sender. */
  public long outOfOrder() {
    return total.outOfOrder;
  }

  /** Returns the losses neither volatile, nor while disconnected, nor inside an outage. */
  public long lostOutsideAllowed() {
    return total.lostOutside;
  }

  /** Returns the losses while the receiver was disconnected (allowed). */
  public long lostWhileDisconnected() {
    return total.lostWhileDown;
  }

  /** Returns the losses inside a Redis or node outage (allowed). */
  public long lostInOutage() {
    return total.lostInOutage;
  }

  /** Returns the connections the servers still held after every client left. */
  public int sessionsAtEnd() {
    return sessionsAtEnd;
  }

  /** Returns the disconnections the clients noticed. */
  public long disconnects() {
    return total.disconnects;
  }

  /** Returns the acknowledgement probes to withholding clients that timed out. */
  public long withheldAckTimeouts() {
    return acks.withheldTimedOut.get();
  }

  /** Returns how many outages (Redis, node) the run went through. */
  public int outages() {
    return outages.size();
  }

  /** Returns heap after a full collection at the end of the run minus the baseline, in bytes. */
  public long heapGrowthBytes() {
    return heapEnd - heapBaseline;
  }

  /** Returns the report as one JSON line. */
  public String toJson() {
    StringBuilder kinds = new StringBuilder();
    byKind.forEach((k, c) -> kinds.append(kinds.length() == 0 ? "" : ",")
        .append('"').append(k.name().toLowerCase(Locale.ROOT)).append("\":").append(c.json()));
    StringBuilder heapJson = new StringBuilder();
    for (HeapSample s : heap) {
      heapJson.append(heapJson.length() == 0 ? "" : ",").append(String.format(Locale.ROOT,
          "[%.0f,%.1f,%d]", s.seconds(), mb(s.usedBytes()), s.clientsUp()));
    }
    StringBuilder outageJson = new StringBuilder();
    for (Outage o : outages) {
      outageJson.append(outageJson.length() == 0 ? "" : ",").append(String.format(Locale.ROOT,
          "{\"what\":\"%s\",\"downAt\":%.1f,\"recoveredAt\":%.1f}", o.what(), o.downAt(), o.recoveredAt()));
    }
    return String.format(Locale.ROOT,
        "{\"soak\":\"%s\",\"started\":\"%s\",\"seconds\":%.1f,\"passed\":%b,\"total\":%s,\"byKind\":{%s},"
            + "\"ledgerEntries\":%d,\"phantomDeliveries\":%d,"
            + "\"chaos\":{\"serverDrops\":%d,\"clientDisconnects\":%d,\"waveDrops\":%d,\"slowReaderPauses\":%d,"
            + "\"upgraded\":%d,\"startedOnPolling\":%d},"
            + "\"acks\":{\"sent\":%d,\"answered\":%d,\"answeredByWithholder\":%d,\"withheldTimedOut\":%d,"
            + "\"slowTimedOut\":%d,\"unexpectedTimeouts\":%d,\"failedByDisconnect\":%d},"
            + "\"outages\":[%s],\"heapMb\":{\"idleBefore\":%.1f,\"baseline\":%.1f,\"end\":%.1f,\"afterClose\":%.1f,"
            + "\"samples\":[%s]},\"sessionsAtEnd\":%d,\"socketsAtEnd\":%d,\"failures\":%d,\"config\":\"%s\"}",
        config.contains("cluster") ? "cluster" : "single", started, seconds, passed(), total.json(), kinds,
        ledgerEntries, phantom, serverDrops, clientDisconnects, waveDrops, slowPauses, upgradedClients,
        upgradeClients, acks.sent.get(), acks.answered.get(), acks.answeredByWithholder.get(),
        acks.withheldTimedOut.get(), acks.slowTimedOut.get(), acks.unexpectedTimeouts.get(),
        acks.failedByDisconnect.get(), outageJson, mb(heapIdleBefore), mb(heapBaseline), mb(heapEnd),
        mb(heapAfterClose), heapJson, sessionsAtEnd, socketsAtEnd, failures().size(), config);
  }

  /** Returns the report as a table for people (Markdown). */
  public String toTable() {
    StringBuilder b = new StringBuilder();
    b.append(String.format(Locale.ROOT, "Soak run: %s%nStarted %s, %.0f s; %s%n%n", config, started, seconds, machine));
    b.append("| clients | n | sent | expected | delivered | lost: volatile | lost: while disconnected | lost: in outage"
        + " | lost: outside (must be 0) | duplicates | out of order | disconnects |\n");
    b.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    byKind.forEach((k, c) -> row(b, k.name().toLowerCase(Locale.ROOT), c));
    row(b, "all", total);
    b.append(String.format(Locale.ROOT,
        "%nChaos: %d connections dropped by the server, %d client disconnects, %d dropped in waves, %d slow-reader"
            + " pauses; %d of %d clients that started on polling were on WebSocket at the end.%n",
        serverDrops, clientDisconnects, waveDrops, slowPauses, upgradedClients, upgradeClients));
    b.append(String.format(Locale.ROOT,
        "Acknowledgement probes: %d sent, %d answered, %d withheld and timed out (expected), %d to slow readers"
            + " timed out, %d unexpected timeouts, %d ended by a disconnection, %d answered by withholders (must be 0).%n",
        acks.sent.get(), acks.answered.get(), acks.withheldTimedOut.get(), acks.slowTimedOut.get(),
        acks.unexpectedTimeouts.get(), acks.failedByDisconnect.get(), acks.answeredByWithholder.get()));
    for (Outage o : outages) {
      b.append(String.format(Locale.ROOT, "Outage: %s down at %.1f s, usable again at %.1f s.%n",
          o.what(), o.downAt(), o.recoveredAt()));
    }
    b.append(String.format(Locale.ROOT,
        "Heap after full GC (MB): idle before %.1f, under load %.1f at the start and %.1f at the end, %.1f after"
            + " every client left; samples (s: MB):",
        mb(heapIdleBefore), mb(heapBaseline), mb(heapEnd), mb(heapAfterClose)));
    for (HeapSample s : heap) {
      b.append(String.format(Locale.ROOT, " %.0f: %.0f", s.seconds(), mb(s.usedBytes())));
    }
    b.append(String.format(Locale.ROOT, "%nServer connections after every client left: %d (sockets: %d).%n",
        sessionsAtEnd, socketsAtEnd));
    List<String> f = failures();
    b.append(f.isEmpty() ? "PASSED" : "FAILED: " + String.join("; ", f)).append('\n');
    return b.toString();
  }

  private static void row(StringBuilder b, String name, Counts c) {
    b.append(String.format(Locale.ROOT, "| %s | %d | %d | %d | %d | %d | %d | %d | %d | %d | %d | %d |%n",
        name, c.clients, c.sent, c.expected, c.delivered, c.lostVolatile, c.lostWhileDown, c.lostInOutage,
        c.lostOutside, c.duplicates, c.outOfOrder, c.disconnects));
  }

  private static double mb(long bytes) {
    return bytes / (1024.0 * 1024.0);
  }
}
