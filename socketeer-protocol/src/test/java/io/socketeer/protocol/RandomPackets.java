package io.socketeer.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BinaryNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.socketeer.protocol.engineio.EnginePacket;
import io.socketeer.protocol.engineio.EnginePacketType;
import io.socketeer.protocol.socketio.SocketPacket;
import io.socketeer.protocol.socketio.SocketPacketType;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Seeded generators of valid packets for property and differential tests.
 *
 * <p>What they leave out on purpose, because JavaScript cannot round-trip it: integers beyond
 * 2^53, non-finite numbers, object keys that look like array indexes (JavaScript moves those
 * to the front of an object), and {@code _placeholder} keys (reserved for attachments).
 */
public final class RandomPackets {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;
  private static final String[] SAMPLES = {
    "", "a", "hello", "é", "€", "😀", "\"", "\\", "/", "\n", "\u0000", "\u001f", "\u007f",
    "\u2028", "\u2029", "_placeholder", "num", "{}", "[]", ",", "-", "0", "12", " ", "\t", "日本語"
  };

  private final SplittableRandom random;

  /** Creates a generator; the same seed gives the same packets. */
  public RandomPackets(long seed) {
    this.random = new SplittableRandom(seed);
  }

  /** Returns the underlying random source. */
  public SplittableRandom random() {
    return random;
  }

  /** Returns a random string: ASCII, control characters, non-BMP characters and samples mixed. */
  public String string(int maxLength) {
    int kind = random.nextInt(4);
    if (kind == 0) {
      return SAMPLES[random.nextInt(SAMPLES.length)];
    }
    int length = random.nextInt(maxLength + 1);
    StringBuilder sb = new StringBuilder(length);
    while (sb.length() < length) {
      int r = random.nextInt(100);
      if (r < 60) {
        sb.append((char) (0x20 + random.nextInt(0x5f)));
      } else if (r < 70) {
        sb.append((char) random.nextInt(0x20));
      } else if (r < 85) {
        sb.append((char) (0xa0 + random.nextInt(0xd7ff - 0xa0)));
      } else if (r < 95) {
        sb.appendCodePoint(0x10000 + random.nextInt(0x10ffff - 0x10000));
      } else {
        sb.append(SAMPLES[random.nextInt(SAMPLES.length)]);
      }
    }
    return sb.toString();
  }

  private String key() {
    String s = string(8);
    // Keys that look like array indexes are reordered by JavaScript objects, and an object with
    // "_placeholder": true inside a binary packet is an attachment reference by definition.
    return s.isEmpty() || Character.isDigit(s.charAt(0)) || s.equals("_placeholder") ? "k" + s : s;
  }

  /** Returns a random finite number of the kinds JavaScript represents exactly. */
  public JsonNode number() {
    switch (random.nextInt(6)) {
      case 0:
        return F.numberNode(random.nextInt(-1000, 1000));
      case 1:
        return F.numberNode(random.nextLong(-(1L << 53) + 1, 1L << 53));
      case 2:
        return F.numberNode(random.nextDouble() * Math.pow(10, random.nextInt(-10, 25)));
      case 3: {
        double d = Double.longBitsToDouble(random.nextLong());
        return F.numberNode(Double.isNaN(d) || Double.isInfinite(d) ? 0.5 : d);
      }
      case 4:
        return F.numberNode(new double[] {1e21, 1e-7, 5e-324, 1.7976931348623157e308, -0.0, 0.1, 1.5}[random.nextInt(7)]);
      default:
        return F.numberNode(random.nextInt(100) / 8.0);
    }
  }

  /** Returns random binary data, sometimes empty. */
  public byte[] bytes() {
    byte[] b = new byte[random.nextInt(10) == 0 ? 0 : random.nextInt(1, 64)];
    random.nextBytes(b);
    return b;
  }

