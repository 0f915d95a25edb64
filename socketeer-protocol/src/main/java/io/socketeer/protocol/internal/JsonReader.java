package io.socketeer.protocol.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.math.BigInteger;

/**
 * A strict JSON reader with the grammar of {@code JSON.parse}, building Jackson trees straight
 * from a string region without an intermediate token stream.
 *
 * <p>It exists because decoding incoming events is the hot path of every server: going through
 * Jackson's generic {@code readTree} costs a parser, a deserialization context and a char buffer
 * copy per packet. Numbers become {@link IntNode}, {@link LongNode} or, past the long range, a
 * {@code BigIntegerNode}; fractions and exponents become {@link DoubleNode}. Nesting deeper than
 * {@link JsJson#MAX_NESTING_DEPTH} is refused. Work is linear in the input.
 */
final class JsonReader {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  private final String s;
  private final int end;
  private int pos;
  private int depth;

  private JsonReader(String s, int from) {
    this.s = s;
    this.end = s.length();
    this.pos = from;
  }

  /** Parses {@code s} from index {@code from} to its end as exactly one JSON value. */
  static JsonNode parse(String s, int from) throws JsonProcessingException {
    JsonReader reader = new JsonReader(s, from);
    reader.skipWhitespace();
    JsonNode value = reader.value();
    reader.skipWhitespace();
    if (reader.pos != reader.end) {
      throw reader.error("unexpected characters after the JSON value");
    }
    return value;
  }

  private MalformedJsonException error(String message) {
    return new MalformedJsonException(message + " at index " + pos);
  }

