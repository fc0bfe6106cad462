package io.jgrad.examples.custom;

import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import io.jgrad.processor.JgradProcessor;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** Rule errors of {@code @CustomJvp}, each a javac error with its code at its line. */
class CustomJvpDiagnosticsTest {
  private JavaFileObject source;

  private Compilation compile(String body) {
    source = JavaFileObjects.forSourceString("demo.Rules", ""
        + "package demo;\n"
        + "import io.jgrad.annotations.*;\n"
        + "import io.jgrad.runtime.*;\n"
        + "final class Rules {\n"
        + body
        + "}\n");
    return Compiler.javac().withProcessors(new JgradProcessor()).compile(source);
  }

  @Test
  void missingRule() {
    Compilation c = compile(""
        + "  @CustomJvp(jvp = \"fJvp\")\n"
        + "  static double f(double x) { return x; }\n");
    assertThat(c).hadErrorContaining("[jgrad.RuleMissing]").inFile(source).onLine(6);
    assertThat(c).hadErrorContaining("static Dual fJvp(double x, double xDot)");
  }

  @Test
  void ruleNamedWithItsClassIsToldRulesLiveInTheFunctionsClass() {
    Compilation c = compile(""
        + "  @CustomJvp(jvp = \"Helpers.softplusJvp\")\n"
        + "  static double softplus(double x) { return Math.log1p(Math.exp(x)); }\n");
    assertThat(c).hadErrorContaining("[jgrad.RuleMissing] @CustomJvp on softplus names the rule"
        + " Helpers.softplusJvp, but a rule is a method of the function's own class, named without a class;"
        + " hint: add static Dual softplusJvp(double x, double xDot) to Rules (it may call"
        + " Helpers.softplusJvp) and write jvp = \"softplusJvp\"").inFile(source).onLine(6);
  }

  @Test
  void nearMissesOfEveryRuleAttributeGetADidYouMean() {
    Compilation c = compile(""
        + "  @CustomJvp(jvp = \"log1pexpJVP\")\n"
        + "  static double log1pexp(double x) { return Math.log1p(Math.exp(x)); }\n"
        + "  static Dual log1pexpJvp(double x, double xDot) { return Dual.of(log1pexp(x), xDot / (1 + Math.exp(-x))); }\n"
        + "  @CustomJvp(jvps = {\"xJvp\", \"yJpv\"})\n"
        + "  static double mul(double x, double y) { return x * y; }\n"
        + "  static double xJvp(double xDot, double ans, double x, double y) { return y * xDot; }\n"
        + "  static double yJvp(double yDot, double ans, double x, double y) { return x * yDot; }\n"
        + "  @CustomVjp(fwd = \"sinFwdd\", bwd = \"sin_bwd\")\n"
        + "  static double sin(double x) { return Math.sin(x); }\n"
        + "  static Fwd<Double> sinFwd(double x) { return Fwd.of(Math.sin(x), Math.cos(x)); }\n"
        + "  static double sinBwd(Double res, double g) { return res * g; }\n");
    assertThat(c).hadErrorContaining("has no method log1pexpJVP; did you mean log1pexpJvp? hint: write"
        + " jvp = \"log1pexpJvp\", or add static Dual log1pexpJVP(double x, double xDot)").inFile(source).onLine(6);
    assertThat(c).hadErrorContaining("has no method yJpv; did you mean yJvp? hint: write \"yJvp\" in"
        + " jvps = {...}, or add").inFile(source).onLine(9);
    assertThat(c).hadErrorContaining("has no method sinFwdd; did you mean sinFwd? hint: write fwd = \"sinFwd\"")
        .inFile(source).onLine(13);
    assertThat(c).hadErrorContaining("has no method sin_bwd; did you mean sinBwd? hint: write bwd = \"sinBwd\"")
        .inFile(source).onLine(13);
  }

  @Test
  void aNameFarFromEveryMethodGetsNoGuess() {
    Compilation c = compile(""
        + "  @CustomJvp(jvp = \"derivative\")\n"
        + "  static double f(double x) { return x; }\n"
        + "  static Dual fJvp(double x, double xDot) { return Dual.of(x, xDot); }\n");
    assertThat(c).hadErrorContaining("has no method derivative; hint: add static Dual derivative(double x,"
        + " double xDot)").inFile(source).onLine(6);
  }

  @Test
  void wrongParameterCount() {
    Compilation c = compile(""
        + "  @CustomJvp(jvp = \"fJvp\")\n"
        + "  static double f(double x, double y) { return x * y; }\n"
        + "  static Dual fJvp(double x, double y, double xDot) { return Dual.of(x * y, xDot); }\n");
    assertThat(c).hadErrorContaining("[jgrad.RuleSignature]").inFile(source).onLine(7);
  }

