package io.socketeer.protocol.internal;

import java.util.Arrays;

/**
 * A growable byte array that encoders write into, so that text goes straight to UTF-8 bytes without
 * an intermediate {@link String}. Not thread-safe; one encoding at a time.
 */
public final class ByteSink {
  private static final byte[] DIGITS = "0123456789".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

  private static final byte[] HEX = "0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

  /**
   * For each char below 0x80: 0 = written as is, 'u' = written as a backslash-u00xx escape,
   * anything else = written as backslash followed by that char. These are JSON.stringify's rules.
   */
  private static final byte[] ESCAPES = new byte[128];

  static {
    for (int c = 0; c < 0x20; c++) {
      ESCAPES[c] = 'u';
    }
    ESCAPES['\b'] = 'b';
    ESCAPES['\t'] = 't';
    ESCAPES['\n'] = 'n';
    ESCAPES['\f'] = 'f';
    ESCAPES['\r'] = 'r';
    ESCAPES['"'] = '"';
    ESCAPES['\\'] = '\\';
  }

  /** The bytes written so far occupy {@code buf[0, size)}. */
  private byte[] buf;

  private int size;

  /** Creates a sink with room for {@code initialCapacity} bytes before it grows. */
  public ByteSink(int initialCapacity) {
    buf = new byte[Math.max(16, initialCapacity)];
  }

  /** Returns the number of bytes written. */
  public int size() {
    return size;
  }

  /** Returns the length of the buffer behind the sink. */
  public int capacity() {
    return buf.length;
  }

  /** Returns a copy of the bytes written. */
  public byte[] toByteArray() {
    return Arrays.copyOf(buf, size);
  }

  /** Returns the bytes written, without a copy when the buffer is exactly full. */
  public byte[] toByteArrayTrusted() {
    return buf.length == size ? buf : Arrays.copyOf(buf, size);
  }

  private void ensure(int extra) {
    int needed = size + extra;
    if (needed < 0) {
      throw new OutOfMemoryError("encoded packet larger than 2 GiB");
    }
    if (needed > buf.length) {
      int grown = Math.max(needed, buf.length << 1);
      buf = Arrays.copyOf(buf, grown < 0 ? Integer.MAX_VALUE - 8 : grown);
    }
  }

  /** Appends one byte. */
  public void write(int b) {
    if (size == buf.length) {
      ensure(1);
    }
    buf[size++] = (byte) b;
  }

  /** Appends {@code len} bytes of {@code src} from {@code off}. */
  public void write(byte[] src, int off, int len) {
    ensure(len);
    System.arraycopy(src, off, buf, size, len);
    size += len;
  }

  /** Appends all of {@code src}. */
  public void write(byte[] src) {
    write(src, 0, src.length);
  }

  /** Appends the characters of an ASCII-only string, one byte each. */
  public void writeAscii(String s) {
    int n = s.length();
    ensure(n);
    for (int i = 0; i < n; i++) {
      buf[size++] = (byte) s.charAt(i);
    }
  }

  /** Forgets what was written, keeping the buffer for reuse. */
  public void clear() {
    size = 0;
  }

