/**
 * The soak and chaos harness ({@link io.socketeer.bench.soak.SoakHarness}): many clients, dropped
 * connections, upgrades, slow readers, withheld acknowledgements, Redis and node restarts, and a
 * check of every message against Socket.IO's at-most-once delivery rule.
 */
package io.socketeer.bench.soak;
