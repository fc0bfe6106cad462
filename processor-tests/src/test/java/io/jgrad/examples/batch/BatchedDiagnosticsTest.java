package io.jgrad.examples.batch;

import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.common.truth.StringSubject;
import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import io.jgrad.processor.JgradProcessor;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** What cannot become a kernel is a javac error, {@code [jgrad.NotBatchable]}, at the construct when it is in the method. */
class BatchedDiagnosticsTest {
  private JavaFileObject source;

  private Compilation compile(String body) {
    source = JavaFileObjects.forSourceString("demo.Kernels", ""
        + "package demo;\n"
        + "import io.jgrad.annotations.*;\n"
        + "import io.jgrad.runtime.*;\n"
        + "final class Kernels {\n"
        + body
        + "}\n");
    return Compiler.javac().withProcessors(new JgradProcessor()).compile(source);
  }

  @Test
  void aPrintCannotRunInAKernel() {
    Compilation c = compile(""
        + "  @Batched @Differentiable\n"
        + "  static double f(double x) {\n"
        + "    System.out.println(\"called f!\");\n"
        + "    return Math.sin(x);\n"
        + "  }\n");
    assertThat(c).hadErrorContaining("System.out.println(...) cannot run in a kernel")
        .inFile(source).onLine(7).atColumn(23);
  }

  @Test
  void aProblemInACalleeIsReportedAtTheCall() {
    Compilation c = compile(""
        + "  @Differentiable\n"
        + "  static double g(double x) {\n"
        + "    System.out.println(x);\n"
        + "    return x * x;\n"
        + "  }\n"
        + "  @Batched @Differentiable\n"
        + "  static double f(double x) {\n"
        + "    return 1 + g(x);\n"
        + "  }\n");
    assertThat(c).hadErrorContaining("[jgrad.NotBatchable]").inFile(source).onLine(12).atColumn(17);
  }

  @Test
  void anEnumParameterIsNamedByItsType() {
    Compilation c = compile(""
        + "  enum Mode { SQUARE, CUBE }\n"
        + "  @Batched @Differentiable\n"
        + "  static double f(double x, Mode mode) {\n"
        + "    return mode == Mode.SQUARE ? x * x : x * x * x;\n"
        + "  }\n");
    assertThat(c).hadErrorContaining("[jgrad.NotBatchable] parameter mode of type Mode cannot be passed to a"
        + " kernel: shared parameters must be primitives or arrays of them; hint: pass what the kernel needs"
        + " as an int, long, boolean or double (an enum's ordinal(), say)").inFile(source).onLine(7);
  }

  @Test
  void perLaneNamesAParameterThatIsNotThere() {
    Compilation c = compile(""
        + "  @Batched(perLane = {\"m\"}) @Differentiable\n"
        + "  static double f(double x, int n) {\n"
        + "    return n * x;\n"
        + "  }\n");
    assertThat(c).hadErrorContaining("[jgrad.NotBatchable] perLane names m, which is not a parameter of f; hint:"
        + " name one of x, n").inFile(source).onLine(5).atColumn(23);
  }

  @Test
  void perLaneNamesADifferentiatedParameter() {
    Compilation c = compile(""
        + "  @Batched(perLane = {\"n\", \"x\"}) @Differentiable\n"
        + "  static double f(double x, int n) {\n"
        + "    return n * x;\n"
        + "  }\n");
    assertThat(c).hadErrorContaining("[jgrad.NotBatchable] parameter x is differentiated, so its kernels already"
        + " take one x per lane").inFile(source).onLine(5).atColumn(28);
  }

  @Test
  void perLaneNamesAParameterTwice() {
    Compilation c = compile(""
        + "  @Batched(perLane = {\"n\", \"n\"}) @Differentiable\n"
        + "  static double f(double x, int n) {\n"
        + "    return n * x;\n"
        + "  }\n");
    assertThat(c).hadErrorContaining("[jgrad.NotBatchable] perLane names n twice").inFile(source).onLine(5);
  }

