package io.jgrad.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import org.junit.jupiter.api.Test;

/**
 * Local arrays at compile time: what jgrad cannot differentiate yet (aliases, writes into a
 * parameter, arrays declared inside loops, several array returns, kernels) is a javac error
 * at the offending code; clean array code compiles without a warning under -Xlint:all.
 */
class ArrayDiagnosticsTest {

  private static Compilation compile(String text) {
    return Diagnosed.compile("a.A", text);
  }

  private static void assertErrorOnLine(String code, String text, String marker) {
    Diagnosed.assertErrorOnLine(code, "a.A", text, marker);
  }

  private static final String HEAD = """
      package a;
      import io.jgrad.annotations.*;
      final class A {
      """;

  @Test
  void cleanArrayCodeCompilesWithoutWarnings() {
    Compilation c = compile(HEAD + """
          @Differentiable static double[] scan(double[] x, float k) {
            double[] y = new double[x.length];
            float[] z = new float[2];
            int[] counts = new int[3];
            for (int i = 0; i < x.length; i++) {
              y[i] = (i == 0 ? 0 : y[i - 1]) + k * x[i];
              z[i % 2] += (float) x[i];
              counts[i % 3]++;
            }
            y[0] += z[0] * counts[0];
            return y;
          }
        }
        """);
    assertThat(c).succeededWithoutWarnings();
  }

  @Test
  void writeIntoAParameter() {
    assertErrorOnLine("jgrad.ArrayWrite", HEAD + """
          @Differentiable static double f(double[] x) {
            x[0] += 1; // here
            return x[0];
          }
        }
        """, "// here");
  }

  @Test
  void arrayDeclaredInALoop() {
    assertErrorOnLine("jgrad.UnsupportedStatement", HEAD + """
          @Differentiable static double f(double x, int n) {
            double s = 0;
            for (int i = 0; i < n; i++) {
              double[] t = new double[2]; // here
              t[0] = x;
              s += t[0];
            }
            return s;
          }
        }
        """, "// here");
  }

  @Test
  void arrayResultReturnedTwice() {
    assertErrorOnLine("jgrad.UnsupportedReturn", HEAD + """
          @Differentiable static double[] f(double[] x, double a) { // here
            double[] y = new double[1];
            y[0] = a * x[0];
            if (a > 0) {
              return x;
            }
            return y;
          }
        }
        """, "// here");
  }

  @Test
  void arrayInitializerList() {
    assertErrorOnLine("jgrad.UnsupportedType", HEAD + """
          @Differentiable static double f(double x) {
            double[] y = {x, x}; // here
            return y[0];
          }
        }
        """, "// here");
  }

  @Test
  void batchedWithALocalArrayOfARunTimeSize() {
    assertErrorOnLine("jgrad.NotBatchable", HEAD + """
          @Batched @Differentiable static double f(double x, int n) {
            double[] y = new double[n]; // here
            y[0] = x;
            return y[0];
          }
        }
        """, "// here");
  }

  @Test
  void batchedCallerOfAFunctionWithALocalArrayOfARunTimeSize() {
    // The array is made in the callee: the error is at the batched function.
    assertErrorOnLine("jgrad.NotBatchable", HEAD + """
          @Differentiable static double g(double x, int n) {
            double[] y = new double[n];
            y[0] = x * x;
            return y[0];
          }
          @Batched @Differentiable static double f(double x, int n) { // here
            return g(x, n) + x;
          }
        }
        """, "// here");
  }
}
