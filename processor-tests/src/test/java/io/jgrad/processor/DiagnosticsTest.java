package io.jgrad.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static io.jgrad.processor.Diagnosed.assertNoCrash;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each construct outside the differentiable subset is a javac error "[jgrad.Code] message" on the
 * line (and, where javac's position is a keyword, the column) of the offending code; the processor
 * never crashes, keeps generating for clean classes, reports every error of a method, and works for
 * a user who runs plain javac with {@code -processorpath}.
 *
 * <p>Every source is a text block; the expected line is found from a unique marker in it, so the
 * assertion names the exact offending line rather than a hand-counted number.
 */
class DiagnosticsTest {

  // ------------------------------------------------------------------ helpers

  private static Compilation compile(JavaFileObject... sources) {
    return Compiler.javac().withProcessors(new JgradProcessor()).compile(sources);
  }

  private static JavaFileObject source(String qualifiedName, String text) {
    return JavaFileObjects.forSourceString(qualifiedName, text);
  }

  /** The 1-based line of the only occurrence of {@code marker} in {@code text}. */
  private static long lineOf(String text, String marker) {
    return Diagnosed.lineOf(text, marker);
  }

  private static long columnOf(String text, String marker) {
    return Diagnosed.columnOf(text, marker, 0);
  }

  /** Asserts a failed compilation with an error {@code [code]} on the line of {@code marker}. */
  private static void assertErrorAt(String code, String className, String text, String marker) {
    JavaFileObject src = source(className, text);
    Compilation c = compile(src);
    assertThat(c).failed();
    assertThat(c).hadErrorContaining("[" + code + "]").inFile(src).onLine(lineOf(text, marker));
    assertNoCrash(c);
  }

  /** As {@link #assertErrorAt}, also pinning the column to the start of {@code marker}. */
  private static void assertErrorAtColumn(String code, String className, String text, String marker) {
    JavaFileObject src = source(className, text);
    Compilation c = compile(src);
    assertThat(c).failed();
    assertThat(c).hadErrorContaining("[" + code + "]").inFile(src)
        .onLine(lineOf(text, marker)).atColumn(columnOf(text, marker));
    assertNoCrash(c);
  }

  // ------------------------------------------------------------------ the cases, one per construct

  private static final String NOT_STATIC = """
      package t;
      import io.jgrad.annotations.Differentiable;
      class NotStatic {
        @Differentiable
        double square(double x) { return x * x; }
      }
      """;

  private static final String RECURSION = """
      package t;
      import io.jgrad.annotations.Differentiable;
      class Rec {
        @Differentiable
        static double f(double x) {
          double y = x / 2;
          return y < 1 ? y : f(y);
        }
      }
      """;

  private static final String GENERIC = """
      package t;
      import io.jgrad.annotations.Differentiable;
      class Gen {
        @Differentiable
        static <T> double g(double x) { return x * x; }
      }
      """;

  private static final String LAMBDA = """
      package t;
      import io.jgrad.annotations.Differentiable;
      import java.util.function.DoubleUnaryOperator;
      class Lam {
        @Differentiable
        static double f(double x) {
          DoubleUnaryOperator op = v -> v * 2;
          return x * 2;
        }
      }
      """;

  private static final String TRY_CATCH = """
      package t;
      import io.jgrad.annotations.Differentiable;
      class Try {
        @Differentiable
        static double f(double x) {
          double y = x;
          try { y = Math.sin(x); } catch (RuntimeException e) { y = 0; }
          return y;
        }
      }
      """;

  private static final String SWITCH = """
      package t;
      import io.jgrad.annotations.Differentiable;
      class Sw {
        @Differentiable
        static double f(double x, int mode) {
          double y = x;
          switch (mode) {
            case 1: y = x * 2; break;
            default: y = x * 3;
          }
          return y;
        }
      }
      """;

  private static final String SYNCHRONIZED = """
      package t;
      import io.jgrad.annotations.Differentiable;
      class Sync {
        @Differentiable
        static double f(double x) {
          double y = x;
          synchronized (Sync.class) { y = x * x; }
          return y;
        }
      }
      """;

  private static final String FIELD_WRITE = """
      package t;
      import io.jgrad.annotations.Differentiable;
      class Fw {
        static double last;
        @Differentiable
        static double f(double x) {
          last = x;
          return x * x;
        }
      }
      """;

  private static final String ARRAY_WRITE = """
      package t;
      import io.jgrad.annotations.Differentiable;
      class Aw {
        @Differentiable
        static double f(double[] xs) {
          xs[0] = 1.0;
          return xs[1] * xs[1];
        }
      }
      """;

  private static final String SIGNUM = """
      package t;
      import io.jgrad.annotations.Differentiable;
      class Sig {
        @Differentiable
        static double f(double x) {
          double y = x * x;
          return y * Math.signum(x);
        }
      }
      """;

  private static final String RANDOM = """
      package t;
      import io.jgrad.annotations.Differentiable;
      class Rnd {
        @Differentiable
        static double f(double x) {
          double noise = Math.random();
          return x + noise;
        }
      }
      """;

  private static final String NOT_DIFFERENTIABLE = """
      package t;
      import io.jgrad.annotations.Differentiable;
      class Nd {
        static double helper(double v) { return v * 3; }
        @Differentiable
        static double f(double x) {
          double y = x + 1;
          return helper(y) * x;
        }
      }
      """;

  private static final String BREAK = """
      package t;
      import io.jgrad.annotations.Differentiable;
      class Brk {
        @Differentiable
        static double f(double x) {
          double y = x;
          int i = 0;
          while (i < 10) {
            if (y > 100) break;
            y = y * x;
            i++;
          }
          return y;
        }
      }
      """;

  private static final String CONTINUE = """
      package t;
      import io.jgrad.annotations.Differentiable;
      class Cnt {
        @Differentiable
        static double f(double x) {
          double y = x;
          for (int i = 0; i < 10; i++) {
            if (i % 2 == 0) continue;
            y = y * x;
          }
          return y;
        }
      }
      """;

  private static final String RETURN_IN_LOOP = """
      package t;
      import io.jgrad.annotations.Differentiable;
      class Ril {
        @Differentiable
        static double f(double x) {
          double y = x;
          for (int i = 0; i < 3; i++) {
            y = y * x;
            if (y > 10) return y * 2;
          }
          return y;
        }
      }
      """;

  private static final String PRIVATE_HELPER = """
      package t;
      import io.jgrad.annotations.Differentiable;
      class Priv {
        private static double secret(double v) { return v * 2; }
        @Differentiable
        static double f(double x) {
          double y = x * x;
          return secret(y);
        }
      }
      """;

  private static final String PRIVATE_DIFFERENTIABLE = """
      package t;
      import io.jgrad.annotations.Differentiable;
      class PrivD {
        @Differentiable
        private static double hidden(double x) { return x * x; }
      }
      """;

  private static final String OVERLOAD = """
      package t;
      import io.jgrad.annotations.Differentiable;
      class Ov {
        @Differentiable
        static double h(double x) { return x * x; }
        @Differentiable
        static double h(double x, double y) { return x * y; }
      }
      """;

  private static final String BAD_WRT = """
      package t;
      import io.jgrad.annotations.Differentiable;
      class Wrt {
        @Differentiable(wrt = {"x", "z"})
        static double k(double x, double y) { return x * y; }
      }
      """;

  private static final String NOTHING = """
      package t;
      import io.jgrad.annotations.Differentiable;
      import io.jgrad.annotations.NonDiff;
      class Nothing {
        @Differentiable
        static double count(int n, @NonDiff double scale) { return n * scale; }
      }
      """;

  private static final String NEW_OBJECT = """
      package t;
      import io.jgrad.annotations.Differentiable;
      class NewObj {
        @Differentiable
        static double f(double x) {
          Object o = new Object();
          return x * x;
        }
      }
      """;

  private static final String NEW_ARRAY_ARGUMENT = """
      package t;
      import io.jgrad.annotations.Differentiable;
      class NewArr {
        @Differentiable
        static double g(double[] w) {
          return w[0] * w[1];
        }
        @Differentiable
        static double f(double a, double b) {
          double s = 0;
          for (int i = 0; i < 2; i++) {
            s += g(new double[] {a, b});
          }
          return s;
        }
      }
      """;

  private static final String ASSIGN_IN_EXPRESSION = """
      package t;
      import io.jgrad.annotations.Differentiable;
      class AssignExpr {
        @Differentiable
        static double f(double x) {
          double y = 0;
          double z = (y = x * 2) + 1;
          return z;
        }
      }
      """;

  private static final String INSTANCE_CALL = """
      package t;
      import io.jgrad.annotations.Differentiable;
      class Inst {
        @Differentiable
        static double f(double x) {
          double y = Double.valueOf(x).doubleValue();
          return x * y;
        }
      }
      """;

  private static final String NOT_DIFFERENTIATED = """
      package t;
      import io.jgrad.annotations.Differentiable;
      class Ndd {
        @Differentiable(wrt = "a")
        static double scaled(double a, double b) { return a * b; }
        @Differentiable
        static double f(double x) {
          double y = x * x;
          return scaled(2.0, y);
        }
      }
      """;

  @Test
  void instanceMethodIsNotStatic() {
    assertErrorAt("jgrad.NotStatic", "t.NotStatic", NOT_STATIC, "double square(");
  }

  @Test
  void recursion() {
    assertErrorAt("jgrad.Recursion", "t.Rec", RECURSION, "f(y)");
  }

  @Test
  void genericMethod() {
    assertErrorAt("jgrad.Generic", "t.Gen", GENERIC, "static <T> double g(");
  }

  @Test
  void lambda() {
    assertErrorAt("jgrad.Lambda", "t.Lam", LAMBDA, "v -> v * 2");
  }

  @Test
  void tryCatch() {
    assertErrorAtColumn("jgrad.TryCatch", "t.Try", TRY_CATCH, "try {");
  }

  @Test
  void switchStatement() {
    assertErrorAtColumn("jgrad.Switch", "t.Sw", SWITCH, "switch (mode)");
  }

  @Test
  void synchronizedBlock() {
    assertErrorAtColumn("jgrad.Synchronized", "t.Sync", SYNCHRONIZED, "synchronized (");
  }

  @Test
  void fieldWrite() {
    assertErrorAtColumn("jgrad.FieldWrite", "t.Fw", FIELD_WRITE, "last = x");
  }

  @Test
  void arrayWrite() {
    assertErrorAt("jgrad.ArrayWrite", "t.Aw", ARRAY_WRITE, "xs[0] = 1.0");
  }

  @Test
  void mathSignumIsUnsupported() {
    assertErrorAt("jgrad.UnsupportedMath", "t.Sig", SIGNUM, "Math.signum(x)");
  }

  @Test
  void mathRandomIsUnsupported() {
    assertErrorAt("jgrad.UnsupportedMath", "t.Rnd", RANDOM, "Math.random()");
  }

  @Test
  void unknownStaticHelperReturningDouble() {
    assertErrorAt("jgrad.NotDifferentiable", "t.Nd", NOT_DIFFERENTIABLE, "helper(y)");
  }

  @Test
  void breakInLoop() {
    assertErrorAtColumn("jgrad.UnsupportedStatement", "t.Brk", BREAK, "break;");
  }

  @Test
  void continueInLoop() {
    assertErrorAtColumn("jgrad.UnsupportedStatement", "t.Cnt", CONTINUE, "continue;");
  }

  @Test
  void returnInsideLoop() {
    assertErrorAtColumn("jgrad.ReturnInLoop", "t.Ril", RETURN_IN_LOOP, "return y * 2");
  }

  @Test
  void privateHelperCall() {
    assertErrorAt("jgrad.Inaccessible", "t.Priv", PRIVATE_HELPER, "secret(y)");
  }

  @Test
  void privateDifferentiableMethod() {
    assertErrorAt("jgrad.Inaccessible", "t.PrivD", PRIVATE_DIFFERENTIABLE, "double hidden(");
  }

  @Test
  void overloadsAreReportedAtBoth() {
    JavaFileObject src = source("t.Ov", OVERLOAD);
    Compilation c = compile(src);
    assertThat(c).failed();
    assertThat(c).hadErrorContaining("[jgrad.Overload]").inFile(src)
        .onLine(lineOf(OVERLOAD, "h(double x) {"));
    assertThat(c).hadErrorContaining("[jgrad.Overload]").inFile(src)
        .onLine(lineOf(OVERLOAD, "h(double x, double y)"));
    assertNoCrash(c);
  }

  @Test
  void badWrtName() {
    assertErrorAt("jgrad.BadWrt", "t.Wrt", BAD_WRT, "double k(");
    Compilation c = compile(source("t.Wrt", BAD_WRT));
    assertThat(c).hadErrorContaining("wrt names z");
    assertThat(c).hadErrorCount(1);
  }

  @Test
  void nothingToDifferentiate() {
    assertErrorAt("jgrad.NothingToDifferentiate", "t.Nothing", NOTHING, "double count(");
  }

  @Test
  void newObject() {
    assertErrorAtColumn("jgrad.UnsupportedExpression", "t.NewObj", NEW_OBJECT, "new Object()");
  }

  /** An array created as an argument inside a loop: the hint says to put it in a local array first. */
  @Test
  void newArrayAsArgument() {
    assertErrorAtColumn("jgrad.UnsupportedExpression", "t.NewArr", NEW_ARRAY_ARGUMENT, "new double[] {a, b}");
    assertThat(compile(source("t.NewArr", NEW_ARRAY_ARGUMENT))).hadErrorContaining(
        "hint: put it in a local array first");
  }

  @Test
  void assignmentInsideExpression() {
    assertErrorAt("jgrad.UnsupportedExpression", "t.AssignExpr", ASSIGN_IN_EXPRESSION, "(y = x * 2)");
  }

  @Test
  void instanceCall() {
    assertErrorAt("jgrad.InstanceCall", "t.Inst", INSTANCE_CALL, "doubleValue()");
  }

  /** Reported at the offending call, not at the declaration of the caller. */
  @Test
  void differentiatedValueOutsideCalleeWrt() {
    assertErrorAt("jgrad.NotDifferentiated", "t.Ndd", NOT_DIFFERENTIATED, "scaled(2.0, y)");
  }

  // ------------------------------------------------------------------ robustness

  /** Every input above, compiled together and one by one, fails cleanly: no crash, no stack trace. */
  @Test
  void noInputCrashesTheProcessor() {
    List<String[]> all = List.of(
        new String[] {"t.NotStatic", NOT_STATIC}, new String[] {"t.Rec", RECURSION},
        new String[] {"t.Gen", GENERIC}, new String[] {"t.Lam", LAMBDA},
        new String[] {"t.Try", TRY_CATCH}, new String[] {"t.Sw", SWITCH},
        new String[] {"t.Sync", SYNCHRONIZED}, new String[] {"t.Fw", FIELD_WRITE},
        new String[] {"t.Aw", ARRAY_WRITE}, new String[] {"t.Sig", SIGNUM},
        new String[] {"t.Rnd", RANDOM}, new String[] {"t.Nd", NOT_DIFFERENTIABLE},
        new String[] {"t.Brk", BREAK}, new String[] {"t.Cnt", CONTINUE},
        new String[] {"t.Ril", RETURN_IN_LOOP}, new String[] {"t.Priv", PRIVATE_HELPER},
        new String[] {"t.PrivD", PRIVATE_DIFFERENTIABLE}, new String[] {"t.Ov", OVERLOAD},
        new String[] {"t.Wrt", BAD_WRT}, new String[] {"t.Nothing", NOTHING},
        new String[] {"t.NewObj", NEW_OBJECT}, new String[] {"t.AssignExpr", ASSIGN_IN_EXPRESSION},
        new String[] {"t.Inst", INSTANCE_CALL}, new String[] {"t.Ndd", NOT_DIFFERENTIATED},
        new String[] {"t.Multi", MULTI});
    for (String[] s : all) {
      Compilation c = compile(source(s[0], s[1]));
      assertWithMessage("%s must be rejected", s[0]).that(c.status()).isEqualTo(Compilation.Status.FAILURE);
      assertWithMessage("%s must report a jgrad error", s[0])
          .that(c.errors().stream().anyMatch(d -> d.getMessage(Locale.ROOT).contains("[jgrad.")))
          .isTrue();
      assertNoCrash(c);
    }
    Compilation together = compile(all.stream().map(s -> source(s[0], s[1])).toArray(JavaFileObject[]::new));
    assertThat(together).failed();
    assertNoCrash(together);
  }

  private static final String GOOD = """
      package pkg;
      import io.jgrad.annotations.Differentiable;
      class Other {
        @Differentiable
        static double f(double x, double y) { return Math.sin(x) * y; }
      }
      """;

  private static final String BROKEN = """
      package pkg;
      import io.jgrad.annotations.Differentiable;
      class Broken {
        @Differentiable
        static double g(double x) {
          double y = x;
          switch ((int) x) { default: y = x * 2; }
          return y;
        }
      }
      """;

  /**
   * compile-testing hides generated files of a failed compilation ({@code generatedSourceFile}
   * throws "compilation failed, so generated files are unavailable"), so this compilation runs
   * through the system javac with {@code -s}, as a build tool would.
   */
  @Test
  void anErrorInOneClassDoesNotStopAnotherClass(@TempDir Path dir) throws IOException {
    JavacRun run = plainJavac(dir, List.of("pkg.Broken", BROKEN, "pkg.Other", GOOD));
    assertThat(run.ok()).isFalse();
    assertWithMessage("errors: %s", run.diagnostics())
        .that(run.diagnostics().stream().anyMatch(d -> d.getKind() == Diagnostic.Kind.ERROR
            && d.getMessage(Locale.ROOT).startsWith("[jgrad.Switch]")
            && d.getSource().getName().endsWith("Broken.java")
            && d.getLineNumber() == lineOf(BROKEN, "switch (")))
        .isTrue();
    Path other = dir.resolve("gen/pkg/OtherDerivatives.java");
    assertWithMessage("diagnostics: %s", run.diagnostics()).that(Files.exists(other)).isTrue();
    assertThat(Files.readString(other)).contains("fGrad(");
    assertThat(Files.exists(dir.resolve("gen/pkg/BrokenDerivatives.java"))).isFalse();
    assertNoCrash(run.diagnostics());
  }

  @Test
  void anErrorInOneClassDoesNotStopAnotherClassInEitherOrder(@TempDir Path dir) throws IOException {
    JavacRun run = plainJavac(dir, List.of("pkg.Other", GOOD, "pkg.Broken", BROKEN));
    assertThat(run.ok()).isFalse();
    assertWithMessage("diagnostics: %s", run.diagnostics())
        .that(Files.exists(dir.resolve("gen/pkg/OtherDerivatives.java"))).isTrue();
    assertThat(Files.exists(dir.resolve("gen/pkg/BrokenDerivatives.java"))).isFalse();
    assertNoCrash(run.diagnostics());
  }

  /** The same with compile-testing: the clean class's derivatives are generated when it is alone. */
  @Test
  void otherClassAloneGeneratesWithCompileTesting() {
    Compilation c = compile(source("pkg.Other", GOOD));
    assertThat(c).succeeded();
    assertThat(c).generatedSourceFile("pkg.OtherDerivatives").contentsAsUtf8String().contains("fGrad(");
  }

  private static final String MULTI = """
      package t;
      import io.jgrad.annotations.Differentiable;
      class Multi {
        static double field;
        @Differentiable
        static double f(double x, int mode) {
          double y = Math.signum(x);
          field = y;
          switch (mode) { default: y = y * 2; }
          Object o = new Object();
          try { y = y + 1; } finally { y = y - 1; }
          return y;
        }
      }
      """;

  @Test
  void everyErrorOfOneMethodIsReported() {
    JavaFileObject src = source("t.Multi", MULTI);
    Compilation c = compile(src);
    assertThat(c).failed();
    assertThat(c).hadErrorContaining("[jgrad.UnsupportedMath]").inFile(src)
        .onLine(lineOf(MULTI, "Math.signum(x)"));
    assertThat(c).hadErrorContaining("[jgrad.FieldWrite]").inFile(src)
        .onLine(lineOf(MULTI, "field = y"));
    assertThat(c).hadErrorContaining("[jgrad.Switch]").inFile(src)
        .onLine(lineOf(MULTI, "switch (mode)"));
    assertThat(c).hadErrorContaining("[jgrad.UnsupportedExpression]").inFile(src)
        .onLine(lineOf(MULTI, "new Object()"));
    assertThat(c).hadErrorContaining("[jgrad.TryCatch]").inFile(src)
        .onLine(lineOf(MULTI, "try {"));
    long jgradErrors = c.errors().stream()
        .filter(d -> d.getMessage(Locale.ROOT).startsWith("[jgrad.")).count();
    assertThat(jgradErrors).isAtLeast(5);
    assertNoCrash(c);
  }

  // ------------------------------------------------------------------ plain javac, -processorpath

  /** The class-path entry (directory or jar) that holds {@code resource}. */
  private static String classPathEntryWith(String resource) throws IOException {
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      Path p = Path.of(entry);
      if (Files.isDirectory(p) && Files.exists(p.resolve(resource))) {
        return entry;
      }
      if (Files.isRegularFile(p) && entry.endsWith(".jar")) {
        try (JarFile jar = new JarFile(p.toFile())) {
          if (jar.getEntry(resource) != null) {
            return entry;
          }
        }
      }
    }
    throw new AssertionError("no class-path entry holds " + resource);
  }

  private record JavacRun(boolean ok, List<Diagnostic<? extends JavaFileObject>> diagnostics) {}

  private static JavacRun plainJavac(Path dir, String className, String text, String... extraOptions)
      throws IOException {
    return plainJavac(dir, List.of(className, text), extraOptions);
  }

  /** Runs the system javac on {@code namesAndTexts} (name, text, name, text, ...). */
  private static JavacRun plainJavac(Path dir, List<String> namesAndTexts, String... extraOptions)
      throws IOException {
    // The packaged processor is one jar (JavaPoet relocated into it, the annotations with it) and
    // goes on the path alone; its classes directory, in a build that stops before package, does not.
    String processor = classPathEntryWith("io/jgrad/processor/JgradProcessor.class");
    String processorPath = processor.endsWith(".jar") ? processor : String.join(File.pathSeparator,
        processor,
        classPathEntryWith("com/palantir/javapoet/JavaFile.class"),
        classPathEntryWith("io/jgrad/annotations/Differentiable.class"));
    String classPath = String.join(File.pathSeparator,
        classPathEntryWith("io/jgrad/annotations/Differentiable.class"),
        classPathEntryWith("io/jgrad/runtime/Dual.class"));
    List<File> srcFiles = new ArrayList<>();
    for (int i = 0; i < namesAndTexts.size(); i += 2) {
      Path srcFile = dir.resolve("src").resolve(namesAndTexts.get(i).replace('.', '/') + ".java");
      Files.createDirectories(srcFile.getParent());
      Files.writeString(srcFile, namesAndTexts.get(i + 1), StandardCharsets.UTF_8);
      srcFiles.add(srcFile.toFile());
    }
    Path gen = Files.createDirectories(dir.resolve("gen"));
    Path classes = Files.createDirectories(dir.resolve("classes"));
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    List<String> options = new ArrayList<>(List.of(
        "-processorpath", processorPath,
        "-classpath", classPath,
        "-s", gen.toString(),
        "-d", classes.toString()));
    options.addAll(List.of(extraOptions));
    try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, Locale.ROOT,
        StandardCharsets.UTF_8)) {
      boolean ok = javac.getTask(null, files, diagnostics, options, null,
          files.getJavaFileObjectsFromFiles(srcFiles)).call();
      return new JavacRun(ok, diagnostics.getDiagnostics());
    }
  }

  private static final String PLAIN = """
      package plain;
      import io.jgrad.annotations.Differentiable;
      public class Foo {
        @Differentiable
        public static double f(double x, double y) { return x * x * y; }
      }
      """;

  @Test
  void plainJavacWithProcessorPathGeneratesDerivatives(@TempDir Path dir) throws IOException {
    JavacRun run = plainJavac(dir, "plain.Foo", PLAIN);
    assertWithMessage("diagnostics: %s", run.diagnostics()).that(run.ok()).isTrue();
    Path generated = dir.resolve("gen/plain/FooDerivatives.java");
    assertThat(Files.exists(generated)).isTrue();
    assertThat(Files.readString(generated)).contains("class FooDerivatives");
    assertThat(Files.exists(dir.resolve("classes/plain/FooDerivatives.class"))).isTrue();
  }

  @Test
  void plainJavacProcOnlyGeneratesDerivatives(@TempDir Path dir) throws IOException {
    JavacRun run = plainJavac(dir, "plain.Foo", PLAIN, "-proc:only");
    assertWithMessage("diagnostics: %s", run.diagnostics()).that(run.ok()).isTrue();
    assertThat(Files.exists(dir.resolve("gen/plain/FooDerivatives.java"))).isTrue();
    assertThat(Files.exists(dir.resolve("classes/plain/Foo.class"))).isFalse();
  }

  @Test
  void plainJavacReportsCodeAndLine(@TempDir Path dir) throws IOException {
    JavacRun run = plainJavac(dir, "t.Sw", SWITCH);
    assertThat(run.ok()).isFalse();
    List<Diagnostic<? extends JavaFileObject>> errors = run.diagnostics().stream()
        .filter(d -> d.getKind() == Diagnostic.Kind.ERROR).collect(Collectors.toList());
    assertWithMessage("errors: %s", errors)
        .that(errors.stream().anyMatch(d -> d.getMessage(Locale.ROOT).startsWith("[jgrad.Switch]")
            && d.getLineNumber() == lineOf(SWITCH, "switch (mode)")
            && d.getSource() != null && d.getSource().getName().endsWith("Sw.java")))
        .isTrue();
    assertNoCrash(run.diagnostics());
    assertThat(Files.exists(dir.resolve("gen/t/SwDerivatives.java"))).isFalse();
  }

  /** The helpers themselves: a marker must be unique, so a test cannot silently check another line. */
  @Test
  void markersAreUnique() {
    assertThat(lineOf("a\nb\nc", "c")).isEqualTo(3);
    assertThat(columnOf("a\n  bc", "bc")).isEqualTo(3);
    try {
      lineOf("x x", "x");
      throw new AssertionError("expected IllegalArgumentException");
    } catch (IllegalArgumentException expected) {
      // fine
    }
  }

  private static final String INLINE_ARRAY_RESULT = """
      package t;
      import io.jgrad.annotations.Differentiable;
      class InlineArrays {
        @Differentiable
        static double[] pair(double x) {
          return new double[] {x * x, 3 * x};
        }

        @Differentiable
        static double f(double x) {
          return Math.sin(pair(x)[0]) + x;
        }
      }
      """;

  /**
   * An array created in a return statement and an array-result call read in place are refused where
   * they are written, each with the rewrite that works (a filled local array; a local holding it).
   */
  @Test
  void arrayResultsAreReadAndReturnedThroughLocals() {
    JavaFileObject src = source("t.InlineArrays", INLINE_ARRAY_RESULT);
    Compilation c = compile(src);
    assertThat(c).failed();
    assertThat(c).hadErrorContaining("[jgrad.UnsupportedReturn] an array result must be one local array")
        .inFile(src).onLine(lineOf(INLINE_ARRAY_RESULT, "return new double[]"));
    assertThat(c).hadErrorContaining("hint: fill a local array and return it");
    assertThat(c).hadErrorContaining("[jgrad.UnsupportedType] pair does not return double or float")
        .inFile(src).onLine(lineOf(INLINE_ARRAY_RESULT, "pair(x)[0]"));
    assertThat(c).hadErrorContaining("hint: double[] y = pair(...);");
    assertNoCrash(c);
  }
}