  /**
   * Appends {@code s} as a JSON string literal in UTF-8, escaped as {@code JSON.stringify} does:
   * {@code "}, backslash and control characters escaped (short forms where JavaScript has them,
   * lower-case hexadecimal otherwise), lone surrogates escaped, everything else raw.
   */
  public void writeJsonString(String s) {
    int n = s.length();
    ensure(n + 2);
    buf[size++] = '"';
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        byte e = ESCAPES[c];
        if (e == 0) {
          if (size == buf.length) {
            ensure(n - i + 1);
          }
          buf[size++] = (byte) c;
          continue;
        }
        ensure(6 + n - i);
        buf[size++] = '\\';
        if (e == 'u') {
          writeUnicodeEscape(c);
        } else {
          buf[size++] = e;
        }
      } else if (c < 0x800) {
        ensure(2 + n - i);
        buf[size++] = (byte) (0xC0 | (c >> 6));
        buf[size++] = (byte) (0x80 | (c & 0x3F));
      } else if (Character.isSurrogate(c)) {
        if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
          int cp = Character.toCodePoint(c, s.charAt(++i));
          ensure(4 + n - i);
          buf[size++] = (byte) (0xF0 | (cp >> 18));
          buf[size++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
          buf[size++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
          buf[size++] = (byte) (0x80 | (cp & 0x3F));
        } else {
          // Well-formed JSON.stringify (ES2019) escapes a lone surrogate.
          ensure(6 + n - i);
          buf[size++] = '\\';
          writeUnicodeEscape(c);
        }
      } else {
        ensure(3 + n - i);
        buf[size++] = (byte) (0xE0 | (c >> 12));
        buf[size++] = (byte) (0x80 | ((c >> 6) & 0x3F));
        buf[size++] = (byte) (0x80 | (c & 0x3F));
      }
    }
    write('"');
  }

  /** Writes {@code u} and four lower-case hex digits; the caller ensured room for 5 bytes. */
  private void writeUnicodeEscape(char c) {
    buf[size++] = 'u';
    buf[size++] = HEX[(c >> 12) & 0xF];
    buf[size++] = HEX[(c >> 8) & 0xF];
    buf[size++] = HEX[(c >> 4) & 0xF];
    buf[size++] = HEX[c & 0xF];
  }

  /** Appends the decimal form of {@code v}. */
  public void writeLong(long v) {
    if (v == Long.MIN_VALUE) {
      writeAscii("-9223372036854775808");
      return;
    }
    if (v < 0) {
      write('-');
      v = -v;
    }
    if (v < 10) {
      write(DIGITS[(int) v]);
      return;
    }
    int digits = 0;
    for (long t = v; t > 0; t /= 10) {
      digits++;
    }
    ensure(digits);
    int end = size + digits;
    for (int i = end - 1; i >= size; i--) {
      buf[i] = DIGITS[(int) (v % 10)];
      v /= 10;
    }
    size = end;
  }

  /**
   * Returns {@code s} as UTF-8, with each lone surrogate written as U+FFFD as JavaScript's encoders
   * (Node's {@code Buffer}, {@code TextEncoder}) do, where {@link String#getBytes} would write
   * {@code ?}.
   */
  public static byte[] utf8(String s) {
    for (int i = 0, n = s.length(); i < n; i++) {
      if (Character.isSurrogate(s.charAt(i))) {
        ByteSink sink = new ByteSink(n + 8);
        sink.writeUtf8(s);
        return sink.toByteArrayTrusted();
      }
    }
    return s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
  }

  /** Appends {@code s} as UTF-8, each lone surrogate as U+FFFD (see {@link #utf8(String)}). */
  public void writeUtf8(String s) {
    int n = s.length();
    ensure(n);
    int i = 0;
    // ASCII fast path: one byte per char, no capacity checks.
    while (i < n) {
      char c = s.charAt(i);
      if (c >= 0x80) {
        break;
      }
      buf[size++] = (byte) c;
      i++;
    }
    for (; i < n; i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        write(c);
      } else if (c < 0x800) {
        ensure(2);
        buf[size++] = (byte) (0xC0 | (c >> 6));
        buf[size++] = (byte) (0x80 | (c & 0x3F));
      } else if (Character.isHighSurrogate(c)
          && i + 1 < n
          && Character.isLowSurrogate(s.charAt(i + 1))) {
        int cp = Character.toCodePoint(c, s.charAt(++i));
        ensure(4);
        buf[size++] = (byte) (0xF0 | (cp >> 18));
        buf[size++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
        buf[size++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
        buf[size++] = (byte) (0x80 | (cp & 0x3F));
      } else if (Character.isSurrogate(c)) {
        ensure(3);
        buf[size++] = (byte) 0xEF;
        buf[size++] = (byte) 0xBF;
        buf[size++] = (byte) 0xBD;
      } else {
        ensure(3);
        buf[size++] = (byte) (0xE0 | (c >> 12));
        buf[size++] = (byte) (0x80 | ((c >> 6) & 0x3F));
        buf[size++] = (byte) (0x80 | (c & 0x3F));
      }
    }
  }
}
