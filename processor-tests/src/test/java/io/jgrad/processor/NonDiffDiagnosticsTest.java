package io.jgrad.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static io.jgrad.processor.Diagnosed.assertErrorAt;
import static io.jgrad.processor.Diagnosed.assertErrorOnLine;
import static io.jgrad.processor.Diagnosed.assertNoCrash;
import static io.jgrad.processor.Diagnosed.compile;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * Non-differentiable arguments and function objects at compile time: a differentiated value that
 * flows into a {@code @NonDiff} parameter, is captured by a lambda, or is passed to an opaque
 * function object is a javac error at that expression (JAX's notebook: "If JAX detects that an argument
 * indicated by nondiff_argnums contains a JAX Tracer, then an error is raised"); order 2 through a
 * function object is refused clearly; clean code compiles without a warning under -Xlint:all.
 */
class NonDiffDiagnosticsTest {

  private static final String APP = """
        @CustomJvp(jvp = "appJvp")
        static double app(DoubleUnaryOperator f, double x) { return f.applyAsDouble(x); }
        static Dual appJvp(DoubleUnaryOperator f, double x, double xDot) {
          return Dual.of(f.applyAsDouble(x), 2. * xDot);
        }
      """;

  private static final String HEADER = """
      package t;
      import io.jgrad.annotations.*;
      import io.jgrad.runtime.*;
      import java.util.function.DoubleUnaryOperator;
      """;

  private static final String NON_DIFF_ARGUMENT = HEADER + """
      class Nda {
        @Differentiable
        static double scaled(double a, @NonDiff double b) { return a * b; }
        @Differentiable
        static double f(double x) {
          double y = x * x;
          return scaled(2.0, y * 3);
        }
      }
      """;

  @Test
  void differentiatedValueIntoNonDiffParameter() {
    // javac places a binary expression at its operator.
    assertErrorAt("jgrad.NonDiffArgument", "t.Nda", NON_DIFF_ARGUMENT, "y * 3", 2);
    assertThat(compile("t.Nda", NON_DIFF_ARGUMENT)).hadErrorContaining("b is @NonDiff in scaled");
  }

  private static final String CAPTURED_BY_ARGUMENT = HEADER + "class Cap {\n" + APP + """
        @Differentiable
        static double g(double x, double y) {
          double w = y * 2;
          return app(z -> z * w, x);
        }
      }
      """;

  @Test
  void lambdaPassedToANonDiffParameterCapturesADifferentiatedValue() {
    assertErrorAt("jgrad.CapturedTangent", "t.Cap", CAPTURED_BY_ARGUMENT, "z -> z * w", 9);
    assertThat(compile("t.Cap", CAPTURED_BY_ARGUMENT)).hadErrorContaining("captures w");
  }

  private static final String CAPTURED_IN_BODY = HEADER + """
      class CapBody {
        @Differentiable
        static double f(double x) {
          DoubleUnaryOperator op = v -> v * x;
          return x * 2;
        }
      }
      """;

  @Test
  void lambdaInABodyCapturesADifferentiatedValue() {
    assertErrorAt("jgrad.CapturedTangent", "t.CapBody", CAPTURED_IN_BODY, "v -> v * x", 9);
  }

  private static final String UNQUALIFIED = HEADER + "class Unq {\n" + APP + """
        static double cube(double z) { return z * z * z; }
        @Differentiable
        static double g(double x, int n) {
          return app(z -> cube(z) * n, x);
        }
      }
      """;

  /** Generated code repeats a lambda verbatim, so what it names must be visible from there. */
  @Test
  void lambdaNamingAMemberUnqualifiedIsRefused() {
    assertErrorAt("jgrad.Lambda", "t.Unq", UNQUALIFIED, "z -> cube(z) * n", 0);
    assertThat(compile("t.Unq", UNQUALIFIED)).hadErrorContaining("hint: write Unq.cube");
  }

  private static final String OPAQUE = HEADER + """
      class Opaque {
        @Differentiable
        static double h(DoubleUnaryOperator f, double x) {
          double c = f.applyAsDouble(3.0);
          return c * f.applyAsDouble(x * 2);
        }
      }
      """;

  @Test
  void differentiatedValueIntoAnOpaqueFunction() {
    assertErrorAt("jgrad.NotDifferentiable", "t.Opaque", OPAQUE, "x * 2", 2);
    assertThat(compile("t.Opaque", OPAQUE)).hadErrorContaining("hint: take a DiffFn1/DiffFn2 parameter");
  }

  private static final String ORDER_2 = HEADER + """
      class Order2 {
        @CustomVjp(fwd = "sqFwd", bwd = "sqBwd", order = 2)
        static double sq(double x) { return x * x; }
        static Fwd<Double> sqFwd(double x) { return Fwd.of(x * x, x); }
        static double sqBwd(Double x, double g) { return 2 * x * g; }
        @Differentiable(order = 2)
        static double h(DiffFnN f, double[] xs) { return f.value(xs) * sq(xs[0]); }
      }
      """;

  @Test
  void order2ThroughAVectorFunctionObjectIsRefusedWhereACustomVjpRuleIsReached() {
    // Forward over forward goes through the object's partials; reverse over reverse (one array at
    // order 2) does not go through the object called with one array.
    assertErrorOnLine("jgrad.UnsupportedOrder", "t.Order2", ORDER_2, "static double h(");
    assertThat(compile("t.Order2", ORDER_2)).hadErrorContaining("order 2 through the function object f called with"
        + " one array is not supported yet in a function that reaches a @CustomVjp rule; hint:");
  }

  private static final String JAX_ORDER_RULE = HEADER + """
      class JaxOrder {
        @CustomJvp(jvp = "appJvp")
        static double app(DoubleUnaryOperator f, double x) { return f.applyAsDouble(x); }
        static Dual appJvp(double x, DoubleUnaryOperator f, double xDot) {
          return Dual.of(f.applyAsDouble(x), 2. * xDot);
        }
      }
      """;

  /** JAX puts non-differentiable arguments first; jgrad keeps the primal's order and says so. */
  @Test
  void ruleWithNonDiffArgumentsMovedFirstIsASignatureError() {
    assertErrorOnLine("jgrad.RuleSignature", "t.JaxOrder", JAX_ORDER_RULE, "static Dual appJvp(");
    assertThat(compile("t.JaxOrder", JAX_ORDER_RULE)).hadErrorContaining(
        "appJvp(java.util.function.DoubleUnaryOperator f, double x, double xDot)");
  }

  private static final String GENERIC_INTERFACE = HEADER + """
      class GenericFn {
        @Differentiable
        static double h(java.util.function.Function<Double, Double> f, double x) { return x * x; }
      }
      """;

  @Test
  void genericFunctionalInterfaceIsNotSupportedYet() {
    assertErrorOnLine("jgrad.UnsupportedType", "t.GenericFn", GENERIC_INTERFACE, "static double h(");
  }

  private static final String FACTORY_LAMBDA = HEADER + "class FactLam {\n" + APP + """
        @Differentiable
        static double twice(DiffFn1 f, double x) { return f.value(f.value(x)); }
        @Differentiable
        static double g(double x, int n) {
          return twice(FactLamDerivatives.app(z -> z * n), x);
        }
      }
      """;

  /** A lambda inside a call javac cannot resolve yet is refused cleanly instead of crashing javac later. */
  @Test
  void lambdaBoundInAFactoryOfThisCompilationIsRefused() {
    assertErrorAt("jgrad.Lambda", "t.FactLam", FACTORY_LAMBDA, "z -> z * n", 0);
    assertThat(compile("t.FactLam", FACTORY_LAMBDA)).hadErrorContaining("hint: pass a method reference");
  }

  private static final String FACTORY = HEADER + "class Fact {\n" + APP + """
        @Differentiable
        static double cube(double x) { return x * x * x; }
        @Differentiable
        static double twice(DiffFn1 f, double x) { return f.value(f.value(x)); }
        @Differentiable
        static double g(double x) {
          return twice(FactDerivatives.cube(), x) + twice(FactDerivatives.app(Math::sin), x) * 2;
        }
      }
      """;

  /** FactDerivatives does not exist while jgrad reads g: the factory call is matched by its spelling. */
  @Test
  void factoryOfThisCompilationInABody() {
    Compilation c = compile("t.Fact", FACTORY);
    assertThat(c).succeededWithoutWarnings();
    assertThat(c).generatedSourceFile("t.FactDerivatives").contentsAsUtf8String()
        .contains("ScalarVjp twiceVjp1 = FactDerivatives.twiceVjp(t.FactDerivatives.cube(), x);");
  }

  private static final String PRIVATE_ENUM = HEADER + """
      class PrivEnum {
        private enum Mode { A, B }
        @Differentiable
        static double h(Mode mode, double x) { return mode == Mode.A ? x : x * x; }
      }
      """;

  @Test
  void privateParameterTypeIsInaccessible() {
    assertErrorOnLine("jgrad.Inaccessible", "t.PrivEnum", PRIVATE_ENUM, "static double h(");
  }

  private static final String JVP_IN_BODY = HEADER + """
      class JvpInBody {
        @Differentiable
        static double h(DiffFn1 f, double x) {
          return f.jvp(x, 1.0).tangent() * x;
        }
      }
      """;

  @Test
  void onlyValueIsCalledThroughAFunctionObject() {
    assertErrorOnLine("jgrad.InstanceCall", "t.JvpInBody", JVP_IN_BODY, "f.jvp(x, 1.0)");
  }

  /** Every failing input above, compiled together, fails cleanly: no crash, no internal error. */
  @Test
  void noInputCrashesTheProcessor() {
    String[][] all = {
        {"t.Nda", NON_DIFF_ARGUMENT}, {"t.Cap", CAPTURED_BY_ARGUMENT}, {"t.CapBody", CAPTURED_IN_BODY},
        {"t.Unq", UNQUALIFIED}, {"t.Opaque", OPAQUE}, {"t.Order2", ORDER_2}, {"t.JaxOrder", JAX_ORDER_RULE},
        {"t.GenericFn", GENERIC_INTERFACE}, {"t.FactLam", FACTORY_LAMBDA}, {"t.PrivEnum", PRIVATE_ENUM},
        {"t.JvpInBody", JVP_IN_BODY}};
    JavaFileObject[] sources = new JavaFileObject[all.length];
    for (int i = 0; i < all.length; i++) {
      sources[i] = JavaFileObjects.forSourceString(all[i][0], all[i][1]);
    }
    Compilation c = Compiler.javac().withProcessors(new JgradProcessor()).compile(sources);
    assertThat(c).failed();
    assertNoCrash(c);
  }

  private static final String CLEAN = HEADER + """
      class Clean {
        enum Mode { ADD, MUL }
      """ + APP + """
        @Differentiable
        static double h(Mode mode, DoubleUnaryOperator f, double x, DiffFn2 g, String label, boolean flag) {
          double c = f.applyAsDouble(3.0);
          double y = mode == Mode.ADD ? x + c : x * c;
          if (flag && label.length() > 2) {
            y = y * 2;
          }
          return app(f, g.value(y, x)) * y + app(z -> z * c, x) + app(Math::sin, y);
        }
      }
      """;

  @Test
  void cleanNonDiffCodeCompilesWithoutWarnings() {
    Compilation c = compile("t.Clean", CLEAN);
    assertThat(c).succeededWithoutWarnings();
    assertThat(c).generatedSourceFile("t.CleanDerivatives").contentsAsUtf8String()
        .contains("public static DiffFn1 h(Clean.Mode mode, DoubleUnaryOperator f, DiffFn2 g, String label,");
  }
}
