package io.socketeer.netty;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * A WebSocket client on a plain socket that can offer {@code permessage-deflate} and shows what
 * the JDK's WebSocket hides: the response's extension header, the RSV1 bit of every frame, close
 * codes. Frames it sends are masked, compressed on request (RFC 7692, no context takeover); frames
 * it reads are inflated with one context for the whole connection, as the server keeps its own.
 */
final class DeflatePeer implements AutoCloseable {
  /** One frame as read: opcode, whether RSV1 was set, and the payload (inflated when it was). */
  record Frame(int opcode, boolean compressed, byte[] payload) {
    String text() {
      return new String(payload, StandardCharsets.UTF_8);
    }

    int closeCode() {
      return payload.length >= 2 ? ((payload[0] & 0xff) << 8) | (payload[1] & 0xff) : -1;
    }
  }

  static final int TEXT = 1;
  static final int BINARY = 2;
  static final int CLOSE = 8;

  private final Socket socket;
  private final DataInputStream in;
  private final OutputStream out;
  private final Inflater inflater = new Inflater(true);
  /** The response's status line and headers, lower-cased names. */
  final String responseHead;

  DeflatePeer(int port, String pathAndQuery, String extensionOffer) throws IOException {
    socket = new Socket("localhost", port);
    socket.setSoTimeout(10_000);
    in = new DataInputStream(socket.getInputStream());
    out = socket.getOutputStream();
    StringBuilder request = new StringBuilder()
        .append("GET ").append(pathAndQuery).append(" HTTP/1.1\r\n")
        .append("Host: localhost:").append(port).append("\r\n")
        .append("Upgrade: websocket\r\nConnection: Upgrade\r\n")
        .append("Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n");
    if (extensionOffer != null) {
      request.append("Sec-WebSocket-Extensions: ").append(extensionOffer).append("\r\n");
    }
    out.write(request.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
    out.flush();
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
      head.write(in.readUnsignedByte());
    }
    responseHead = head.toString(StandardCharsets.ISO_8859_1);
  }

  /** Returns the value of a response header, or null. */
  String header(String name) {
    for (String line : responseHead.split("\r\n")) {
      int colon = line.indexOf(':');
      if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(name)) {
        return line.substring(colon + 1).trim();
      }
    }
    return null;
  }

  void sendText(String text, boolean compress) throws IOException {
    send(TEXT, text.getBytes(StandardCharsets.UTF_8), compress);
  }

  void send(int opcode, byte[] payload, boolean compress) throws IOException {
    sendRaw(opcode, compress ? 0x4 : 0, compress ? deflate(payload) : payload);
  }

  /** Writes one final, masked frame with the given RSV bits (0-7, RSV1 = 4) as they are. */
  void sendRaw(int opcode, int rsv, byte[] payload) throws IOException {
    ByteArrayOutputStream frame = new ByteArrayOutputStream(payload.length + 14);
    frame.write(0x80 | (rsv << 4) | opcode);
    if (payload.length <= 125) {
      frame.write(0x80 | payload.length);
    } else if (payload.length <= 0xFFFF) {
      frame.write(0x80 | 126);
      frame.write(payload.length >> 8);
      frame.write(payload.length);
    } else {
      frame.write(0x80 | 127);
      for (int shift = 56; shift >= 0; shift -= 8) {
        frame.write((int) ((long) payload.length >> shift));
      }
    }
    byte[] mask = new byte[4];
    ThreadLocalRandom.current().nextBytes(mask);
    frame.write(mask);
    byte[] masked = payload.clone();
    for (int i = 0; i < masked.length; i++) {
      masked[i] ^= mask[i & 3];
    }
    frame.write(masked);
    out.write(frame.toByteArray());
    out.flush();
  }

  /** Reads the next frame; compressed payloads are inflated. */
  Frame read() throws IOException {
    int b0 = in.readUnsignedByte();
    int b1 = in.readUnsignedByte();
    long length = b1 & 0x7f;
    if (length == 126) {
      length = in.readUnsignedShort();
    } else if (length == 127) {
      length = in.readLong();
    }
    byte[] payload = new byte[Math.toIntExact(length)];
    in.readFully(payload);
    boolean compressed = (b0 & 0x40) != 0;
    return new Frame(b0 & 0x0f, compressed, compressed ? inflate(payload) : payload);
  }

  /** Reads frames until one of the given opcode arrives; returns it. */
  Frame readUntil(int opcode) throws IOException {
    Frame f;
    do {
      f = read();
    } while (f.opcode() != opcode);
    return f;
  }

  static byte[] deflate(byte[] data) {
    Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION, true);
    deflater.setInput(data);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buf = new byte[65536];
    int n;
    do {
      // A full buffer means more output may be pending (Deflater.deflate with SYNC_FLUSH).
      n = deflater.deflate(buf, 0, buf.length, Deflater.SYNC_FLUSH);
      out.write(buf, 0, n);
    } while (n == buf.length);
    deflater.end();
    byte[] all = out.toByteArray();
    // RFC 7692 7.2.1: the trailing empty block 00 00 ff ff is removed.
    return Arrays.copyOf(all, all.length - 4);
  }

  private byte[] inflate(byte[] data) throws IOException {
    byte[] input = Arrays.copyOf(data, data.length + 4);
    input[data.length + 2] = (byte) 0xff;
    input[data.length + 3] = (byte) 0xff;
    inflater.setInput(input);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buf = new byte[65536];
    try {
      while (true) {
        int n = inflater.inflate(buf);
        if (n > 0) {
          out.write(buf, 0, n);
        } else if (inflater.needsInput() || inflater.finished() || inflater.needsDictionary()) {
          break;
        }
      }
    } catch (DataFormatException e) {
      throw new IOException("server sent invalid compressed data", e);
    }
    return out.toByteArray();
  }

  @Override
  public void close() throws IOException {
    inflater.end();
    socket.close();
  }

  @Override
  public String toString() {
    return "DeflatePeer" + responseHead.split("\r\n")[0].toLowerCase(Locale.ROOT);
  }
}