  /** Returns a random JSON value up to {@code depth} levels deep, with binary values when allowed. */
  public JsonNode value(int depth, boolean binary) {
    int r = random.nextInt(depth > 0 ? 10 : 7);
    switch (r) {
      case 0:
        return F.nullNode();
      case 1:
        return F.booleanNode(random.nextBoolean());
      case 2:
      case 3:
        return number();
      case 4:
      case 5:
        return F.textNode(string(24));
      case 6:
        return binary && random.nextInt(3) == 0 ? BinaryNode.valueOf(bytes()) : F.textNode(string(6));
      case 7:
      case 8: {
        ArrayNode a = F.arrayNode();
        int n = random.nextInt(5);
        for (int i = 0; i < n; i++) {
          a.add(value(depth - 1, binary));
        }
        return a;
      }
      default: {
        ObjectNode o = F.objectNode();
        int n = random.nextInt(5);
        for (int i = 0; i < n; i++) {
          o.set(key(), value(depth - 1, binary));
        }
        return o;
      }
    }
  }

  /** Returns a random namespace: the main one half of the time. */
  public String namespace() {
    if (random.nextBoolean()) {
      return "/";
    }
    String s = string(12).replace(",", "");
    return "/" + s;
  }

  private ArrayNode args(boolean binary) {
    ArrayNode a = F.arrayNode();
    int n = random.nextInt(5);
    for (int i = 0; i < n; i++) {
      a.add(value(3, binary));
    }
    return a;
  }

  private long ackId() {
    int r = random.nextInt(4);
    if (r == 0) {
      return SocketPacket.NO_ACK;
    }
    return r == 1 ? random.nextLong(0, SocketPacket.MAX_ACK_ID + 1) : random.nextInt(0, 1000);
  }

  /** Returns a random valid Socket.IO packet of any type; at most 10 attachments. */
  public SocketPacket socketPacket() {
    String nsp = namespace();
    while (true) {
      SocketPacket p = socketPacketCandidate(nsp);
      if (io.socketeer.protocol.internal.JsJson.countBinary(p.data()) <= 10) {
        return p;
      }
    }
  }

  private SocketPacket socketPacketCandidate(String nsp) {
    switch (random.nextInt(8)) {
      case 0: {
        ObjectNode auth = random.nextBoolean() ? null : (ObjectNode) objectValue();
        return SocketPacket.connect(nsp, auth);
      }
      case 1:
        return SocketPacket.disconnect(nsp);
      case 2: {
        JsonNode data = random.nextBoolean()
            ? F.textNode(string(20))
            : F.objectNode().put("message", string(20)).set("data", value(2, false));
        return SocketPacket.connectError(nsp, data);
      }
      case 3:
      case 4: {
        ArrayNode ack = args(random.nextBoolean());
        return SocketPacket.ack(nsp, ack, random.nextLong(0, 100_000));
      }
      default: {
        ArrayNode data = args(random.nextBoolean());
        JsonNode name;
        if (random.nextInt(8) == 0) {
          name = F.numberNode(random.nextInt(-5, 1000));
        } else {
          String s = string(16);
          name = F.textNode(SocketPacket.RESERVED_EVENTS.contains(s) ? s + "!" : s);
        }
        data.insert(0, name);
        return SocketPacket.event(nsp, data, ackId());
      }
    }
  }

  private JsonNode objectValue() {
    ObjectNode o = F.objectNode();
    int n = random.nextInt(4);
    for (int i = 0; i < n; i++) {
      o.set(key(), value(2, false));
    }
    return o;
  }

  /** Returns a random Engine.IO packet; text data never holds U+001E or lone surrogates. */
  public EnginePacket enginePacket() {
    int r = random.nextInt(10);
    if (r < 4) {
      return EnginePacket.message(engineText());
    }
    if (r < 6) {
      return EnginePacket.binary(bytes());
    }
    EnginePacketType type = EnginePacketType.values()[random.nextInt(EnginePacketType.values().length)];
    if (type == EnginePacketType.MESSAGE) {
      return EnginePacket.message(engineText());
    }
    String data = random.nextInt(3) == 0 ? engineText() : null;
    return EnginePacket.of(type, data);
  }

  private String engineText() {
    return string(40).replace('\u001e', ' ');
  }

  /** Returns 1 to 8 random Engine.IO packets. */
  public List<EnginePacket> enginePackets() {
    int n = random.nextInt(1, 9);
    List<EnginePacket> packets = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      packets.add(enginePacket());
    }
    return packets;
  }
}