  @Test
  void aLocalArrayOfASizeKnownAtRunTimeIsReportedAtItsNew() {
    Compilation c = compile(""
        + "  @Batched @Differentiable\n"
        + "  static double f(double x, int n) {\n"
        + "    double[] t = new double[n];\n"
        + "    t[0] = x;\n"
        + "    return t[0] * x;\n"
        + "  }\n");
    assertThat(c).hadErrorContaining("[jgrad.NotBatchable] the local array t has a size known only at run time,"
        + " and OpenCL gives a lane private arrays of a size fixed at compile time; hint: make the size an int"
        + " literal or a static final int constant").inFile(source).onLine(7).atColumn(18);
  }

  @Test
  void aLocalArrayOfAConstantsSizeCompiles() {
    Compilation c = compile(""
        + "  static final int N = 2;\n"
        + "  @Batched @Differentiable\n"
        + "  static double f(double x) {\n"
        + "    double[] t = new double[N + 1];\n"
        + "    t[N] = x;\n"
        + "    return t[N] * x;\n"
        + "  }\n");
    assertThat(c).succeededWithoutWarnings();
  }

  /** A function keeping {@code x} in a local array of {@code size} doubles, for the private memory cap. */
  private Compilation withArrayOf(int size) {
    return compile(""
        + "  @Batched @Differentiable\n"
        + "  static double f(double x) {\n"
        + "    double[] t = new double[" + size + "];\n"
        + "    for (int k = 0; k < t.length; k++) {\n"
        + "      t[k] = x * k;\n"
        + "    }\n"
        + "    return t[" + (size - 1) + "] * t[1];\n"
        + "  }\n");
  }

  @Test
  void aLanesLocalArraysFitItsPrivateMemory() {
    // fJvpBatch and fGradBatch make t and its tangent: 2 · 4096 doubles are 64 KiB, the cap; one more is above.
    assertThat(withArrayOf(4096)).succeededWithoutWarnings();
    Compilation c = withArrayOf(4097);
    assertThat(c).hadErrorContaining("[jgrad.NotBatchable] the local arrays of a lane of fJvpBatch take 65552"
        + " bytes (t has 4097 elements), more than the 65536 bytes of private memory jgrad gives a lane")
        .inFile(source).onLine(7).atColumn(18);
  }

  @Test
  void anArrayPerLaneThroughACustomVjpRuleNeedsItsRowLength() {
    Compilation c = compile(""
        + "  @CustomVjp(fwd = \"clipFwd\", bwd = \"clipBwd\")\n"
        + "  static double clip(double x) { return x; }\n"
        + "  static Fwd<Double> clipFwd(double x) { return Fwd.of(x, x); }\n"
        + "  static double clipBwd(Double res, double g) { return Math.max(-1, Math.min(1, g)); }\n"
        + "  @Batched @Differentiable\n"
        + "  static double f(double[] x) { return clip(x[0] * x[1]); }\n");
    // The lanes could run the rule's passes as code, but not hold the cotangent row of a length the run says.
    assertThat(c).hadErrorContaining("[jgrad.NotBatchable] parameter x is an array given per lane, whose gradient"
        + " row in a function that reaches a @CustomVjp rule (f → clip").inFile(source).onLine(10);
    assertThat(c).hadErrorContaining("is a cotangent array of the row's length in the lane, which only the run"
        + " knows");
    assertThat(c).hadErrorContaining("hint: fix the rows' length, @Batched(rowLength = N) with a static final int N");
  }

  @Test
  void aRowLengthOnAParameterThatIsNotADifferentiatedRowIsRefused() {
    Compilation c = compile(""
        + "  @CustomVjp(fwd = \"clipFwd\", bwd = \"clipBwd\")\n"
        + "  static double clip(double x) { return x; }\n"
        + "  static Fwd<Double> clipFwd(double x) { return Fwd.of(x, x); }\n"
        + "  static double clipBwd(Double res, double g) { return Math.max(-1, Math.min(1, g)); }\n"
        + "  @Batched(rowLength = 2) @Differentiable\n"
        + "  static double f(double[] x, @Batched.RowLength(3) double k) { return clip(x[0] * x[1] * k); }\n");
    assertThat(c).hadErrorContaining("[jgrad.NotBatchable] @Batched.RowLength(3) on k fixes the length of a"
        + " differentiated row of a function that reaches a @CustomVjp rule, and k is not a differentiated double[]"
        + " or float[]; hint: remove it").inFile(source).onLine(10);
  }