  @Test
  void wrongParameterType() {
    Compilation c = compile(""
        + "  @CustomJvp(jvp = \"fJvp\")\n"
        + "  static double f(double x) { return x; }\n"
        + "  static Dual fJvp(double x, float xDot) { return Dual.of(x, xDot); }\n");
    assertThat(c).hadErrorContaining("[jgrad.RuleSignature] parameter 2").inFile(source).onLine(7);
  }

  @Test
  void wrongReturnType() {
    Compilation c = compile(""
        + "  @CustomJvp(jvp = \"fJvp\")\n"
        + "  static double f(double x) { return x; }\n"
        + "  static double fJvp(double x, double xDot) { return xDot; }\n");
    assertThat(c).hadErrorContaining("[jgrad.RuleReturn]").inFile(source).onLine(7);
  }

  @Test
  void ruleNotStatic() {
    Compilation c = compile(""
        + "  @CustomJvp(jvp = \"fJvp\")\n"
        + "  static double f(double x) { return x; }\n"
        + "  Dual fJvp(double x, double xDot) { return Dual.of(x, xDot); }\n");
    assertThat(c).hadErrorContaining("[jgrad.RuleNotStatic]").inFile(source).onLine(7);
  }

  @Test
  void productOfTangentsIsNotLinear() {
    Compilation c = compile(""
        + "  @CustomJvp(jvp = \"fJvp\")\n"
        + "  static double f(double x) { return x * x; }\n"
        + "  static Dual fJvp(double x, double xDot) {\n"
        + "    double ans = f(x);\n"
        + "    return Dual.of(ans, xDot * xDot);\n"
        + "  }\n");
    assertThat(c).hadErrorContaining("[jgrad.NonLinearTangent]").inFile(source).onLine(9).atColumn(30);
  }

  @Test
  void mathOfTangentIsNotLinear() {
    Compilation c = compile(""
        + "  @CustomJvp(jvp = \"fJvp\")\n"
        + "  static double f(double x) { return Math.sin(x); }\n"
        + "  static Dual fJvp(double x, double xDot) {\n"
        + "    double t = Math.sin(xDot);\n"
        + "    return Dual.of(f(x), t);\n"
        + "  }\n");
    assertThat(c).hadErrorContaining("[jgrad.NonLinearTangent] Math.sin").inFile(source).onLine(8);
  }

  @Test
  void branchOnTangentIsNotLinear() {
    Compilation c = compile(""
        + "  @CustomJvp(jvp = \"fJvp\")\n"
        + "  static double f(double x) { return Math.abs(x); }\n"
        + "  static Dual fJvp(double x, double xDot) {\n"
        + "    if (xDot > 0) { return Dual.of(f(x), xDot); }\n"
        + "    return Dual.of(f(x), -xDot);\n"
        + "  }\n");
    assertThat(c).hadErrorContaining("[jgrad.NonLinearTangent]").inFile(source).onLine(8);
  }

  @Test
  void tangentPassedToCallIsNotLinear() {
    Compilation c = compile(""
        + "  @CustomJvp(jvp = \"fJvp\")\n"
        + "  static double f(double x) { return x; }\n"
        + "  static Dual fJvp(double x, double xDot) {\n"
        + "    return Dual.of(f(x), f(xDot));\n"
        + "  }\n");
    assertThat(c).hadErrorContaining("[jgrad.NonLinearTangent]").inFile(source).onLine(8);
  }

  @Test
  void affineJvpsRuleIsNotLinear() {
    Compilation c = compile(""
        + "  @CustomJvp(jvps = {\"fJvpX\"})\n"
        + "  static double f(double x) { return x; }\n"
        + "  static double fJvpX(double t, double ans, double x) { return t + 1.0; }\n");
    assertThat(c).hadErrorContaining("[jgrad.NonLinearTangent]").inFile(source).onLine(7);
  }

  @Test
  void jvpsCountMustMatchParameters() {
    Compilation c = compile(""
        + "  @CustomJvp(jvps = {\"fJvpX\"})\n"
        + "  static double f(double x, double y) { return x * y; }\n"
        + "  static double fJvpX(double t, double ans, double x, double y) { return y * t; }\n");
    assertThat(c).hadErrorContaining("[jgrad.RuleSignature]").inFile(source).onLine(6);
  }

  @Test
  void linearRuleCompilesCleanly() {
    Compilation c = compile(""
        + "  @CustomJvp(jvp = \"fJvp\")\n"
        + "  static double f(double x) { return x * x; }\n"
        + "  static Dual fJvp(double x, double xDot) {\n"
        + "    double scaled = 2 * x * xDot;\n"
        + "    scaled = scaled / 1.0 - 0.0;\n"
        + "    return Dual.of(f(x), (double) (float) scaled);\n"
        + "  }\n");
    assertThat(c).succeededWithoutWarnings();
  }
}