  private void skipWhitespace() {
    while (pos < end) {
      char c = s.charAt(pos);
      if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
        return;
      }
      pos++;
    }
  }

  private JsonNode value() throws MalformedJsonException {
    if (pos >= end) {
      throw error("unexpected end of input");
    }
    char c = s.charAt(pos);
    switch (c) {
      case '"':
        return TextNode.valueOf(string());
      case '{':
        return object();
      case '[':
        return array();
      case 't':
        literal("true");
        return BooleanNode.TRUE;
      case 'f':
        literal("false");
        return BooleanNode.FALSE;
      case 'n':
        literal("null");
        return NullNode.instance;
      default:
        if (c == '-' || (c >= '0' && c <= '9')) {
          return number();
        }
        throw error("unexpected character");
    }
  }

  private void literal(String word) throws MalformedJsonException {
    if (!s.startsWith(word, pos)) {
      throw error("invalid literal");
    }
    pos += word.length();
  }

  private void enter() throws MalformedJsonException {
    if (++depth > JsJson.MAX_NESTING_DEPTH) {
      throw error("nesting deeper than " + JsJson.MAX_NESTING_DEPTH);
    }
  }

  private ObjectNode object() throws MalformedJsonException {
    enter();
    pos++; // {
    ObjectNode object = F.objectNode();
    skipWhitespace();
    if (pos < end && s.charAt(pos) == '}') {
      pos++;
      depth--;
      return object;
    }
    while (true) {
      if (pos >= end || s.charAt(pos) != '"') {
        throw error("expected a member name");
      }
      String key = string();
      skipWhitespace();
      if (pos >= end || s.charAt(pos) != ':') {
        throw error("expected ':'");
      }
      pos++;
      skipWhitespace();
      object.set(key, value());
      skipWhitespace();
      if (pos >= end) {
        throw error("unterminated object");
      }
      char c = s.charAt(pos++);
      if (c == '}') {
        depth--;
        return object;
      }
      if (c != ',') {
        throw error("expected ',' or '}'");
      }
      skipWhitespace();
    }
  }

  private ArrayNode array() throws MalformedJsonException {
    enter();
    pos++; // [
    ArrayNode array = F.arrayNode();
    skipWhitespace();
    if (pos < end && s.charAt(pos) == ']') {
      pos++;
      depth--;
      return array;
    }
    while (true) {
      array.add(value());
      skipWhitespace();
      if (pos >= end) {
        throw error("unterminated array");
      }
      char c = s.charAt(pos++);
      if (c == ']') {
        depth--;
        return array;
      }
      if (c != ',') {
        throw error("expected ',' or ']'");
      }
      skipWhitespace();
    }
  }

  private String string() throws MalformedJsonException {
    int start = ++pos; // after the opening quote
    // Fast path: no escapes, taken as one substring.
    while (pos < end) {
      char c = s.charAt(pos);
      if (c == '"') {
        return s.substring(start, pos++);
      }
      if (c == '\\') {
        break;
      }
      if (c < 0x20) {
        throw error("control character in string");
      }
      pos++;
    }
    StringBuilder sb = new StringBuilder(pos - start + 16).append(s, start, pos);
    while (pos < end) {
      char c = s.charAt(pos++);
      if (c == '"') {
        return sb.toString();
      }
      if (c < 0x20) {
        pos--;
        throw error("control character in string");
      }
      if (c != '\\') {
        sb.append(c);
        continue;
      }
      if (pos >= end) {
        break;
      }
      char e = s.charAt(pos++);
      switch (e) {
        case '"':
        case '\\':
        case '/':
          sb.append(e);
          break;
        case 'b':
          sb.append('\b');
          break;
        case 'f':
          sb.append('\f');
          break;
        case 'n':
          sb.append('\n');
          break;
        case 'r':
          sb.append('\r');
          break;
        case 't':
          sb.append('\t');
          break;
        case 'u':
          if (pos + 4 > end) {
            throw error("truncated unicode escape");
          }
          int cp = 0;
          for (int i = 0; i < 4; i++) {
            int h = Character.digit(s.charAt(pos++), 16);
            if (h < 0) {
              throw error("invalid unicode escape");
            }
            cp = (cp << 4) | h;
          }
          sb.append((char) cp);
          break;
        default:
          throw error("invalid escape");
      }
    }
    throw error("unterminated string");
  }

  private JsonNode number() throws MalformedJsonException {
    int start = pos;
    boolean negative = false;
    if (s.charAt(pos) == '-') {
      negative = true;
      pos++;
    }
    if (pos >= end) {
      throw error("invalid number");
    }
    char c = s.charAt(pos);
    int intStart = pos;
    if (c == '0') {
      pos++;
    } else if (c >= '1' && c <= '9') {
      while (pos < end && isDigit(s.charAt(pos))) {
        pos++;
      }
    } else {
      throw error("invalid number");
    }
    int intEnd = pos;
    boolean integral = true;
    if (pos < end && s.charAt(pos) == '.') {
      integral = false;
      pos++;
      int fracStart = pos;
      while (pos < end && isDigit(s.charAt(pos))) {
        pos++;
      }
      if (pos == fracStart) {
        throw error("invalid number");
      }
    }
    if (pos < end && (s.charAt(pos) == 'e' || s.charAt(pos) == 'E')) {
      integral = false;
      pos++;
      if (pos < end && (s.charAt(pos) == '+' || s.charAt(pos) == '-')) {
        pos++;
      }
      int expStart = pos;
      while (pos < end && isDigit(s.charAt(pos))) {
        pos++;
      }
      if (pos == expStart) {
        throw error("invalid number");
      }
    }
    // Before either conversion: BigInteger parses in time quadratic in the digits (a 1 MB integer
    // would hold the event loop for many seconds), and no real number needs a thousand characters.
    if (pos - start > 1000) {
      throw error("number too long");
    }
    if (integral) {
      int digits = intEnd - intStart;
      if (digits <= 18) {
        long v = 0;
        for (int i = intStart; i < intEnd; i++) {
          v = v * 10 + (s.charAt(i) - '0');
        }
        if (negative) {
          v = -v;
        }
        return v == (int) v ? IntNode.valueOf((int) v) : LongNode.valueOf(v);
      }
      BigInteger big = new BigInteger(s.substring(start, pos));
      return big.bitLength() < 64 ? LongNode.valueOf(big.longValue()) : F.numberNode(big);
    }
    return DoubleNode.valueOf(Double.parseDouble(s.substring(start, pos)));
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  /** Malformed JSON; carries no stack trace since peers can cause it at will. */
  static final class MalformedJsonException extends JsonProcessingException {
    private static final long serialVersionUID = 1L;

    MalformedJsonException(String message) {
      super(message);
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
      return this;
    }
  }
}