  @Test
  void aRowLengthWithoutACustomVjpRuleIsRefused() {
    Compilation c = compile(""
        + "  @Batched(rowLength = 3) @Differentiable\n"
        + "  static double f(double[] x) { return x[0] * x[1]; }\n");
    assertThat(c).hadErrorContaining("[jgrad.NotBatchable] @Batched(rowLength = 3) fixes the length of the"
        + " differentiated rows of a function that reaches a @CustomVjp rule, and f reaches none; hint: remove"
        + " rowLength").inFile(source).onLine(6);
  }

  @Test
  void aRecordResultWithAStringLeafIsNotBatchable() {
    Compilation c = compile(""
        + "  record P(double x, String label) {}\n"
        + "  @Batched @Differentiable\n"
        + "  static P f(double x) { return new P(2 * x, \"twice\"); }\n");
    assertThat(c).hadErrorContaining("[jgrad.NotBatchable] a record result with the leaf label of type String cannot"
        + " be batched: a kernel stores each leaf in an array of primitives, one element per lane").inFile(source)
        .onLine(7);
  }

  @Test
  void aRecordResultWithAVjpRuleOfItsOwnHasItsValueKernelOnly() {
    Compilation c = compile(""
        + "  record P(double x, double y) {}\n"
        + "  @Batched @CustomVjp(fwd = \"fFwd\", bwd = \"fBwd\")\n"
        + "  static P f(double a) { return new P(a, a * a); }\n"
        + "  static RecordFwd<P, Double> fFwd(double a) { return RecordFwd.of(f(a), a); }\n"
        + "  static double fBwd(Double a, P g) { return g.x() + 2 * a * g.y(); }\n");
    assertThat(c).succeededWithoutWarnings();
    // No gradient of a record, and no forward mode through the rule: fBatch only.
    StringSubject generated = assertThat(c).generatedSourceFile("demo.KernelsDerivatives").contentsAsUtf8String();
    generated.contains("public static Backend fBatch(double[] a, double[] out_x, double[] out_y");
    generated.doesNotContain("fGradBatch");
    generated.doesNotContain("fJvpBatch");
  }

  @Test
  void aRecordRuleOverAComponentWithoutATangentIsNotBatchableYet() {
    Compilation c = compile(""
        + "  record P(double x, int n) {}\n"
        + "  @Batched @CustomVjp(fwd = \"fFwd\", bwd = \"fBwd\")\n"
        + "  static double f(P p) { return p.x() * p.n(); }\n"
        + "  static Fwd<P> fFwd(P p) { return Fwd.of(f(p), p); }\n"
        + "  static P fBwd(P p, double g) { return new P(p.n() * g, p.n()); }\n");
    assertThat(c).hadErrorContaining("[jgrad.NotBatchable] a function with records and a @CustomVjp rule of its"
        + " own cannot be batched yet where a differentiated record has an array component or one without a"
        + " tangent (p.n()); hint: pass that component as a parameter of its own").inFile(source).onLine(7);
  }

  @Test
  void aRecordRuleWhosePassesAreOutsideTheSubsetIsNotBatchable() {
    Compilation c = compile(""
        + "  record P(double x, double y) {}\n"
        + "  @Batched @CustomVjp(fwd = \"fFwd\", bwd = \"fBwd\")\n"
        + "  static double f(P p) { return p.x() * p.y(); }\n"
        + "  static Fwd<P> fFwd(P p) { return Fwd.of(p.x() * p.y(), p); }\n"
        + "  static P fBwd(P p, double g) {\n"
        + "    System.out.println(g);\n"
        + "    return new P(p.y() * g, p.x() * g);\n"
        + "  }\n");
    assertThat(c).hadErrorContaining("[jgrad.NotBatchable] a function with records cannot be batched where its"
        + " lanes cannot run its reverse mode as code").inFile(source).onLine(7);
  }

  @Test
  void aDerivativeCallOfAFunctionWithARecordResultIsNotBatchableYet() {
    Compilation c = compile(""
        + "  record P(double x, double y) {}\n"
        + "  @Differentiable(order = 2) static P g(double a) { return new P(a * a, Math.sin(a)); }\n"
        + "  @Batched @Differentiable\n"
        + "  static double f(double x) {\n"
        + "    return KernelsDerivatives.gJvp(x, 1).tangent().x();\n"
        + "  }\n");
    assertThat(c).hadErrorContaining("[jgrad.DerivativeCall] kernels of a @Batched function take derivative calls"
        + " of functions of numbers and records of numbers, not yet KernelsDerivatives.gJvp: g returns a record")
        .inFile(source).onLine(9);
  }

