package io.jgrad.processor;

import static com.google.common.truth.Truth.assertThat;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import java.util.Locale;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * A call into the class jgrad generates, inside parentheses that are a method's argument, in the class
 * that declares the function: javac crashed in flow analysis (jgrad read the class before the generated
 * class existed); jgrad reports an error at the argument instead, and without the parentheses the code
 * compiles and computes the derivative.
 */
class ParenthesizedDerivativeCallTest {
  private static Compilation compile(String members) {
    JavaFileObject src = JavaFileObjects.forSourceString("fz.F", ""
        + "package fz;\n"
        + "import io.jgrad.annotations.*;\n"
        + "public final class F {\n"
        + "  @Differentiable(order = 2) public static double f(double x, double y) { return Math.sin(x) * y; }\n"
        + members
        + "}\n");
    return Compiler.javac().withProcessors(new JgradProcessor()).compile(src);
  }

  private static double call(Compilation c, String method, double x) throws Exception {
    assertThat(c.errors()).isEmpty();
    ClassLoader loader = CompiledClasses.loader(c);
    var m = loader.loadClass("fz.F").getDeclaredMethod(method, double.class);
    m.setAccessible(true);
    return (double) m.invoke(null, x);
  }

  /** The one error of {@code c}: jgrad's, on {@code line}, with its hint. */
  private static void assertErrorOnLine(Compilation c, int line) {
    assertThat(c.errors()).hasSize(1);
    String message = c.errors().get(0).getMessage(Locale.ROOT);
    assertThat(message).contains("[jgrad.ParenthesizedArgument] javac cannot attribute this parenthesized argument");
    assertThat(message).contains("hint: remove the parentheses around the argument");
    assertThat(c.errors().get(0).getLineNumber()).isEqualTo(line);
  }

  private static final String USE = "  static double use(double x) { return Math.abs(%sFDerivatives.fGrad(x, 2.0).x()%s); }\n";

  @Test
  void outsideADifferentiableBodyParenthesesAreAnErrorAtTheArgumentNotACrash() {
    assertErrorOnLine(compile(USE.formatted("(", ")")), 5);
  }

  @Test
  void outsideADifferentiableBodyWithoutParenthesesItComputesTheGradient() throws Exception {
    double x = 0.7;
    // d/dx sin(x) * 2 = 2 cos(x).
    assertThat(call(compile(USE.formatted("", "")), "use", x)).isWithin(1e-12).of(Math.abs(2 * Math.cos(x)));
  }

  private static final String HELD = ""
      + "  @Differentiable static double g(double x) {\n"
      + "    FDerivatives.FGrad d = FDerivatives.fGrad(x, 2.0); return Math.sin(%sMath.sin(d.x())%s);\n"
      + "  }\n"
      + "  static double gPrime(double x) { return FDerivatives.gGrad(x); }\n"
      + "  static double gValue(double x) { return g(x); }\n";

  @Test
  void insideADifferentiableBodyParenthesesAreAnErrorAtTheArgumentNotACrash() {
    assertErrorOnLine(compile(HELD.formatted("(", ")")), 6);
  }

  @Test
  void insideADifferentiableBodyWithoutParenthesesItDifferentiates() throws Exception {
    Compilation c = compile(HELD.formatted("", ""));
    double x = 0.4;
    // g(x) = sin(sin(2 cos x)); g'(x) = cos(sin(2 cos x)) cos(2 cos x) (-2 sin x).
    double inner = 2 * Math.cos(x);
    assertThat(call(c, "gValue", x)).isWithin(1e-12).of(Math.sin(Math.sin(inner)));
    assertThat(call(c, "gPrime", x)).isWithin(1e-10)
        .of(Math.cos(Math.sin(inner)) * Math.cos(inner) * (-2 * Math.sin(x)));
  }
}
