package io.jgrad.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * {@code var g = FooDerivatives.fGrad(x)} in the class that declares {@code f}: javac would crash in
 * flow analysis (the class was attributed before FooDerivatives existed); jgrad reports an error at
 * the local instead, and the same code with the type written compiles.
 */
class UninferredVarTest {
  private static Compilation compile(String local) {
    JavaFileObject src = JavaFileObjects.forSourceString("demo.V", ""
        + "package demo;\n"
        + "import io.jgrad.annotations.*;\n"
        + "final class V {\n"
        + "  @Differentiable\n"
        + "  static double sq(double x) { return x * x; }\n"
        + "  static void main(String[] args) {\n"
        + "    " + local + " g = VDerivatives.sqGrad(3.0);\n"
        + "    System.out.println(Math.abs(g));\n"
        + "  }\n"
        + "}\n");
    return Compiler.javac().withProcessors(new JgradProcessor()).compile(src);
  }

  @Test
  void varOfAGeneratedMethodIsAnErrorAtTheLocalNotACrash() {
    Compilation c = compile("var");
    assertThat(c).hadErrorContaining("[jgrad.UninferredVar] javac cannot infer the type of g")
        .inFile(c.sourceFiles().get(0)).onLine(7);
  }

  @Test
  void theSameWithItsTypeWrittenCompiles() {
    assertThat(compile("double")).succeededWithoutWarnings();
  }
}