  @Test
  void aDerivativeCallOfALoopReachingARuleRunsOnTheCpu() {
    Compilation c = compile(""
        + "  @CustomVjp(fwd = \"sFwd\", bwd = \"sBwd\", order = 2)\n"
        + "  static double s(double x) { return x * x; }\n"
        + "  static Fwd<Double> sFwd(double x) { return Fwd.of(x * x, x); }\n"
        + "  static double sBwd(Double x, double g) { return 2 * x * g; }\n"
        + "  @Differentiable(order = 2) static double w(double x, int n) {\n"
        + "    double a = x;\n"
        + "    for (int i = 0; i < n; i++) { a = s(a) * 0.5 + x; }\n"
        + "    return a;\n"
        + "  }\n"
        + "  @Batched @Differentiable\n"
        + "  static double f(double x, int n) {\n"
        + "    return KernelsDerivatives.wGrad(x, n);\n"
        + "  }\n");
    assertThat(c).succeeded();
    assertThat(c).hadWarningContaining("[jgrad.CpuOnlyBatch] fBatch and fGradBatch run on the JAVA and THREADS"
        + " backends only: it reaches a @CustomVjp rule (f → wPullback, which has no forward mode").inFile(source)
        .onLine(15);
    assertThat(c).hadWarningContaining("its reverse mode would need a tape for local arrays");
  }

  @Test
  void aRecordFunctionWhoseRuleCannotRunInALaneIsNotBatchable() {
    Compilation c = compile(""
        + "  record P(double x, double y) {}\n"
        + "  @CustomVjp(fwd = \"showFwd\", bwd = \"showBwd\")\n"
        + "  static double show(double x) { return x; }\n"
        + "  static Fwd<Double> showFwd(double x) { return Fwd.of(x, x); }\n"
        + "  static double showBwd(Double x, double g) { System.out.println(g); return g; }\n"
        + "  @Batched @Differentiable\n"
        + "  static double f(P p) { return Math.sin(show(p.x())) * p.y(); }\n");
    assertThat(c).hadErrorContaining("[jgrad.NotBatchable] a function with records cannot be batched where its"
        + " lanes cannot run its reverse mode as code").inFile(source).onLine(11);
    assertThat(c).hadWarningCount(0);
  }

  @Test
  void aRecordResultOfNumbersCompiles() {
    Compilation c = compile(""
        + "  record P(double x, double y) {}\n"
        + "  @Batched @Differentiable\n"
        + "  static P f(P p) { return new P(p.y(), p.x()); }\n");
    assertThat(c).succeededWithoutWarnings();
  }

  @Test
  void perLaneNamesADifferentiatedRecord() {
    Compilation c = compile(""
        + "  record P(double x, double y) {}\n"
        + "  @Batched(perLane = \"p\") @Differentiable\n"
        + "  static double f(P p) { return p.x() * p.y(); }\n");
    assertThat(c).hadErrorContaining("[jgrad.NotBatchable] parameter p is differentiated, so its kernels already"
        + " take one p per lane").inFile(source).onLine(6);
  }

  @Test
  void perLaneNamesAnArrayOfRows() {
    Compilation c = compile(""
        + "  @Batched(perLane = \"w\") @Differentiable\n"
        + "  static double f(double x, @NonDiff double[] w) {\n"
        + "    return x * w[w.length - 1];\n"
        + "  }\n");
    assertThat(c).succeededWithoutWarnings();
  }

  @Test
  void batchedAloneIsAnError() {
    Compilation c = compile(""
        + "  @Batched\n"
        + "  static double f(double x) {\n"
        + "    return x;\n"
        + "  }\n");
    assertThat(c).hadErrorContaining("[jgrad.NotBatchable] @Batched needs @Differentiable").inFile(source).onLine(6);
  }

  @Test
  void aCustomVjpFunctionWhosePassesAreCodeBatchesEverywhereWithoutAWarning() {
    Compilation c = compile(""
        + "  @Batched @CustomVjp(fwd = \"fFwd\", bwd = \"fBwd\")\n"
        + "  static double f(double x) { return x; }\n"
        + "  static Fwd<Double> fFwd(double x) { return Fwd.of(x, x); }\n"
        + "  static double fBwd(Double res, double g) { return g * res; }\n");
    assertThat(c).succeededWithoutWarnings();
  }

