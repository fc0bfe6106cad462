package io.jgrad.processor;

import static com.google.common.truth.Truth.assertThat;
import static io.jgrad.processor.Diagnosed.compile;

import com.google.testing.compile.Compilation;
import org.junit.jupiter.api.Test;

/**
 * A {@code char}, {@code byte} or {@code short} value passed to a parameter of that type: generated
 * code casts an {@code int} local and never a parameter declared with the type already, so javac's
 * -Xlint finds no redundant cast (the pullback functions of reverse over reverse once had one).
 */
class NarrowCastsTest {
  @Test
  void narrowParametersPassedOnCompileWithoutAWarning() {
    String src = """
        package n;
        import io.jgrad.annotations.*;
        class Narrow {
          @Differentiable(order = 2)
          static double cubic(double x, char c) { return c * x * x * x; }
          @Differentiable(order = 2)
          static double scaled(double x, short s) { return s * x * x; }
          @Differentiable(order = 2)
          static double passesOn(double x, char c, short s) { return cubic(x, c) + scaled(x, s); }
          @Differentiable
          static double local(double x) { char k = 'a'; return cubic(x, k); }  // k is an int local there
        }
        """;
    Compilation c = compile("n.Narrow", src);
    assertThat(c.errors()).isEmpty();
    assertThat(c.warnings()).isEmpty();
  }
}
