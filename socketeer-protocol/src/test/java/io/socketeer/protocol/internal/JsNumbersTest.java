package io.socketeer.protocol.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class JsNumbersTest {
  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "0.0, 0",
    "-0.0, 0",
    "1.0, 1",
    "-1.0, -1",
    "1.5, 1.5",
    "0.1, 0.1",
    "0.30000000000000004, 0.30000000000000004",
    "1e21, 1e+21",
    "1e20, 100000000000000000000",
    "123456789012345680000, 123456789012345680000",
    "1e-7, 1e-7",
    "1.5e-7, 1.5e-7",
    "0.000001, 0.000001",
    "0.0000012345, 0.0000012345",
    "4.9e-324, 5e-324",
    "1.7976931348623157e308, 1.7976931348623157e+308",
    "9007199254740994, 9007199254740994",
    "2e23, 2e+23",
    "-1.2345e-20, -1.2345e-20",
    "123.456, 123.456",
    "1.0E22, 1e+22",
    "2.5e-5, 0.000025"
  })
  void formatsAsJavaScript(double value, String expected) {
    assertThat(JsNumbers.toString(value)).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(doubles = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY})
  void nonFiniteValuesAreNull(double value) {
    assertThat(JsNumbers.toString(value)).isEqualTo("null");
  }

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2, 3})
  void everyFormattedValueReadsBackAsTheSameDouble(long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    for (int i = 0; i < 20_000; i++) {
      double v = Double.longBitsToDouble(random.nextLong());
      if (Double.isNaN(v) || Double.isInfinite(v)) {
        continue;
      }
      String js = JsNumbers.toString(v);
      assertThat(Double.parseDouble(js)).as(js).isEqualTo(v == 0 ? 0.0 : v);
      assertThat(js).doesNotContain("E").doesNotEndWith(".0");
    }
  }
}
