package io.jgrad.processor;

import static com.google.common.truth.Truth.assertThat;
import static io.jgrad.processor.Diagnosed.assertErrorOnLine;

import com.google.testing.compile.Compilation;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * A {@code Dual} from {@code fJvp}, held or not, passed on whole: a differentiable function takes
 * numbers, so the hint says to pass the Dual's numbers (or a record of them).
 */
class WholeDualDiagnosticsTest {
  private static final String SOURCE = """
      package a;
      import io.jgrad.annotations.*;
      import io.jgrad.runtime.Dual;
      final class A {
        @Differentiable(order = 2) static double f(double x) { return Math.sin(x) * x; }
        static double weigh(Dual d) { return d.value() + d.tangent(); }
        @Differentiable static double caller(double x) {
          %s
        }
      }
      """;

  private static String error(String body) {
    Compilation c = assertErrorOnLine("jgrad.DerivativeCall", "a.A", SOURCE.formatted(body), "// here");
    return c.errors().stream().map(d -> d.getMessage(Locale.ROOT)).filter(m -> m.contains("[jgrad.DerivativeCall]"))
        .findFirst().orElseThrow();
  }

  @Test
  void aHeldDualPassedOnWholeAsksForItsNumbers() {
    assertThat(error("Dual d = ADerivatives.fJvp(x, 1);\n    return weigh(d); // here"))
        .contains("hint: read the number you need (a Dual is passed on as its numbers, .value() and .tangent(),"
            + " or a record of them: a differentiable function takes no Dual)");
  }

  @Test
  void aDualPassedOnWholeFromTheCallAsksForItsNumbers() {
    assertThat(error("return weigh(ADerivatives.fJvp(x, 1)); // here"))
        .contains("a Dual is passed on as its numbers");
  }
}
