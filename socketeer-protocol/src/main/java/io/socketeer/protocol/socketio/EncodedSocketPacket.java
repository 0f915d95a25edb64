package io.socketeer.protocol.socketio;

import io.socketeer.protocol.engineio.EnginePacket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A Socket.IO packet in its wire form: the text part as UTF-8, and the binary attachments that
 * follow it, in order.
 *
 * <p>Immutable and shareable: a broadcast encodes once and hands the same instance (and the same
 * {@link #enginePackets()}) to every recipient.
 */
public final class EncodedSocketPacket {
  private final byte[] text;
  private final List<byte[]> attachments;

  /** The Engine.IO messages, made once on first use. Benign race. */
  private List<EnginePacket> enginePackets;

  EncodedSocketPacket(byte[] text, List<byte[]> attachments) {
    this.text = text;
    this.attachments = attachments;
  }

  /** Returns the text part as UTF-8 (shared: do not modify), without the Engine.IO {@code 4}. */
  public byte[] text() {
    return text;
  }

  /** Returns the text part as a string. */
  public String textString() {
    return new String(text, StandardCharsets.UTF_8);
  }

  /** Returns the attachments in order (shared arrays: do not modify); empty for a plain packet. */
  public List<byte[]> attachments() {
    return attachments;
  }

  /** Returns true when attachments follow the text part. */
  public boolean isBinary() {
    return !attachments.isEmpty();
  }

  /**
   * Returns the Engine.IO messages that carry this packet: one text message, then one binary
   * message per attachment. They must be sent in this order with nothing in between.
   */
  public List<EnginePacket> enginePackets() {
    List<EnginePacket> packets = enginePackets;
    if (packets == null) {
      List<EnginePacket> made = new ArrayList<>(1 + attachments.size());
      made.add(EnginePacket.messageUtf8(text));
      for (byte[] attachment : attachments) {
        made.add(EnginePacket.binary(attachment));
      }
      packets = Collections.unmodifiableList(made);
      enginePackets = packets;
    }
    return packets;
  }

  @Override
  public String toString() {
    String t = textString();
    return (t.length() > 96 ? t.substring(0, 96) + "..." : t)
        + (attachments.isEmpty() ? "" : " +" + attachments.size() + " attachments");
  }
}
