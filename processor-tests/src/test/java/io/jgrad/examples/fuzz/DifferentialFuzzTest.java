package io.jgrad.examples.fuzz;

import static com.google.common.truth.Truth.assertWithMessage;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Differential fuzzing: random programs are compiled with the processor and their reverse mode,
 * forward mode and central finite differences must agree, for the functions of order 2 and 3
 * {@code fHessian} must agree with finite differences of {@code fGrad}, and for those of order 3
 * {@code fDerivative} with finite differences of {@code fHessian}. Functions that reach a
 * {@code @CustomVjp} rule (reverse mode only, and reverse over reverse at order 2) are checked
 * against the forward mode and {@code fHessian} of their plain twins, and their gradient kernels,
 * the reverse mode written as code, against {@code fGrad} ({@link FuzzCheck}). Programs copy and
 * fill local arrays ({@code System.arraycopy}, {@code Arrays.fill}, {@code clone()},
 * {@code Arrays.copyOf}), pass them to a call that only reads them, and read a field that is not
 * final, which the check changes between {@code fVjp} and its pullback.
 * Functions of order 1 and 2 call other functions' entry points ({@code FDerivatives.f3Grad(x, y).y()},
 * {@code fJvp(...).tangent()}, {@code fVjp(...).pullback(g)}, {@code fHessian(a, b)[i][j]}, those of
 * functions of a {@code double[]} or a record, ...) and functions with array or record results, so
 * the same checks cover derivatives of derivative calls, nested ones and containers included
 * ({@link RandomPrograms}); functions of arrays and records are checked themselves by
 * {@link ContainerFunctionCheck}.
 * {@code -Djgrad.fuzz.seeds=N} runs more (default 10 seeds of 30 programs),
 * {@code -Djgrad.fuzz.firstSeed=S} starts elsewhere.
 * A failure is shrunk to a small program that fails the same check, printed with its seed, and
 * saved under {@code target/fuzz-failures/} as a class ready to become a regression test.
 */
class DifferentialFuzzTest {
  static final int PROGRAMS_PER_SEED = 30;
  private static final int POINTS = 3;

  @Test
  void reverseForwardAndFiniteDifferencesAgree() throws Exception {
    long first = Long.getLong("jgrad.fuzz.firstSeed", 1);
    int seeds = Integer.getInteger("jgrad.fuzz.seeds", 10);
    for (long seed = first; seed < first + seeds; seed++) {
      Optional<String> failure = run(seed, PROGRAMS_PER_SEED, Path.of("target", "fuzz-failures"), FuzzCheck::check);
      failure.ifPresent(System.err::println);
      assertWithMessage("%s", failure.orElse("")).that(failure.isPresent()).isFalse();
    }
  }

  /**
   * Each call that only reads an array ({@code look}) turned into one that writes it
   * ({@code scale}): jgrad could not see that write, so every such call is [jgrad.ArrayWrite] on its
   * line, and nothing else is reported, in generated code or elsewhere.
   */
  @Test
  void callsThatWriteAnArrayAreRefusedWhereTheyStand() {
    for (long seed = 1; seed <= 3; seed++) {
      FuzzProgram program = new RandomPrograms(seed).program(PROGRAMS_PER_SEED);
      String source = program.source(FuzzCheck.PKG, FuzzCheck.CLASS).replaceAll("(?m)^(\\s*)look\\((\\w+)\\);",
          "$1scale($2, 2.0);");
      java.util.Set<Long> expected = new java.util.TreeSet<>();
      String[] lines = source.split("\n", -1);
      for (int i = 0; i < lines.length; i++) {
        if (lines[i].trim().startsWith("scale(")) {
          expected.add(i + 1L);
        }
      }
      assertWithMessage("seed %s has calls to rewrite", seed).that(expected).isNotEmpty();
      var c = com.google.testing.compile.Compiler.javac().withProcessors(new io.jgrad.processor.JgradProcessor())
          .compile(com.google.testing.compile.JavaFileObjects.forSourceString(FuzzCheck.PKG + "." + FuzzCheck.CLASS,
              source));
      java.util.Set<Long> reported = new java.util.TreeSet<>();
      for (var d : c.errors()) {
        String m = d.getMessage(java.util.Locale.ROOT);
        assertWithMessage("seed %s: %s", seed, m).that(m).startsWith("[jgrad.ArrayWrite]");
        assertWithMessage("seed %s: %s", seed, m).that(d.getSource().getName()).doesNotContain("Derivatives");
        reported.add(d.getLineNumber());
      }
      assertWithMessage("seed %s", seed).that(reported).isEqualTo(expected);
    }
  }