  /** Loops through a @CustomVjp rule once kept the kernels on the CPU with this warning; now the lane recomputes them. */
  @Test
  void loopsThroughACustomVjpRuleBatchEverywhereWithoutAWarning() {
    Compilation c = compile(""
        + "  @CustomVjp(fwd = \"rFwd\", bwd = \"rBwd\")\n"
        + "  static double r(double x) { return Math.sin(x); }\n"
        + "  static Fwd<Double> rFwd(double x) { return Fwd.of(Math.sin(x), Math.cos(x)); }\n"
        + "  static double rBwd(Double cos, double g) { return g * cos; }\n"
        + "  @Batched @Differentiable\n"
        + "  static double f(double x, int n) {\n"
        + "    double c = x;\n"
        + "    for (int i = 0; i < n; i++) {\n"
        + "      int k = 0;\n"
        + "      while (k < i && c > 0) { c = r(c) * x; k++; }\n"
        + "    }\n"
        + "    return c;\n"
        + "  }\n");
    assertThat(c).succeededWithoutWarnings();
    assertThat(c).generatedSourceFile("demo.KernelsDerivatives").contentsAsUtf8String()
        .contains("public void deviceLane(int lane)");
  }

  @Test
  void aCustomVjpFunctionWhoseBackwardPassPrintsBatchesOnTheCpuOnlyWithAWarning() {
    Compilation c = compile(""
        + "  @Batched @CustomVjp(fwd = \"fFwd\", bwd = \"fBwd\")\n"
        + "  static double f(double x) { return x; }\n"
        + "  static Fwd<Double> fFwd(double x) { return Fwd.of(x, x); }\n"
        + "  static double fBwd(Double res, double g) { System.out.println(g); return g; }\n");
    assertThat(c).succeeded();
    assertThat(c).hadWarningContaining("[jgrad.CpuOnlyBatch] fBatch and fGradBatch run on the JAVA and THREADS"
        + " backends only").inFile(source).onLine(6);
    assertThat(c).hadWarningContaining("cannot run in a kernel");
  }

  @Test
  void aRowPerLaneWhoseLanesCallTheScalarCodeBatchesOnTheCpuWithAWarning() {
    // The lanes copy the row for the scalar code, so its length needs no rowLength.
    Compilation c = compile(""
        + "  @Batched @CustomVjp(fwd = \"fFwd\", bwd = \"fBwd\")\n"
        + "  static double f(double[] x) { return x[0]; }\n"
        + "  static Fwd<Double> fFwd(double[] x) { return Fwd.of(x[0], x[0]); }\n"
        + "  static double[] fBwd(Double res, double g) { return new double[] {g}; }\n");
    assertThat(c).succeeded();
    assertThat(c).hadWarningContaining("[jgrad.CpuOnlyBatch] fBatch and fGradBatch run on the JAVA and THREADS"
        + " backends only").inFile(source).onLine(6);
    assertThat(c).generatedSourceFile("demo.KernelsDerivatives").contentsAsUtf8String()
        .contains("Arrays.copyOfRange(this.x, xStart, xStart + this.xRowLength)");
  }

  @Test
  void theCpuOnlyWarningCanBeSuppressed() {
    Compilation c = compile(""
        + "  @SuppressWarnings(\"jgrad.CpuOnlyBatch\")\n"
        + "  @Batched @CustomVjp(fwd = \"fFwd\", bwd = \"fBwd\")\n"
        + "  static double f(double x) { return x; }\n"
        + "  static Fwd<Double> fFwd(double x) { return Fwd.of(x, x); }\n"
        + "  static double fBwd(Double res, double g) { System.out.println(g); return g; }\n");
    assertThat(c).succeededWithoutWarnings();
  }

  @Test
  void otherFunctionsOfTheClassStillGetTheirDerivatives() {
    Compilation c = compile(""
        + "  @Batched @Differentiable\n"
        + "  static double bad(double x) {\n"
        + "    System.out.println(x);\n"
        + "    return x;\n"
        + "  }\n");
    assertThat(c).failed();
    assertThat(c).hadErrorCount(1);
  }
}
