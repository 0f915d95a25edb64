package io.socketeer.client.internal;

import io.socketeer.protocol.engineio.EngineCodec;
import io.socketeer.protocol.engineio.EnginePacket;
import io.socketeer.protocol.engineio.EngineVersion;
import java.util.ArrayList;
import java.util.List;

/** A transport driven by the test: it records what the client sends and injects what arrives. */
final class FakeTransport extends Transport {
  final List<String> sent = new ArrayList<>();
  final String initialSid;
  boolean closedPolitely;
  boolean released;
  Runnable pendingPause;
  boolean holdPause;
  /** When set, writes stay in flight until {@link #completeWrite()}. */
  boolean holdWrites;
  private boolean writeInFlight;

  FakeTransport(String name, String sid) {
    super(name);
    this.initialSid = sid;
    this.sid = sid;
  }

  @Override
  protected void doOpen() {}

  @Override
  protected void write(List<EnginePacket> packets) {
    for (EnginePacket p : packets) {
      sent.add(p.isBinary() ? "<binary " + p.binaryData().length + ">" : EngineCodec.encodeToString(p, EngineVersion.V4));
    }
    // Writes complete at once unless a test holds them.
    if (holdWrites) {
      writable = false;
      writeInFlight = true;
    } else {
      drained();
    }
  }

  /** Completes the held write, as a polling POST answered "ok": drain first, then any pause. */
  void completeWrite() {
    writeInFlight = false;
    writable = true;
    drained();
    Runnable p = pendingPause;
    if (p != null) {
      pendingPause = null;
      super.pause(p);
    }
  }

  @Override
  public void pause(Runnable onPause) {
    if (holdPause || writeInFlight) {
      pendingPause = onPause;
    } else {
      super.pause(onPause);
    }
  }

  @Override
  protected void doClose() {
    closedPolitely = true;
  }

  @Override
  protected void release() {
    released = true;
  }

  /** The transport is connected (WebSocket handshake done). */
  void connect() {
    opened();
  }

  /** The server sends a packet, in text form. */
  void receive(String text) {
    try {
      packet(EngineCodec.decodeText(text, EngineVersion.V4));
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  void receiveBinary(byte[] data) {
    packet(EnginePacket.binary(data));
  }

  void fail(String message) {
    failed(message, null);
  }

  void dropByPeer() {
    closedByPeer("connection lost");
  }

  String handshake(String sid, String upgrades, int pingInterval, int pingTimeout) {
    String open =
        "0{\"sid\":\"" + sid + "\",\"upgrades\":" + upgrades + ",\"pingInterval\":" + pingInterval
            + ",\"pingTimeout\":" + pingTimeout + ",\"maxPayload\":1000000}";
    if (state == State.OPENING) {
      connect();
    }
    receive(open);
    return open;
  }
}