  /** The check applied to each function at each point; a test injects a faulty one. */
  @FunctionalInterface
  interface Checker {
    Optional<FuzzCheck.Failure> check(FuzzCheck.Compiled c, String f, int order, double x, double y) throws Exception;
  }

  /**
   * Fuzzes one seed of {@code programs} functions; on a failure, shrinks it, writes the shrunk
   * program under {@code saveDir} and returns the report (seed, check, point, shrunk source, file).
   */
  static Optional<String> run(long seed, int programs, Path saveDir, Checker checker) throws Exception {
    FuzzProgram program = new RandomPrograms(seed).program(programs);
    StringBuilder errors = new StringBuilder();
    FuzzCheck.Compiled compiled = FuzzCheck.compile(program, errors).orElse(null);
    if (compiled == null) {
      return Optional.of(reportCompileFailure(seed, program, errors.toString(), saveDir));
    }
    Random random = new Random(seed);
    for (FuzzProgram.Function f : program.functions()) {
      for (int k = 0; k < POINTS; k++) {
        double x = random.nextDouble() * 2 - 1;
        double y = random.nextDouble() * 2 - 1;
        Optional<FuzzCheck.Failure> failure = checker.check(compiled, f.name(), f.order(), x, y);
        if (failure.isPresent()) {
          return Optional.of(report(seed, program, failure.get(), saveDir, checker));
        }
      }
    }
    return Optional.empty();
  }

  /**
   * A program the processor accepted but whose generated code javac rejects: the first function that
   * fails alone (with its callees) is shrunk while its generated code keeps failing to compile.
   */
  private static String reportCompileFailure(long seed, FuzzProgram program, String errors, Path saveDir)
      throws Exception {
    Shrinker.StillFails doesNotCompile = FuzzCheck::onlyGeneratedCodeFails;
    for (FuzzProgram.Function f : program.functions()) {
      FuzzProgram alone = program.onlyWithCallees(f.name());
      if (doesNotCompile.test(alone)) {
        FuzzProgram shrunk = new Shrinker(doesNotCompile, 300).shrink(alone, f.name());
        StringBuilder shrunkErrors = new StringBuilder();
        FuzzCheck.compile(shrunk, shrunkErrors);
        return save(seed, program, shrunk, f.name(), "does not compile", shrunkErrors.toString(), saveDir);
      }
    }
    return "fuzz seed " + seed + " does not compile, though each function alone does:\n" + errors + "\n"
        + program.source(FuzzCheck.PKG, FuzzCheck.CLASS);
  }

  private static String report(long seed, FuzzProgram program, FuzzCheck.Failure failure, Path saveDir,
      Checker checker) throws Exception {
    String name = failure.function();
    Shrinker shrinker = new Shrinker(candidate -> {
      FuzzCheck.Compiled c = FuzzCheck.compile(candidate, new StringBuilder()).orElse(null);
      if (c == null) {
        return false;
      }
      Optional<FuzzCheck.Failure> again = checker.check(c, name, candidate.function(name).order(),
          failure.x(), failure.y());
      return again.isPresent() && again.get().kind().equals(failure.kind());
    }, 300);
    FuzzProgram shrunk = shrinker.shrink(program, name);
    return save(seed, program, shrunk, name, failure.kind() + " at (x, y) = (" + failure.x() + ", "
        + failure.y() + ")", failure.detail(), saveDir);
  }

  /** Writes the shrunk program as a class named after its random seed and function; returns the report. */
  private static String save(long seed, FuzzProgram program, FuzzProgram shrunk, String name, String what,
      String detail, Path saveDir) throws Exception {
    String className = "FuzzSeed" + seed + name.toUpperCase();
    String source = "// Shrunk by DifferentialFuzzTest from seed " + seed + ": " + name + " fails: "
        + what + ":\n// " + detail.replace("\n", "\n// ")
        + "\n// To keep it, move it to src/test/java/io/jgrad/examples/regressions/ with a test of that check.\n"
        + shrunk.source("io.jgrad.examples.regressions", className);
    Files.createDirectories(saveDir);
    Path file = saveDir.resolve(className + ".java");
    Files.writeString(file, source, StandardCharsets.UTF_8);
    String text = "fuzz seed " + seed + ": " + name + " fails: " + what + "\nshrunk from "
        + FuzzStmt.count(program.function(name).body()) + " to " + FuzzStmt.count(shrunk.function(name).body())
        + " statements, saved as " + file.toAbsolutePath() + "\n" + source;
    return text;
  }
}
