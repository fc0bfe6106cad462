package io.jgrad.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static io.jgrad.processor.Diagnosed.assertErrorOnLine;

import com.google.testing.compile.Compilation;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * A call jgrad keeps as written (not differentiated) that may write into an array the function
 * reads is [jgrad.ArrayWrite] at the array it is given, naming the array and the callee: jgrad would
 * not see the write and the derivative would be wrong without a word. Calls shown to only read
 * compile cleanly; the copies jgrad differentiates stay first-order only.
 */
class ArrayEffectsDiagnosticsTest {
  private static final String HEAD = """
      package a;
      import io.jgrad.annotations.*;
      import java.util.Arrays;
      final class A {
      """;

  @Test
  void aUserHelperWritingALocalArray() {
    // The case: load writes dst, which the function then reads; 2x instead of 4x before.
    Compilation c = assertErrorOnLine("jgrad.ArrayWrite", "a.A", HEAD + """
          static void load(double[] dst, double[] src, double k) {
            for (int i = 0; i < dst.length; i++) {
              dst[i] = k * src[i];
            }
          }
          @Differentiable static double f(double[] x) {
            double[] y = new double[x.length];
            load(y, x, 2.0); // here
            return y[0] * x[0];
          }
        }
        """, "// here");
    String message = c.errors().get(0).getMessage(Locale.ROOT);
    assertThat(message).contains("A.load may write into the array y");
    assertThat(message).contains("hint:");
  }

  @Test
  void aHelperThatWritesThroughAnotherHelper() {
    assertErrorOnLine("jgrad.ArrayWrite", "a.A", HEAD + """
          static void inner(double[] a) { a[0] = 1; }
          static void outer(double[] a) { if (a.length > 0) { inner(a); } }
          @Differentiable static double f(double[] x) {
            outer(x); // here
            return x[0] * x[0];
          }
        }
        """, "// here");
  }

  @Test
  void aHelperThatKeepsTheArray() {
    assertErrorOnLine("jgrad.ArrayWrite", "a.A", HEAD + """
          static double[] kept;
          static void keep(double[] a) { kept = a; }
          @Differentiable static double f(double[] x) {
            keep(x); // here
            return x[0] * x[0];
          }
        }
        """, "// here");
  }

  @Test
  void aLibraryMethodThatWrites() {
    assertErrorOnLine("jgrad.ArrayWrite", "a.A", HEAD + """
          @Differentiable static double f(double[] x) {
            double[] y = x.clone();
            Arrays.sort(y); // here
            return y[0] * x[1];
          }
        }
        """, "// here");
  }

  @Test
  void aLambdaWritingACapturedArray() {
    assertErrorOnLine("jgrad.ArrayWrite", "a.A", HEAD + """
          static void times(int n, java.util.function.IntConsumer body) {
            for (int i = 0; i < n; i++) {
              body.accept(i);
            }
          }
          @Differentiable static double f(double[] x) {
            double[] y = new double[2];
            times(2, i -> y[i] = 1.0); // here
            return y[0] * x[0];
          }
        }
        """, "// here");
  }

  @Test
  void aLambdaWritingSeveralCapturedArraysIsReportedAtItsFirstWrite() {
    // Five arrays, so that a report taken in hash order instead of source order lands elsewhere.
    assertErrorOnLine("jgrad.ArrayWrite", "a.A", HEAD + """
          static void times(int n, java.util.function.IntConsumer body) {
            for (int i = 0; i < n; i++) {
              body.accept(i);
            }
          }
          @Differentiable static double f(double[] x, double[] a, double[] b, double[] c, double[] d) {
            double[] e = new double[1];
            times(1, i -> {
              e[i] = 1.0; // here
              d[i] = 1.0;
              c[i] = 1.0;
              b[i] = 1.0;
              a[i] = 1.0;
            });
            return e[0] * x[0] + a[0] + b[0] + c[0] + d[0];
          }
        }
        """, "// here");
  }

  @Test
  void helpersThatOnlyReadCompileCleanly() {
    Compilation c = Diagnosed.compile("a.A", HEAD + """
          static int positives(double[] a) {
            int n = 0;
            for (double v : a) {
              n += v > 0 ? 1 : 0;
            }
            return n;
          }
          static boolean even(double[] a, int depth) { return depth > 0 && odd(a, depth - 1); }
          static boolean odd(double[] a, int depth) { return depth == 0 || even(a, depth - 1); }
          static int scratch(double[] a) {
            double[] mine = new double[a.length];
            System.arraycopy(a, 0, mine, 0, a.length);
            Arrays.sort(mine);
            return mine.length;
          }
          @Differentiable static double f(double[] x) {
            double[] y = x.clone();
            System.out.println(Arrays.toString(y) + positives(y));
            if (even(y, 3) && scratch(x) > 1) {
              y[0] = 2 * y[0];
            }
            return y[0] * x[1];
          }
        }
        """);
    assertThat(c).succeededWithoutWarnings();
  }

  @Test
  void arraycopyIntoAParameter() {
    assertErrorOnLine("jgrad.ArrayWrite", "a.A", HEAD + """
          @Differentiable static double f(double[] x, double[] out) {
            System.arraycopy(x, 0, out, 0, 1); // here
            return out[0];
          }
        }
        """, "// here");
  }

  @Test
  void arraycopyBetweenElementTypes() {
    assertErrorOnLine("jgrad.UnsupportedType", "a.A", HEAD + """
          @Differentiable static double f(double[] x) {
            float[] y = new float[2];
            System.arraycopy(x, 0, y, 0, 2); // here
            return y[0];
          }
        }
        """, "// here");
  }

  @Test
  void aCopyInsideAnExpression() {
    assertErrorOnLine("jgrad.UnsupportedExpression", "a.A", HEAD + """
          @Differentiable static double sum(double[] x) { return x[0] + x[1]; }
          @Differentiable static double f(double[] x) {
            return sum(Arrays.copyOf(x, 2)); // here
          }
        }
        """, "// here");
  }

  @Test
  void copiesInAKernel() {
    assertErrorOnLine("jgrad.NotBatchable", "a.A", HEAD + """
          @Batched @Differentiable static double f(double x, int n) {
            double[] y = new double[n + 2]; // here
            Arrays.fill(y, x);
            return y[0] * y[1];
          }
        }
        """, "// here");
  }
}
