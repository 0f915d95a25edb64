package io.socketeer.client.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.socketeer.client.SocketIoException;
import io.socketeer.protocol.engineio.EnginePacket;
import io.socketeer.protocol.engineio.EnginePacketType;
import io.socketeer.protocol.internal.JsJson;
import io.socketeer.protocol.spi.Cancellable;
import io.socketeer.protocol.spi.Scheduler;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client side of one Engine.IO v4 session, as engine.io-client's {@code Socket}: opens a
 * transport, handshakes, probes and performs the upgrade, watches the heartbeat and buffers writes.
 *
 * <p>Confined to the scheduler's thread (the session's event loop): every method must be called
 * there, and the {@link Listener} is called there.
 *
 * <p>Close reasons are the reference client's: {@code transport close}, {@code transport error},
 * {@code ping timeout}, {@code forced close}.
 */
public final class EngineSocket {
  private static final Logger log = LoggerFactory.getLogger(EngineSocket.class);

  /** Session state, as engine.io-client's {@code readyState}. */
  public enum State {
    NEW,
    OPENING,
    OPEN,
    CLOSING,
    CLOSED
  }

  /** What a session reports, on the event loop. */
  public interface Listener {
    /** The handshake completed. */
    default void onOpen() {}

    /** A message (text or binary) arrived. */
    void onMessage(EnginePacket packet);

    /** The server pinged (already answered). */
    default void onPing() {}

    /** A transport error, reported before the close that follows it. */
    default void onError(SocketIoException error) {}

    /** The session ended; reached once. */
    void onClose(String reason, Throwable cause);

    /** The session moved to another transport. */
    default void onUpgrade(String transport) {}

    /** An upgrade probe failed; the session stays on its transport. */
    default void onUpgradeError(SocketIoException error) {}
  }

  /** Session settings taken from the client options. */
  public static final class Config {
    final List<String> transports;
    final boolean upgrade;
    final boolean rememberUpgrade;
    final boolean tryAllTransports;
    /** Shared by the sessions of one client, as the reference's process-wide flag. */
    final AtomicBoolean priorWebsocketSuccess;

    public Config(
        List<String> transports,
        boolean upgrade,
        boolean rememberUpgrade,
        boolean tryAllTransports,
        AtomicBoolean priorWebsocketSuccess) {
      this.transports = List.copyOf(transports);
      this.upgrade = upgrade;
      this.rememberUpgrade = rememberUpgrade;
      this.tryAllTransports = tryAllTransports;
      this.priorWebsocketSuccess = priorWebsocketSuccess;
    }
  }

  private final Config config;
  private final TransportFactory factory;
  private final Scheduler scheduler;
  private final Listener listener;

  /** Transports still to try (the reference shifts failed ones off with tryAllTransports). */
  private final List<String> transports;

  private State state = State.NEW;
  private Transport transport;
  private String id;
  private List<String> upgrades = List.of();
  private long pingInterval;
  private long pingTimeout;
  private long maxPayload;
  private Cancellable pingTimer;

  /** Deadline of the heartbeat watch in scheduler nanos; 0 when none. */
  private long pingDeadline;

  private final List<EnginePacket> writeBuffer = new ArrayList<>();
  private int prevBufferLen;
  private boolean upgrading;

  /** The transport being probed, or null. */
  private Transport probe;

  /** Runs once the write buffer drains (close waits for it), or null. */
  private Runnable onDrained;

  /** Runs once an upgrade finishes or fails (close waits for it), or null. */
  private Runnable onUpgradeDone;

  public EngineSocket(Config config, TransportFactory factory, Scheduler scheduler, Listener listener) {
    this.config = config;
    this.factory = factory;
    this.scheduler = scheduler;
    this.listener = listener;
    this.transports = new ArrayList<>(config.transports);
  }

  /** Returns the state. */
  public State state() {
    return state;
  }

  /** Returns the session id, or null before the handshake and after close. */
  public String id() {
    return id;
  }

  /** Returns the current transport's name, or null. */
  public String transportName() {
    return transport == null ? null : transport.name();
  }

  /** Returns true when the current transport can take packets now. */
  public boolean transportWritable() {
    return transport != null && transport.writable();
  }

  /** Starts the session. */
  public void open() {
    if (state != State.NEW) {
      return;
    }
    openTransport();
  }

  private void openTransport() {
    String name =
        config.rememberUpgrade
                && config.priorWebsocketSuccess.get()
                && transports.contains("websocket")
            ? "websocket"
            : transports.get(0);
    state = State.OPENING;
    Transport t = factory.create(name, null);
    setTransport(t);
    t.open();
  }

