package io.socketeer.protocol;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/** Small helpers for writing byte vectors in tests. */
public final class Bytes {
  private Bytes() {}

  /** Parses {@code "01 02 ff"} into bytes. */
  public static byte[] hex(String spaced) {
    return HexFormat.of().parseHex(spaced.replace(" ", ""));
  }

  /** Returns the UTF-8 bytes of {@code s}. */
  public static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /** Returns {@code bytes} as spaced lower-case hex. */
  public static String toHex(byte[] bytes) {
    return HexFormat.ofDelimiter(" ").formatHex(bytes);
  }
}
