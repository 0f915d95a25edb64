package io.socketeer.bench.soak;

import java.util.concurrent.atomic.AtomicLong;

/** Outcomes of the acknowledgement probes the servers send. Thread-safe counters. */
final class AckStats {
  final AtomicLong sent = new AtomicLong();
  /** Answers from clients that answer probes. */
  final AtomicLong answered = new AtomicLong();
  /** Answers from clients that never answer: must stay zero. */
  final AtomicLong answeredByWithholder = new AtomicLong();
  /** Timeouts of probes to clients that never answer: expected. */
  final AtomicLong withheldTimedOut = new AtomicLong();
  /** Timeouts of probes to slow readers (raw clients that never answer either). */
  final AtomicLong slowTimedOut = new AtomicLong();
  /** Timeouts of probes to connected clients that do answer (overload would show here). */
  final AtomicLong unexpectedTimeouts = new AtomicLong();
  /** Probes that ended because the connection did. */
  final AtomicLong failedByDisconnect = new AtomicLong();
}
