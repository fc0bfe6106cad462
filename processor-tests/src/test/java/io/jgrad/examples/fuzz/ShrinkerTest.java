package io.jgrad.examples.fuzz;

import static com.google.common.truth.Truth.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import io.jgrad.processor.JgradProcessor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shrinker keeps the failure and drops everything else, and the fuzzer's failure path prints,
 * shrinks and saves: shown with a property of the program text (fast, no javac) and with a fault
 * injected into the check (end to end).
 */
class ShrinkerTest {
  private static boolean mentionsTanh(FuzzProgram p) {
    return p.function("f9").render(false).contains("Math.tanh");
  }

  @Test
  void shrinksToAOneMinimalBodyThatStillFails() throws Exception {
    FuzzProgram program = new RandomPrograms(7).program(10);
    // Pick a seed-7 program whose f9 body mentions tanh somewhere, as a stand-in for a failure.
    FuzzProgram.Function f9 = program.function("f9");
    FuzzProgram original = program.withBody("f9", List.of(new FuzzStmt.Line("double pre = x * y;"),
        new FuzzStmt.If("x > y", List.of(new FuzzStmt.Line("x = Math.tanh(y);")), f9.body()),
        new FuzzStmt.For("k", 3, List.of(new FuzzStmt.Line("y += x;")))));
    FuzzProgram forced = new FuzzProgram(original.functions().stream()
        .map(f -> f.name().equals("f9") ? new FuzzProgram.Function("f9", f.order(), f.body(), "x * 0.5 + x") : f)
        .toList());
    assertThat(mentionsTanh(forced)).isTrue();

    FuzzProgram shrunk = new Shrinker(ShrinkerTest::mentionsTanh, 10_000).shrink(forced, "f9");
    assertThat(mentionsTanh(shrunk)).isTrue();
    List<FuzzStmt> body = shrunk.function("f9").body();
    assertThat(FuzzStmt.count(body)).isLessThan(FuzzStmt.count(forced.function("f9").body()));
    // 1-minimal: no single step smaller still fails.
    for (List<FuzzStmt> smaller : Shrinker.smaller(body)) {
      assertThat(mentionsTanh(shrunk.withBody("f9", smaller))).isFalse();
    }
    // f9 calls nothing here, so the other functions are gone.
    assertThat(shrunk.functions()).hasSize(1 + shrunk.function("f9").callees().size());
  }

  /**
   * A fault injected into the check (f1 "fails" wherever it is checked): the fuzzer reports the random seed,
   * shrinks f1 to an empty body, and saves a class that compiles with the processor.
   */
  @Test
  void aFailingCheckIsShrunkPrintedAndSaved(@TempDir Path dir) throws Exception {
    DifferentialFuzzTest.Checker faulty = (c, f, order, x, y) -> f.equals("f1")
        ? Optional.of(new FuzzCheck.Failure(f, x, y, "injected fault", "f1 always fails"))
        : FuzzCheck.check(c, f, order, x, y);
    Optional<String> report = DifferentialFuzzTest.run(3, 4, dir, faulty);
    assertThat(report).isPresent();
    assertThat(report.get()).contains("fuzz seed 3: f1 fails: injected fault at (x, y)");

    Path saved = dir.resolve("FuzzSeed3F1.java");
    assertThat(Files.exists(saved)).isTrue();
    String source = Files.readString(saved);
    assertThat(source).contains("from seed 3");
    assertThat(source).containsMatch("static double f1\\(double x, double y\\) \\{\n");
    // Shrunk: fewer statements than f1 had; only the statements the return still reads survive.
    String f1 = source.substring(source.indexOf("static double f1("));
    long kept = f1.substring(0, f1.indexOf("return ")).lines().filter(l -> l.trim().endsWith(";")).count();
    assertThat(kept).isLessThan((long) FuzzStmt.count(new RandomPrograms(3).program(4).function("f1").body()));
    Compilation c = Compiler.javac().withProcessors(new JgradProcessor())
        .compile(JavaFileObjects.forSourceString("io.jgrad.examples.regressions.FuzzSeed3F1", source));
    assertThat(c.status()).isEqualTo(Compilation.Status.SUCCESS);
  }

  /**
   * A body that calls another function's entry points through a local holding the result: the
   * shrinker keeps that function (a callee, though never called as itself) and the local's
   * declaration (without it the program does not compile), and drops the rest.
   */
  @Test
  void keepsTheDerivativeCallsAFailureNeeds() throws Exception {
    FuzzProgram program = new FuzzProgram(List.of(
        new FuzzProgram.Function("f0", 2, List.of(), "x * y * 0.5 + x"),
        new FuzzProgram.Function("f1", 2, List.of(), "Math.sin(x) * y * 0.5 + x"),
        new FuzzProgram.Function("f2", 1, List.of(
            new FuzzStmt.Line("FDerivatives.F1Grad d7 = FDerivatives.f1Grad(x, y);"),
            new FuzzStmt.Line("double v8 = Math.tanh(FDerivatives.f0Jvp(x, y, 1, 0).tangent());"),
            new FuzzStmt.Line("double v9 = Math.tanh(d7.y());")), "v9 * 0.5 + x")));
    assertThat(program.function("f2").callees()).containsExactly("f1", "f0");
    Shrinker.StillFails readsTheLocal = p -> p.function("f2").render(false).contains("d7.y()")
        && FuzzCheck.compile(p, new StringBuilder()).isPresent();
    FuzzProgram shrunk = new Shrinker(readsTheLocal, 50).shrink(program, "f2");
    assertThat(shrunk.functions().stream().map(FuzzProgram.Function::name).toList()).containsExactly("f1", "f2");
    assertThat(shrunk.function("f2").body()).containsExactly(
        new FuzzStmt.Line("FDerivatives.F1Grad d7 = FDerivatives.f1Grad(x, y);"),
        new FuzzStmt.Line("double v9 = Math.tanh(d7.y());"));
    // Saved under another class name, the calls and the record name its generated class.
    assertThat(shrunk.source("p", "G")).contains("    GDerivatives.F1Grad d7 = GDerivatives.f1Grad(x, y);\n");
  }
}
