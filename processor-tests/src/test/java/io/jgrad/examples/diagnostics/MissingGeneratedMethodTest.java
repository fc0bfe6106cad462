package io.jgrad.examples.diagnostics;

import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import io.jgrad.processor.JgradProcessor;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * A call to a generated method that a missing option would make is jgrad's error at the call, with
 * the fix, rather than javac's bare "cannot find symbol".
 */
class MissingGeneratedMethodTest {
  private static final JavaFileObject LIB = JavaFileObjects.forSourceString("demo.Lib", ""
      + "package demo;\n"
      + "import io.jgrad.annotations.*;\n"
      + "import io.jgrad.runtime.Fwd;\n"
      + "final class Lib {\n"
      + "  @Differentiable\n"
      + "  static double plain(double x) { return Math.sin(x) * x; }\n"
      + "  @Differentiable\n"
      + "  static double pair(double x, double y) { return x * y; }\n"
      + "  @CustomVjp(fwd = \"clipFwd\", bwd = \"clipBwd\")\n"
      + "  static double clip(double x) { return x; }\n"
      + "  static Fwd<Double> clipFwd(double x) { return Fwd.of(x, x); }\n"
      + "  static double clipBwd(Double res, double g) { return Math.max(-1, Math.min(1, g)); }\n"
      + "  @Batched @Differentiable\n"
      + "  static double clipSin(double x) { return clip(Math.sin(x)); }\n"
      + "  @Differentiable(order = 2)\n"
      + "  static double smooth(double x) { return Math.exp(x) * x; }\n"
      + "}\n");

  private static Compilation compileUse(String statement) {
    JavaFileObject user = JavaFileObjects.forSourceString("demo.User", ""
        + "package demo;\n"
        + "import static io.jgrad.runtime.Backend.JAVA;\n"
        + "final class User {\n"
        + "  static void use(double[] xs, double[] out) {\n"
        + statement + "\n"
        + "  }\n"
        + "}\n");
    return Compiler.javac().withProcessors(new JgradProcessor()).compile(LIB, user);
  }

  private static void assertErrorAtTheCall(String statement, String message) {
    Compilation c = compileUse(statement);
    assertThat(c).hadErrorContaining(message).inFile(c.sourceFiles().get(1)).onLine(5);
  }

  @Test
  void secondDerivativesNeedOrder2() {
    assertErrorAtTheCall("    double h = LibDerivatives.plainHessian(1.0);", "[jgrad.NotGenerated]"
        + " LibDerivatives.plainHessian does not exist: second derivatives are generated only at order 2;"
        + " hint: add order = 2 to @Differentiable on plain");
    assertErrorAtTheCall("    double v = LibDerivatives.plainHvp(1.0, 1.0);", "[jgrad.NotGenerated]"
        + " LibDerivatives.plainHvp does not exist: second derivatives are generated only at order 2;"
        + " hint: add order = 2 to @Differentiable on plain");
    assertErrorAtTheCall("    var h = LibDerivatives.pairHessianByName(1.0, 2.0);", "[jgrad.NotGenerated]"
        + " LibDerivatives.pairHessianByName does not exist: second derivatives are generated only at order 2;"
        + " hint: add order = 2 to @Differentiable on pair");
  }

  @Test
  void shapesWithoutTheMethodNameWhatToCall() {
    assertErrorAtTheCall("    var j = LibDerivatives.plainJacobian(1.0);", "[jgrad.NotGenerated]"
        + " LibDerivatives.plainJacobian does not exist: fJacobian is generated only for functions with an array"
        + " or record result, and plain returns a number; hint: use plainGrad (the Jacobian of a number is its"
        + " gradient)");
    assertErrorAtTheCall("    var h = LibDerivatives.smoothHessianByName(1.0);", "[jgrad.NotGenerated]"
        + " LibDerivatives.smoothHessianByName does not exist: fHessianByName is generated only for several"
        + " differentiated parameters, none of them an array; hint: use smoothHessian");
    // No order gives a function of one parameter fHessianByName: that is said first.
    assertErrorAtTheCall("    var h = LibDerivatives.plainHessianByName(1.0);", "[jgrad.NotGenerated]"
        + " LibDerivatives.plainHessianByName does not exist: fHessianByName is generated only for several"
        + " differentiated parameters, none of them an array; hint: use plainHessian, with order = 2 on plain");
  }

  @Test
  void kernelsNeedBatched() {
    for (String call : new String[] {"plainBatch(xs, out, JAVA)", "plainGradBatch(xs, out, JAVA)",
        "plainJvpBatch(xs, xs, out, out, JAVA)", "plainBatchSession(xs, out, JAVA)"}) {
      String method = call.substring(0, call.indexOf('('));
      assertErrorAtTheCall("    LibDerivatives." + call + ";", "[jgrad.NotGenerated] LibDerivatives." + method
          + " does not exist: batched kernels are generated only for @Batched functions; hint: add @Batched"
          + " to plain");
    }
  }

  @Test
  void forwardModeOfAFunctionThatReachesACustomVjpHasNone() {
    // no forward mode is said first: order = 2 would not give clipSin an fHvp
    assertErrorAtTheCall("    LibDerivatives.clipSinJvpBatch(xs, xs, out, out, JAVA);", "[jgrad.NoForwardMode]"
        + " LibDerivatives.clipSinJvpBatch does not exist: forward mode cannot pass a @CustomVjp rule (clipSin"
        + " → clip, which has only a @CustomVjp rule); hint: use clipSinGradBatch");
    assertErrorAtTheCall("    double v = LibDerivatives.clipSinHvp(1.0, 1.0);", "[jgrad.NoForwardMode]"
        + " LibDerivatives.clipSinHvp does not exist: forward mode cannot pass a @CustomVjp rule");
    assertErrorAtTheCall("    double t = LibDerivatives.clipJvp(1.0, 1.0).tangent();", "[jgrad.NoForwardMode]"
        + " LibDerivatives.clipJvp does not exist: forward mode cannot pass a @CustomVjp rule (clip, which has"
        + " only a @CustomVjp rule); hint: use clipVjp or clipGrad");
  }

  @Test
  void whatWasGeneratedCompiles() {
    Compilation c = compileUse("    double s = LibDerivatives.smoothHessian(1.0) + LibDerivatives.smoothHvp(1.0, 1.0)"
        + " + LibDerivatives.plainGrad(1.0) + LibDerivatives.plainJvp(1.0, 1.0).tangent();"
        + " LibDerivatives.clipSinGradBatch(xs, out, JAVA); LibDerivatives.clipSinBatch(xs, out, JAVA);");
    assertThat(c).succeeded();
  }
}