  private void setTransport(Transport t) {
    if (transport != null) {
      transport.detach();
    }
    transport = t;
    t.listener(
        new Transport.Listener() {
          @Override
          public void onPacket(EnginePacket packet) {
            if (transport == t) {
              onPacketReceived(packet);
            }
          }

          @Override
          public void onDrain() {
            if (transport == t) {
              drained();
            }
          }

          @Override
          public void onError(String message, Throwable cause) {
            if (transport == t) {
              transportError(new SocketIoException(message, null, cause));
            }
          }

          @Override
          public void onClose(String description) {
            if (transport == t) {
              closed("transport close", description == null ? null : new SocketIoException(description));
            }
          }
        });
  }

  private void onPacketReceived(EnginePacket packet) {
    if (state != State.OPENING && state != State.OPEN && state != State.CLOSING) {
      return;
    }
    switch (packet.type()) {
      case OPEN:
        handshake(packet);
        break;
      case PING:
        sendPacket(EnginePacket.PONG);
        listener.onPing();
        resetPingTimeout();
        break;
      case MESSAGE:
        listener.onMessage(packet);
        break;
      default:
        break;
    }
  }

  private void handshake(EnginePacket packet) {
    JsonNode data;
    try {
      data = JsJson.parse(packet.text() == null ? "" : packet.text());
    } catch (Exception e) {
      transportError(new SocketIoException("parse error", null, e));
      return;
    }
    if (!data.path("sid").isTextual()) {
      transportError(new SocketIoException("invalid handshake"));
      return;
    }
    id = data.get("sid").textValue();
    transport.sid(id);
    List<String> ups = new ArrayList<>();
    for (JsonNode u : data.path("upgrades")) {
      if (u.isTextual() && transports.contains(u.textValue())) {
        ups.add(u.textValue());
      }
    }
    upgrades = ups;
    pingInterval = data.path("pingInterval").asLong(25000);
    pingTimeout = data.path("pingTimeout").asLong(20000);
    maxPayload = data.path("maxPayload").asLong(0);
    state = State.OPEN;
    config.priorWebsocketSuccess.set("websocket".equals(transport.name()));
    log.debug("engine session {} open over {}", id, transport.name());
    listener.onOpen();
    flush();
    if (state == State.CLOSED) {
      return;
    }
    resetPingTimeout();
    if (state == State.OPEN && config.upgrade) {
      for (String u : upgrades) {
        if (!u.equals(transport.name())) {
          probe(u);
        }
      }
    }
  }

  private void resetPingTimeout() {
    if (pingTimer != null) {
      pingTimer.cancel();
    }
    Duration delay = Duration.ofMillis(timerDelayMillis(pingInterval, pingTimeout));
    pingDeadline = scheduler.nanoTime() + delay.toNanos();
    pingTimer = scheduler.schedule(() -> closed("ping timeout", null), delay);
  }

  /** Longest delay a JavaScript timer takes (2^31 - 1 ms). */
  private static final long MAX_TIMER_MILLIS = Integer.MAX_VALUE;

  /**
   * Returns the heartbeat watch's delay for the server's values as the reference's timer sees it: a
   * sum outside 1 ms to 2^31 - 1 ms (negative, zero, overflowing, or absurdly large, all of which a
   * server's open packet can carry) runs after 1 ms, as JavaScript's {@code setTimeout} does.
   */
  static long timerDelayMillis(long pingInterval, long pingTimeout) {
    long sum = pingInterval + pingTimeout;
    boolean overflow = ((pingInterval ^ sum) & (pingTimeout ^ sum)) < 0;
    return overflow || sum < 1 || sum > MAX_TIMER_MILLIS ? 1 : sum;
  }

  /**
   * Returns true when the heartbeat deadline has passed without the timer having fired yet (a
   * delayed timer); the close then follows on the next turn, as in the reference.
   */
  public boolean hasPingExpired() {
    if (pingDeadline == 0) {
      return true;
    }
    boolean expired = scheduler.nanoTime() - pingDeadline > 0;
    if (expired) {
      pingDeadline = 0;
      scheduler.execute(() -> closed("ping timeout", null));
    }
    return expired;
  }

  private void probe(String name) {
    Transport t = factory.create(name, id);
    probe = t;
    config.priorWebsocketSuccess.set(false);
    t.listener(
        new Transport.Listener() {
          @Override
          public void onOpen() {
            if (probe != t) {
              return;
            }
            t.send(List.of(EnginePacket.PING_PROBE));
          }

          @Override
          public void onPacket(EnginePacket packet) {
            if (probe != t) {
              return;
            }
            if (packet.type() == EnginePacketType.PONG && "probe".equals(packet.text())) {
              upgrading = true;
              config.priorWebsocketSuccess.set("websocket".equals(name));
              transport.pause(
                  () -> {
                    if (probe != t || state == State.CLOSED) {
                      return;
                    }
                    probe = null;
                    Transport old = transport;
                    setTransport(t);
                    // The paused polling transport says no goodbye (the session lives on over
                    // the WebSocket); its idle keep-alive connections are just closed.
                    old.release();
                    t.send(List.of(EnginePacket.UPGRADE));
                    upgrading = false;
                    log.debug("engine session {} upgraded to {}", id, name);
                    listener.onUpgrade(name);
                    upgradeDone();
                    flush();
                  });
            } else {
              probeFailed(t, "probe error");
            }
          }

          @Override
          public void onError(String message, Throwable cause) {
            probeFailed(t, "probe error: " + message);
          }

          @Override
          public void onClose(String description) {
            probeFailed(t, "probe error: transport closed");
          }
        });
    t.open();
  }

