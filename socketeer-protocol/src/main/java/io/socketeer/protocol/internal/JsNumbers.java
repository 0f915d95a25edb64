package io.socketeer.protocol.internal;

import com.fasterxml.jackson.core.io.schubfach.DoubleToDecimal;
import com.fasterxml.jackson.core.io.schubfach.FloatToDecimal;
import java.math.BigDecimal;

/**
 * Formats numbers exactly as JavaScript's {@code Number.prototype.toString} (and so {@code
 * JSON.stringify}) does: the shortest digits that read back as the same double, integral values
 * without {@code .0}, exponents as {@code 1e+21} and {@code 1e-7}, and {@code null} for NaN and
 * the infinities.
 *
 * <p>The shortest digits come from the Schubfach algorithm shipped in jackson-core, because {@link
 * Double#toString(double)} on JDK 17 is not always shortest (JDK-4511638, fixed in JDK 19).
 */
public final class JsNumbers {
  private static final double TWO_POW_53 = 9007199254740992.0;

  private JsNumbers() {}

  /** Appends {@code v} as JavaScript would print the same double. */
  public static void writeDouble(double v, ByteSink out) {
    if (Double.isNaN(v) || Double.isInfinite(v)) {
      out.writeAscii("null");
      return;
    }
    if (v == 0) {
      out.write('0'); // -0 prints as 0
      return;
    }
    if (v == Math.rint(v) && Math.abs(v) < TWO_POW_53) {
      out.writeLong((long) v);
      return;
    }
    writeDecimal(DoubleToDecimal.toString(v), v, out);
  }

  /**
   * Appends {@code v} with the shortest digits of the float (so {@code 0.1f} prints {@code 0.1}),
   * in JavaScript's layout.
   */
  public static void writeFloat(float v, ByteSink out) {
    if (Float.isNaN(v) || Float.isInfinite(v)) {
      out.writeAscii("null");
      return;
    }
    if (v == 0) {
      out.write('0');
      return;
    }
    if (v == Math.rint(v) && Math.abs(v) < TWO_POW_53) {
      out.writeLong((long) v);
      return;
    }
    writeDecimal(FloatToDecimal.toString(v), Double.NaN, out);
  }

  /** Returns the JavaScript text of {@code v}. */
  public static String toString(double v) {
    ByteSink sink = new ByteSink(24);
    writeDouble(v, sink);
    return new String(sink.toByteArray(), java.nio.charset.StandardCharsets.US_ASCII);
  }

  /**
   * Lays out the digits of a Java-format decimal ({@code 1.25}, {@code 1.0E21}, {@code -4.9E-324})
   * the way ECMAScript Number::toString does.
   *
   * @param exact the double being printed, or NaN when the value is a float (then no one-digit
   *     shortening is attempted)
   */
  private static void writeDecimal(String java, double exact, ByteSink out) {
    int i = 0;
    boolean negative = java.charAt(0) == '-';
    if (negative) {
      i = 1;
    }
    int ePos = java.indexOf('E');
    int mantissaEnd = ePos < 0 ? java.length() : ePos;
    int exp = ePos < 0 ? 0 : Integer.parseInt(java.substring(ePos + 1));
    StringBuilder digits = new StringBuilder(20);
    int fractionDigits = 0;
    boolean afterPoint = false;
    for (; i < mantissaEnd; i++) {
      char c = java.charAt(i);
      if (c == '.') {
        afterPoint = true;
      } else {
        digits.append(c);
        if (afterPoint) {
          fractionDigits++;
        }
      }
    }
    // value = digits * 10^(exp - fractionDigits); normalise to no leading or trailing zeros.
    int lead = 0;
    while (lead < digits.length() - 1 && digits.charAt(lead) == '0') {
      lead++;
    }
    digits.delete(0, lead);
    int scale = exp - fractionDigits;
    while (digits.length() > 1 && digits.charAt(digits.length() - 1) == '0') {
      digits.setLength(digits.length() - 1);
      scale++;
    }
    if (digits.length() == 2 && !Double.isNaN(exact)) {
      scale = shortenToOneDigit(digits, scale, exact);
    }
    int k = digits.length();
    int n = scale + k; // value = 0.digits * 10^n
    if (negative) {
      out.write('-');
    }
    if (k <= n && n <= 21) {
      out.writeAscii(digits.toString());
      for (int z = 0; z < n - k; z++) {
        out.write('0');
      }
    } else if (0 < n && n <= 21) {
      out.writeAscii(digits.substring(0, n));
      out.write('.');
      out.writeAscii(digits.substring(n));
    } else if (-6 < n && n <= 0) {
      out.writeAscii("0.");
      for (int z = 0; z < -n; z++) {
        out.write('0');
      }
      out.writeAscii(digits.toString());
    } else {
      out.write(digits.charAt(0));
      if (k > 1) {
        out.write('.');
        out.writeAscii(digits.substring(1));
      }
      out.write('e');
      int e = n - 1;
      out.write(e < 0 ? '-' : '+');
      out.writeLong(Math.abs(e));
    }
  }

  /**
   * Java's shortest form never has fewer than two digits, and among two-digit candidates it takes
   * the closest ({@code 4.9E-324}); JavaScript takes one digit when one digit reads back as the
   * same double ({@code 5e-324}). Returns the new scale, having rewritten {@code digits} when a
   * one-digit form exists.
   */
  private static int shortenToOneDigit(StringBuilder digits, int scale, double exact) {
    int two = (digits.charAt(0) - '0') * 10 + (digits.charAt(1) - '0');
    int down = two / 10;
    int up = down + 1;
    BigDecimal target = new BigDecimal(Math.abs(exact));
    BigDecimal best = null;
    int bestDigit = -1;
    for (int d : new int[] {down, up}) {
      if (d == 0) {
        continue;
      }
      BigDecimal candidate = BigDecimal.valueOf(d).scaleByPowerOfTen(scale + 1);
      if (candidate.doubleValue() != Math.abs(exact)) {
        continue;
      }
      BigDecimal distance = candidate.subtract(target).abs();
      if (best == null || distance.compareTo(best) < 0) {
        best = distance;
        bestDigit = d;
      }
    }
    if (bestDigit < 0) {
      return scale;
    }
    digits.setLength(0);
    if (bestDigit == 10) {
      digits.append('1');
      return scale + 2;
    }
    digits.append((char) ('0' + bestDigit));
    return scale + 1;
  }
}
