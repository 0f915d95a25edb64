package io.socketeer.engine.internal;

import io.socketeer.engine.CloseReason;
import io.socketeer.engine.EngineError;
import io.socketeer.engine.EngineObserver;
import io.socketeer.engine.EngineOptions;
import io.socketeer.engine.EngineSession;
import io.socketeer.engine.EngineSessionListener;
import io.socketeer.engine.spi.BodyCallback;
import io.socketeer.engine.spi.HttpExchange;
import io.socketeer.engine.spi.WebSocketConnection;
import io.socketeer.engine.spi.WebSocketHandler;
import io.socketeer.protocol.ProtocolException;
import io.socketeer.protocol.engineio.EngineCodec;
import io.socketeer.protocol.engineio.EnginePacket;
import io.socketeer.protocol.engineio.EnginePacketType;
import io.socketeer.protocol.engineio.EngineVersion;
import io.socketeer.protocol.spi.Cancellable;
import io.socketeer.protocol.spi.Scheduler;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Engine.IO session: the state machine of digest sections 7 to 10.
 *
 * <pre>
 *   state:   OPEN ──close()──▶ CLOSING ──▶ CLOSED
 *              └──────── client close, error, timeout ──────▶ CLOSED
 *   upgrade: NONE ──probe WebSocket──▶ PROBING ──"5"──▶ UPGRADED
 *                  ◀── other packet, timeout, probe closed ──┘
 * </pre>
 *
 * <p>Confinement: every field below is only touched on {@link #scheduler}'s thread (the event loop
 * of the handshake's connection), except {@link #state} and {@link #transportName}, which are
 * volatile so that other threads may read them. Public methods hop onto that thread.
 */
public final class Session implements EngineSession {
  private static final Logger log = LoggerFactory.getLogger(Session.class);
  private static final Duration NOOP_CHECK = Duration.ofMillis(100);
  private static final byte[] NO_BYTES = new byte[0];
  /** The one-byte type digits, shared by every text frame. */
  private static final byte[][] TYPE_DIGITS = new byte[EnginePacketType.values().length][];

  static {
    for (EnginePacketType t : EnginePacketType.values()) {
      TYPE_DIGITS[t.ordinal()] = new byte[] {(byte) t.code()};
    }
  }

  private static final List<EnginePacket> CLOSE_ONLY = List.of(EnginePacket.CLOSE);
  private static final List<EnginePacket> NOOP_ONLY = List.of(EnginePacket.NOOP);
  private static final List<EnginePacket> NOOP_CLOSE = List.of(EnginePacket.NOOP, EnginePacket.CLOSE);

  /** Life cycle of the session. */
  enum State {
    OPEN,
    CLOSING,
    CLOSED
  }

  /** Progress of an upgrade from polling to WebSocket. */
  enum Upgrade {
    NONE,
    PROBING,
    UPGRADED
  }

  private final EngineCore core;
  private final EngineOptions options;
  /** The observer, or null when none is set (then no observer work is done). Immutable. */
  private final EngineObserver observer;
  private final String id;
  private final EngineVersion version;
  private final Scheduler scheduler;
  /** False when the client asked for base64 ({@code b64}). Immutable. */
  private final boolean supportsBinary;
  private final Map<String, String> query;
  private final Map<String, String> headers;
  private final String remoteAddress;

  /** Written on the session thread only; volatile for {@link #isOpen()}. */
  private volatile State state = State.OPEN;
  /** {@code polling} or {@code websocket}; written on the session thread only. */
  private volatile String transportName;

  private EngineSessionListener listener = new EngineSessionListener() {};
  private Upgrade upgrade = Upgrade.NONE;
  private final ArrayList<EnginePacket> buffer = new ArrayList<>();
  /**
   * Queued packets that must not be compressed (identity), or null while there are none: rare, so
   * the common path neither allocates nor looks anything up.
   */
  private java.util.Set<EnginePacket> uncompressed;
  /** Payload bytes of the packets in {@link #buffer}. */
  private long bufferedBytes;
  /** The session ends because the client does not take what it is sent: close abruptly. */
  private boolean overflowed;

  // polling
  private HttpExchange pendingGet;
  private Map<String, String> pendingGetHeaders;
  private boolean postInFlight;
  /** A server close waits for the next GET to deliver {@code 6␞1}. */
  private boolean closeOnNextGet;
  /** A server close waits until the buffered packets are written. */
  private boolean closeOnDrain;

  // websocket
  private WebSocketConnection ws;
  private WebSocketConnection probe;

  // timers
  private Cancellable pingTimer = Cancellable.NONE;
  private Cancellable pongTimer = Cancellable.NONE;
  private Cancellable upgradeTimer = Cancellable.NONE;
  private Cancellable noopTimer = Cancellable.NONE;
  private Cancellable closeTimer = Cancellable.NONE;

  Session(
      EngineCore core,
      String id,
      EngineVersion version,
      Scheduler scheduler,
      String transportName,
      Map<String, String> query,
      Map<String, String> headers,
      String remoteAddress) {
    this.core = core;
    this.options = core.options();
    this.observer = options.observer();
    this.id = id;
    this.version = version;
    this.scheduler = scheduler;
    this.transportName = transportName;
    this.query = query;
    this.headers = headers;
    this.remoteAddress = remoteAddress;
    this.supportsBinary = query.get("b64") == null;
  }

  // ---------------------------------------------------------------------------------------------
  // Public API (any thread)

  @Override
  public String id() {
    return id;
  }

  @Override
  public EngineVersion version() {
    return version;
  }

  @Override
  public String transport() {
    return transportName;
  }

  @Override
  public Map<String, String> handshakeQuery() {
    return query;
  }

  @Override
  public Map<String, String> handshakeHeaders() {
    return headers;
  }

  @Override
  public String remoteAddress() {
    return remoteAddress;
  }

  @Override
  public boolean isOpen() {
    return state == State.OPEN;
  }

  @Override
  public boolean send(EnginePacket packet) {
    if (state != State.OPEN) {
      return false;
    }
    onThread(() -> {
      if (state == State.OPEN) {
        enqueue(packet);
        flush();
      }
    });
    return true;
  }

  @Override
  public boolean isWritable() {
    // Read outside the session's thread on purpose: a best-effort hint for volatile packets, which
    // are dropped while a WebSocket's peer does not read (its runtime's writability).
    WebSocketConnection connection = ws;
    return state == State.OPEN
        && (upgrade == Upgrade.UPGRADED ? connection != null && connection.isWritable() : pendingGet != null);
  }

  @Override
  public boolean send(List<EnginePacket> packets) {
    return send(packets, true);
  }

  @Override
  public boolean send(List<EnginePacket> packets, boolean compress) {
    if (state != State.OPEN) {
      return false;
    }
    onThread(() -> {
      if (state == State.OPEN) {
        for (EnginePacket p : packets) {
          enqueue(p);
        }
        if (!compress) {
          if (uncompressed == null) {
            uncompressed = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
          }
          uncompressed.addAll(packets);
        }
        flush();
      }
    });
    return true;
  }

  /** Returns whether a queued packet may be compressed, forgetting its mark. */
  private boolean takeCompress(EnginePacket p) {
    return uncompressed == null || !uncompressed.remove(p);
  }

  @Override
  public void close() {
    onThread(this::closeByServer);
  }

  @Override
  public Scheduler scheduler() {
    return scheduler;
  }

  @Override
  public String toString() {
    return "EngineSession{" + id + ", " + transportName + ", " + state + "}";
  }

  private void onThread(Runnable task) {
    if (scheduler.inSchedulerThread()) {
      task.run();
    } else {
      scheduler.execute(task);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Opening (session thread)

  /** Opens a polling session on its handshake GET. */
  void openPolling(HttpExchange handshake, Map<String, String> baseHeaders) {
    startHeartbeat();
    queueOpenPackets(options.websocketEnabled() && options.allowUpgrades());
    core.register(this);
    listener = core.newListener(this);
    if (options.cookie() != null) {
      // Only the polling handshake carries the cookie (digest 6.6).
      baseHeaders = new LinkedHashMap<>(baseHeaders);
      baseHeaders.put("Set-Cookie", options.cookie() + "=" + id + "; Path=/; HttpOnly; SameSite=Lax");
    }
    if (observer != null) {
      observe(() -> observer.onSessionOpened(this));
    }
    attachGet(handshake, baseHeaders);
    callListener(() -> listener.onOpen());
  }

  /** Opens a WebSocket-only session; returns the handler of its connection. */
  void openWebSocket(WebSocketConnection connection) {
    ws = connection;
    upgrade = Upgrade.UPGRADED;
    startHeartbeat();
    queueOpenPackets(false);
    core.register(this);
    listener = core.newListener(this);
    if (observer != null) {
      observe(() -> observer.onSessionOpened(this));
    }
    flush();
    callListener(() -> listener.onOpen());
  }

  private void queueOpenPackets(boolean offerUpgrade) {
    String open = "{\"sid\":\"" + id + "\",\"upgrades\":" + (offerUpgrade ? "[\"websocket\"]" : "[]")
        + ",\"pingInterval\":" + options.pingInterval().toMillis()
        + ",\"pingTimeout\":" + options.pingTimeout().toMillis()
        + ",\"maxPayload\":" + options.maxHttpBufferSize() + "}";
    enqueue(EnginePacket.of(EnginePacketType.OPEN, open));
    if (options.initialPacket() != null) {
      enqueue(EnginePacket.message(options.initialPacket()));
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Heartbeat (digest 8)

  private void startHeartbeat() {
    if (version == EngineVersion.V4) {
      schedulePing();
    } else {
      resetV3Timeout();
    }
  }

  private void schedulePing() {
    pingTimer.cancel();
    pingTimer = scheduler.schedule(this::ping, options.pingInterval());
  }

  private void ping() {
    if (state != State.OPEN) {
      return;
    }
    sendPacket(EnginePacket.PING);
    pongTimer.cancel();
    pongTimer = scheduler.schedule(() -> onClose(CloseReason.PING_TIMEOUT, null), options.pingTimeout());
  }

  private void resetV3Timeout() {
    pongTimer.cancel();
    pongTimer = scheduler.schedule(
        () -> onClose(CloseReason.PING_TIMEOUT, null), options.pingInterval().plus(options.pingTimeout()));
  }

  // ---------------------------------------------------------------------------------------------
  // Packets from the client (session thread)

  /** Handles one packet; returns true while the session is open (decoding may go on). */
  private boolean onPacket(EnginePacket packet) {
    if (state != State.OPEN) {
      return false;
    }
    if (observer != null) {
      observeReceived(packet);
    }
    switch (packet.type()) {
      case PING:
        if (version == EngineVersion.V4) {
          onClose(CloseReason.TRANSPORT_ERROR, "invalid heartbeat direction");
        } else {
          resetV3Timeout();
          sendPacket(EnginePacket.PONG);
        }
        break;
      case PONG:
        if (version == EngineVersion.V3) {
          onClose(CloseReason.TRANSPORT_ERROR, "invalid heartbeat direction");
        } else {
          pongTimer.cancel();
          pongTimer = Cancellable.NONE;
          schedulePing();
        }
        break;
      case MESSAGE:
        if (packet.isBinary()) {
          byte[] data = packet.binaryData();
          callListener(() -> listener.onBinary(data));
        } else {
          String text = packet.text();
          callListener(() -> listener.onMessage(text));
        }
        break;
      case CLOSE:
        onClose(CloseReason.TRANSPORT_CLOSE, null);
        break;
      default:
        // open, upgrade (outside a probe) and noop carry no meaning from a client: ignored as in the reference
        break;
    }
    return state == State.OPEN;
  }

  private void observeReceived(EnginePacket packet) {
    int bytes = packet.isBinary() ? packet.binaryData().length : utf8Length(packet.text());
    try {
      observer.onPacketReceived(this, packet.type(), bytes);
    } catch (RuntimeException e) {
      log.warn("engine observer failed", e);
    }
  }

  private void observeSent(EnginePacket packet) {
    byte[] data = packet.isBinary() ? packet.binaryData() : packet.textUtf8();
    try {
      observer.onPacketSent(this, packet.type(), data == null ? 0 : data.length);
    } catch (RuntimeException e) {
      log.warn("engine observer failed", e);
    }
  }

  /** Runs an observer call that is not on a per-packet path (a lambda is fine there). */
  private void observe(Runnable call) {
    try {
      call.run();
    } catch (RuntimeException e) {
      log.warn("engine observer failed", e);
    }
  }

  /** Returns the UTF-8 length of {@code s} (0 for null) without encoding it. */
  static int utf8Length(String s) {
    if (s == null) {
      return 0;
    }
    int n = s.length();
    int bytes = n;
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c >= 0x80) {
        if (c < 0x800) {
          bytes += 1;
        } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
          bytes += 2; // four bytes for the pair
          i++;
        } else {
          bytes += 2; // three bytes; a lone surrogate is written as U+FFFD, also three bytes
        }
      }
    }
    return bytes;
  }

  private void callListener(Runnable call) {
    try {
      call.run();
    } catch (RuntimeException e) {
      log.warn("session listener of {} failed", id, e);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Sending (session thread)

  private void sendPacket(EnginePacket packet) {
    if (state == State.OPEN) {
      enqueue(packet);
      flush();
    }
  }

  private void enqueue(EnginePacket packet) {
    buffer.add(packet);
    bufferedBytes += size(packet);
  }

  private static int size(EnginePacket p) {
    if (p.isBinary()) {
      return p.binaryData().length;
    }
    byte[] data = p.textUtf8();
    return 1 + (data == null ? 0 : data.length);
  }

  private void clearBuffer() {
    buffer.clear();
    bufferedBytes = 0;
    uncompressed = null;
  }

  /**
   * Ends the session when what waits for the client passes a limit (BAD_INPUTS C-45): the packets
   * queued here while no transport can take them, or the bytes and frames a WebSocket's peer has
   * not read yet. Returns true when it did.
   */
  private boolean overflows(long bytes, long packets) {
    if (bytes <= options.maxBufferedBytes() && packets <= options.maxBufferedPackets()) {
      return false;
    }
    overflowed = true;
    onClose(CloseReason.TRANSPORT_ERROR,
        "outbound buffer full: " + bytes + " bytes in " + packets + " packets not taken by the client");
    return true;
  }

  private void flush() {
    if (state == State.CLOSED || buffer.isEmpty()) {
      return;
    }
    if (ws != null && upgrade == Upgrade.UPGRADED) {
      for (EnginePacket p : buffer) {
        writeWebSocket(ws, p, takeCompress(p));
        if (observer != null) {
          observeSent(p);
        }
      }
      clearBuffer();
      if (overflows(ws.bufferedBytes(), ws.bufferedMessages())) {
        return;
      }
    } else if (pendingGet != null) {
      List<EnginePacket> packets = new ArrayList<>(buffer);
      boolean compress = uncompressed == null;
      if (!compress) {
        // As the reference: the answer is compressed when any of its packets may be.
        for (EnginePacket p : packets) {
          compress |= !uncompressed.contains(p);
        }
      }
      clearBuffer();
      respondGet(packets, compress);
    } else {
      overflows(bufferedBytes, buffer.size());
      return;
    }
    if (closeOnDrain) {
      closeOnDrain = false;
      closeTransport();
    }
  }

  private void writeWebSocket(WebSocketConnection connection, EnginePacket p, boolean compress) {
    if (p.isBinary()) {
      if (supportsBinary) {
        connection.sendBinary(EngineCodec.encodeBinaryFrame(p, version), compress);
      } else {
        connection.sendText(NO_BYTES, EngineCodec.encodeText(p, version), compress);
      }
    } else {
      // Type digit + the packet's own cached UTF-8: nothing is encoded or copied per session.
      byte[] data = p.textUtf8();
      connection.sendText(TYPE_DIGITS[p.type().ordinal()], data == null ? NO_BYTES : data, compress);
    }
  }

  private void respondGet(List<EnginePacket> packets) {
    respondGet(packets, true);
  }

  private void respondGet(List<EnginePacket> packets, boolean compress) {
    HttpExchange get = pendingGet;
    Map<String, String> h = new LinkedHashMap<>(pendingGetHeaders);
    pendingGet = null;
    pendingGetHeaders = null;
    if (observer != null) {
      for (EnginePacket p : packets) {
        observeSent(p);
      }
    }
    byte[] body;
    if (version == EngineVersion.V4) {
      body = EngineCodec.encodePayload(packets);
      h.put("Content-Type", "text/plain; charset=UTF-8");
    } else if (EngineCodec.needsV3BinaryPayload(packets, supportsBinary)) {
      body = EngineCodec.encodePayloadV3Binary(packets);
      h.put("Content-Type", "application/octet-stream");
    } else {
      body = EngineCodec.encodePayloadV3Text(packets);
      h.put("Content-Type", "text/plain; charset=UTF-8");
    }
    h.put("Cache-Control", "no-store");
    if (compress) {
      body = Http.compress(body, get.header("accept-encoding"), options.httpCompressionThreshold(), h);
    }
    String ua = get.header("user-agent");
    if (ua != null && (ua.contains(";MSIE") || ua.contains("Trident/"))) {
      h.put("X-XSS-Protection", "0");
    }
    get.respond(200, h, body);
  }

  // ---------------------------------------------------------------------------------------------
  // Polling requests (session thread)

  /** Handles a polling request that passed validation. */
  void onPollingRequest(HttpExchange exchange, Map<String, String> baseHeaders) {
    if (state == State.CLOSED) {
      Http.error(exchange, baseHeaders, EngineError.UNKNOWN_SID, null);
      return;
    }
    if (upgrade == Upgrade.UPGRADED) {
      Http.error(exchange, baseHeaders, EngineError.BAD_REQUEST, null);
      return;
    }
    switch (exchange.method()) {
      case "GET":
        onGet(exchange, baseHeaders);
        break;
      case "POST":
        onPost(exchange, baseHeaders);
        break;
      default:
        Http.empty(exchange, baseHeaders, 500);
    }
  }

  private void onGet(HttpExchange exchange, Map<String, String> baseHeaders) {
    if (pendingGet != null) {
      // Closed before answering, so that the client's next request already finds no session.
      onClose(CloseReason.TRANSPORT_ERROR, "overlap from client");
      Http.empty(exchange, baseHeaders, 400);
      return;
    }
    attachGet(exchange, baseHeaders);
  }

  private void attachGet(HttpExchange exchange, Map<String, String> baseHeaders) {
    pendingGet = exchange;
    pendingGetHeaders = baseHeaders;
    exchange.onAbort(() -> onThread(() -> {
      if (pendingGet == exchange) {
        pendingGet = null;
        pendingGetHeaders = null;
        onClose(CloseReason.TRANSPORT_ERROR, "poll connection closed prematurely");
      }
    }));
    if (closeOnNextGet) {
      respondGet(NOOP_CLOSE);
      onClose(CloseReason.FORCED_CLOSE, null);
      return;
    }
    flush();
  }

  private void onPost(HttpExchange exchange, Map<String, String> baseHeaders) {
    if (postInFlight) {
      onClose(CloseReason.TRANSPORT_ERROR, "data request overlap from client");
      Http.empty(exchange, baseHeaders, 400);
      return;
    }
    String contentType = exchange.header("content-type");
    boolean binaryBody = contentType != null
        && contentType.toLowerCase(Locale.ROOT).contains("application/octet-stream");
    if (binaryBody && version == EngineVersion.V4) {
      onClose(CloseReason.TRANSPORT_ERROR, "invalid content");
      Http.empty(exchange, baseHeaders, 400);
      return;
    }
    postInFlight = true;
    exchange.readBody(options.maxHttpBufferSize(), new BodyCallback() {
      @Override
      public void onBody(byte[] body) {
        onThread(() -> onPostBody(exchange, baseHeaders, body, binaryBody));
      }

      @Override
      public void onTooLarge() {
        onThread(() -> {
          postInFlight = false;
          // As the reference: 413, the data is lost, the session lives on (digest 6.3).
          Http.empty(exchange, baseHeaders, 413);
        });
      }

      @Override
      public void onAborted() {
        onThread(() -> {
          postInFlight = false;
          onClose(CloseReason.TRANSPORT_ERROR, "data request connection closed prematurely");
        });
      }
    });
  }

  private void onPostBody(HttpExchange exchange, Map<String, String> baseHeaders, byte[] body, boolean binaryBody) {
    postInFlight = false;
    if (state == State.CLOSED) {
      Http.empty(exchange, baseHeaders, 400);
      return;
    }
    try {
      if (version == EngineVersion.V4) {
        EngineCodec.decodePayload(body, this::onPacket);
      } else if (binaryBody) {
        EngineCodec.decodePayloadV3Binary(body, this::onPacket);
      } else {
        EngineCodec.decodePayloadV3Text(new String(body, StandardCharsets.UTF_8), this::onPacket);
      }
    } catch (ProtocolException e) {
      // Recommendation of digest 6.3: answer 400 and close; the packets before the fault were delivered.
      onClose(CloseReason.PARSE_ERROR, e.getMessage());
      Http.empty(exchange, baseHeaders, 400);
      return;
    }
    Http.ok(exchange, baseHeaders);
  }

  // ---------------------------------------------------------------------------------------------
  // WebSocket (session thread)

  /** Attaches a WebSocket that asks to upgrade this session (digest 9). */
  void openProbe(WebSocketConnection connection) {
    if (state != State.OPEN || upgrade != Upgrade.NONE || !options.allowUpgrades()) {
      // Already upgrading or upgraded: the reference completes the handshake, then closes it.
      connection.close();
      return;
    }
    probe = connection;
    upgrade = Upgrade.PROBING;
    upgradeTimer = scheduler.schedule(() -> abortProbe("upgrade timeout"), options.upgradeTimeout());
  }

  /** Returns the handler for a WebSocket of this session (the transport or a probe). */
  WebSocketHandler handlerFor(WebSocketConnection connection) {
    return new WebSocketHandler() {
      @Override
      public void onText(String text) {
        onThread(() -> onWebSocketText(connection, text));
      }

      @Override
      public void onBinary(byte[] data) {
        onThread(() -> onWebSocketBinary(connection, data));
      }

      @Override
      public void onClose(String error) {
        onThread(() -> onWebSocketClose(connection, error));
      }
    };
  }

  private void onWebSocketText(WebSocketConnection connection, String text) {
    if (connection == ws && upgrade == Upgrade.UPGRADED) {
      EnginePacket packet;
      try {
        packet = EngineCodec.decodeText(text, version);
      } catch (ProtocolException e) {
        onClose(CloseReason.PARSE_ERROR, e.getMessage());
        return;
      }
      onPacket(packet);
    } else if (connection == probe) {
      onProbeText(text);
    }
  }

  private void onWebSocketBinary(WebSocketConnection connection, byte[] data) {
    if (connection == ws && upgrade == Upgrade.UPGRADED) {
      EnginePacket packet;
      try {
        packet = EngineCodec.decodeBinaryFrame(data, version);
      } catch (ProtocolException e) {
        onClose(CloseReason.PARSE_ERROR, e.getMessage());
        return;
      }
      onPacket(packet);
    } else if (connection == probe) {
      abortProbe("binary message during probe");
    }
  }

  private void onWebSocketClose(WebSocketConnection connection, String error) {
    if (connection == ws && upgrade == Upgrade.UPGRADED) {
      onClose(error == null ? CloseReason.TRANSPORT_CLOSE : CloseReason.TRANSPORT_ERROR, error);
    } else if (connection == probe) {
      probe = null;
      endProbe();
      if (observer != null) {
        observe(() -> observer.onUpgradeFailed(this, "probe closed"));
      }
    }
  }

  private void onProbeText(String text) {
    EnginePacket packet;
    try {
      packet = EngineCodec.decodeText(text, version);
    } catch (ProtocolException e) {
      abortProbe("invalid packet during probe");
      return;
    }
    if (packet.type() == EnginePacketType.PING && "probe".equals(packet.text())) {
      writeWebSocket(probe, EnginePacket.PONG_PROBE, true);
      // Release a waiting GET every 100 ms so that the client can finish pausing (digest 9, step 3).
      noopTimer.cancel();
      noopTimer = scheduler.schedule(this::noopCheck, NOOP_CHECK);
    } else if (packet.type() == EnginePacketType.UPGRADE && state != State.CLOSED) {
      completeUpgrade();
    } else {
      abortProbe("unexpected packet during probe");
    }
  }

  private void noopCheck() {
    if (upgrade != Upgrade.PROBING || state == State.CLOSED) {
      return;
    }
    if (pendingGet != null && buffer.isEmpty()) {
      respondGet(NOOP_ONLY);
    }
    noopTimer = scheduler.schedule(this::noopCheck, NOOP_CHECK);
  }

  private void completeUpgrade() {
    WebSocketConnection connection = probe;
    probe = null;
    upgradeTimer.cancel();
    noopTimer.cancel();
    if (pendingGet != null) {
      // The polling transport is dropped; a GET still waiting is released with a close packet.
      respondGet(buffer.isEmpty() ? CLOSE_ONLY : NOOP_ONLY);
    }
    ws = connection;
    upgrade = Upgrade.UPGRADED;
    transportName = "websocket";
    log.debug("session {} upgraded to websocket", id);
    if (observer != null) {
      observe(() -> observer.onUpgraded(this));
    }
    if (closeOnNextGet) {
      closeOnNextGet = false;
      closeTimer.cancel();
      ws.close();
      onClose(CloseReason.FORCED_CLOSE, null);
      return;
    }
    flush();
  }

  private void abortProbe(String why) {
    WebSocketConnection connection = probe;
    if (connection == null) {
      return;
    }
    log.debug("session {} upgrade given up: {}", id, why);
    if (observer != null) {
      observe(() -> observer.onUpgradeFailed(this, why));
    }
    probe = null;
    endProbe();
    connection.close();
  }

  private void endProbe() {
    upgradeTimer.cancel();
    noopTimer.cancel();
    if (upgrade == Upgrade.PROBING) {
      upgrade = Upgrade.NONE;
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Closing (digest 10)

  private void closeByServer() {
    if (state != State.OPEN) {
      return;
    }
    state = State.CLOSING;
    if (buffer.isEmpty()) {
      closeTransport();
    } else {
      closeOnDrain = true;
    }
  }

  private void closeTransport() {
    if (ws != null && upgrade == Upgrade.UPGRADED) {
      onClose(CloseReason.FORCED_CLOSE, null);
    } else if (pendingGet != null) {
      respondGet(CLOSE_ONLY);
      onClose(CloseReason.FORCED_CLOSE, null);
    } else {
      closeOnNextGet = true;
      closeTimer = scheduler.schedule(() -> onClose(CloseReason.FORCED_CLOSE, null), options.pollingCloseTimeout());
    }
  }

  /** Ends the session (once): timers off, transports closed, registry and listener told. */
  void onClose(CloseReason reason, String description) {
    if (state == State.CLOSED) {
      return;
    }
    state = State.CLOSED;
    log.debug("session {} closed: {} {}", id, reason, description == null ? "" : description);
    pingTimer.cancel();
    pongTimer.cancel();
    upgradeTimer.cancel();
    noopTimer.cancel();
    closeTimer.cancel();
    if (probe != null) {
      WebSocketConnection p = probe;
      probe = null;
      p.close();
    }
    if (pendingGet != null) {
      // The client's own close gets a noop (it closes anyway); any other end gets a close packet.
      respondGet(reason == CloseReason.TRANSPORT_CLOSE ? NOOP_ONLY : CLOSE_ONLY);
    } else if (reason == CloseReason.TRANSPORT_CLOSE && upgrade != Upgrade.UPGRADED) {
      core.rememberClientClose(this);
    }
    if (ws != null) {
      if (overflowed) {
        ws.abort();
      } else {
        ws.close();
      }
    }
    clearBuffer();
    core.unregister(this);
    if (observer != null) {
      observe(() -> observer.onSessionClosed(this, reason));
    }
    callListener(() -> listener.onClose(reason, description));
  }

  /**
   * Forced close from the engine shutting down: queued packets and a pending GET are answered now;
   * a polling session without a GET does not wait for the next one.
   */
  void shutdown() {
    onThread(() -> {
      closeByServer();
      if (state != State.CLOSED) {
        if (pendingGet != null && !buffer.isEmpty()) {
          flush();
        }
        onClose(CloseReason.FORCED_CLOSE, null);
      }
    });
  }
}