  private void probeFailed(Transport t, String message) {
    if (probe != t) {
      return;
    }
    probe = null;
    t.detach();
    t.close();
    if (upgrading) {
      upgrading = false;
    }
    listener.onUpgradeError(new SocketIoException(message));
    upgradeDone();
  }

  private void upgradeDone() {
    Runnable r = onUpgradeDone;
    onUpgradeDone = null;
    if (r != null) {
      r.run();
    }
  }

  /** Queues messages (a Socket.IO packet and its attachments) and flushes when possible. */
  public boolean send(List<EnginePacket> packets) {
    if (state == State.CLOSING || state == State.CLOSED || state == State.NEW) {
      return false;
    }
    writeBuffer.addAll(packets);
    flush();
    return true;
  }

  private void sendPacket(EnginePacket packet) {
    if (state == State.CLOSING || state == State.CLOSED) {
      return;
    }
    writeBuffer.add(packet);
    flush();
  }

  private void flush() {
    if (state != State.CLOSED
        && transport != null
        && transport.writable()
        && !upgrading
        && !writeBuffer.isEmpty()) {
      List<EnginePacket> packets = writablePackets();
      prevBufferLen = packets.size();
      transport.send(new ArrayList<>(packets));
    }
  }

  /** Keeps a polling POST under the server's maxPayload, counting as the reference does. */
  private List<EnginePacket> writablePackets() {
    if (maxPayload <= 0 || !"polling".equals(transport.name()) || writeBuffer.size() <= 1) {
      return writeBuffer;
    }
    long size = 1;
    for (int i = 0; i < writeBuffer.size(); i++) {
      EnginePacket p = writeBuffer.get(i);
      if (p.isBinary()) {
        size += (long) Math.ceil(p.binaryData().length * 1.33);
      } else if (p.hasData()) {
        size += p.text().getBytes(StandardCharsets.UTF_8).length;
      }
      if (i > 0 && size > maxPayload) {
        return writeBuffer.subList(0, i);
      }
      size += 2;
    }
    return writeBuffer;
  }

  private void drained() {
    writeBuffer.subList(0, Math.min(prevBufferLen, writeBuffer.size())).clear();
    prevBufferLen = 0;
    if (writeBuffer.isEmpty()) {
      Runnable r = onDrained;
      onDrained = null;
      if (r != null) {
        r.run();
      }
    } else {
      flush();
    }
  }

  /** Closes the session with {@code forced close}, after the buffered packets and any upgrade. */
  public void close() {
    if (state == State.NEW) {
      state = State.CLOSED;
      return;
    }
    if (state != State.OPENING && state != State.OPEN) {
      return;
    }
    state = State.CLOSING;
    Runnable close =
        () -> {
          Transport t = transport;
          closed("forced close", null);
          if (t != null) {
            t.close();
          }
        };
    Runnable afterUpgrade = () -> onUpgradeDone = close;
    if (!writeBuffer.isEmpty() && transport != null && transport.state() == Transport.State.OPEN) {
      onDrained =
          () -> {
            if (upgrading) {
              afterUpgrade.run();
            } else {
              close.run();
            }
          };
    } else if (upgrading) {
      afterUpgrade.run();
    } else {
      close.run();
    }
  }

  /** Drops the session at once without waiting for buffered packets (client shutdown). */
  public void abort() {
    if (state == State.CLOSING) {
      return;
    }
    closed("forced close", null);
  }

  private void transportError(SocketIoException error) {
    config.priorWebsocketSuccess.set(false);
    if (config.tryAllTransports && transports.size() > 1 && state == State.OPENING) {
      log.debug("transport {} failed to open, trying the next one", transports.get(0));
      transports.remove(0);
      Transport t = transport;
      transport = null;
      t.detach();
      t.close();
      openTransport();
      return;
    }
    listener.onError(error);
    closed("transport error", error);
  }

  private void closed(String reason, Throwable cause) {
    if (state != State.OPENING && state != State.OPEN && state != State.CLOSING) {
      return;
    }
    log.debug("engine session {} closed: {}", id, reason);
    if (pingTimer != null) {
      pingTimer.cancel();
      pingTimer = null;
    }
    pingDeadline = 0;
    Transport t = transport;
    if (t != null) {
      t.detach();
      t.close();
    }
    Transport p = probe;
    probe = null;
    if (p != null) {
      p.detach();
      p.close();
    }
    state = State.CLOSED;
    id = null;
    onDrained = null;
    onUpgradeDone = null;
    listener.onClose(reason, cause);
    writeBuffer.clear();
    prevBufferLen = 0;
  }
}
