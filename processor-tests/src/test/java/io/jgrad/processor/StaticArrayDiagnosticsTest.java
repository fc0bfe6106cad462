package io.jgrad.processor;

import static com.google.common.truth.Truth.assertThat;
import static io.jgrad.processor.Diagnosed.assertErrorOnLine;

import com.google.testing.compile.Compilation;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * A differentiable function may read a {@code static final} primitive array; one that is not final,
 * a private one, a write into one and one passed to a differentiable function (whose pullback would
 * read it late) are reported where they are.
 */
class StaticArrayDiagnosticsTest {
  private static final String HEAD = """
      package a;
      import io.jgrad.annotations.*;
      final class A {
      """;

  private static String message(Compilation c) {
    return c.errors().get(0).getMessage(Locale.ROOT);
  }

  @Test
  void aStaticArrayThatIsNotFinal() {
    Compilation c = assertErrorOnLine("jgrad.UnsupportedExpression", "a.A", HEAD + """
          static double[] w = {1, 2};
          @Differentiable static double f(double x) {
            return w[0] * x; // here
          }
        }
        """, "// here");
    assertThat(message(c)).contains("the static array w only when it is final; hint: make it final");
  }

  @Test
  void aPrivateStaticArray() {
    Compilation c = assertErrorOnLine("jgrad.Inaccessible", "a.A", HEAD + """
          private static final double[] W = {1, 2};
          @Differentiable static double f(double x) {
            return W[1] * x; // here
          }
        }
        """, "// here");
    assertThat(message(c)).contains("cannot read the private field W; hint: make it package-private");
  }

  @Test
  void aWriteIntoAStaticArray() {
    Compilation c = assertErrorOnLine("jgrad.ArrayWrite", "a.A", HEAD + """
          static final double[] W = {1, 2};
          @Differentiable static double f(double x) {
            W[0] = x; // here
            return W[1] * x;
          }
        }
        """, "// here");
    assertThat(message(c)).contains("may write only into a local array it created");
  }

  @Test
  void aStaticArrayPassedToADifferentiableFunction() {
    Compilation c = assertErrorOnLine("jgrad.UnsupportedExpression", "a.A", HEAD + """
          static final double[] W = {1, 2};
          @Differentiable static double g(@NonDiff double[] w, double x) {
            return w[0] * x;
          }
          @Differentiable static double f(double x) {
            return x * g(W, x); // here
          }
        }
        """, "// here");
    assertThat(message(c)).contains("the static array W cannot be passed to g, whose pullback would read it when"
        + " it runs; hint: read it in g itself");
  }

  @Test
  void aTwoDimensionalStaticArray() {
    assertErrorOnLine("jgrad.UnsupportedExpression", "a.A", HEAD + """
          static final double[][] M = {{1, 2}};
          @Differentiable static double f(double x) {
            return M[0][1] * x; // here
          }
        }
        """, "// here");
  }
}
