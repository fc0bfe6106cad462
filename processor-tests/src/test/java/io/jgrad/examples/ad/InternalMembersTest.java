package io.jgrad.examples.ad;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;
import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import io.jgrad.processor.JgradProcessor;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A derivatives class shows its users the API alone: the members only generated code calls (tangent,
 * pullback, rule-primal and flat functions, their derivatives and records) are in its nested class
 * {@code Internal}, and a caller compiled against the library's jar still finds them there.
 */
class InternalMembersTest {
  private static final JavaFileObject LIBRARY = JavaFileObjects.forSourceLines("lib.Parts",
      "package lib;",
      "",
      "import io.jgrad.annotations.CustomJvp;",
      "import io.jgrad.annotations.CustomVjp;",
      "import io.jgrad.annotations.Differentiable;",
      "import io.jgrad.runtime.Dual;",
      "import io.jgrad.runtime.Fwd;",
      "",
      "public final class Parts {",
      "  private Parts() {}",
      "",
      "  public record Point(double x, double y) {}",
      "",
      "  @CustomVjp(fwd = \"sineFwd\", bwd = \"sineBwd\", order = 2)",
      "  public static double sine(double x) {",
      "    return Math.sin(x);",
      "  }",
      "",
      "  public static Fwd<Double> sineFwd(double x) {",
      "    return Fwd.of(Math.sin(x), Math.cos(x));",
      "  }",
      "",
      "  public static double sineBwd(Double cos, double g) {",
      "    return cos * g;",
      "  }",
      "",
      "  @CustomJvp(jvp = \"softplusJvp\", order = 2)",
      "  public static double softplus(double x) {",
      "    return Math.log1p(Math.exp(x));",
      "  }",
      "",
      "  public static Dual softplusJvp(double x, double xDot) {",
      "    return Dual.of(softplus(x), xDot / (1 + Math.exp(-x)));",
      "  }",
      "",
      "  @Differentiable(order = 2)",
      "  public static double wave(double x, double y) {",
      "    return sine(x * y) * y;",
      "  }",
      "",
      "  @Differentiable(order = 2)",
      "  public static double smooth(double x, double y) {",
      "    return softplus(x * y) * y;",
      "  }",
      "",
      "  @Differentiable",
      "  public static double area(Point p, double k) {",
      "    return k * p.x() * p.y();",
      "  }",
      "}");

  private static final JavaFileObject CALLER = JavaFileObjects.forSourceLines("app.Use",
      "package app;",
      "",
      "import io.jgrad.annotations.Differentiable;",
      "import lib.Parts;",
      "",
      "public final class Use {",
      "  private Use() {}",
      "",
      "  @Differentiable(order = 2)",
      "  public static double both(double x, double y) {",
      "    return Parts.wave(x, y) + Parts.smooth(x, y);",
      "  }",
      "",
      "  @Differentiable",
      "  public static double scaled(Parts.Point p) {",
      "    return Parts.area(p, 3);",
      "  }",
      "}");

  /** What a user may call on a derivatives class for a function {@code f}. */
  private static final List<String> API_SUFFIXES = List.of("", "Jvp", "Vjp", "Grad", "ValueAndGrad", "Hessian",
      "HessianByName", "Hvp", "Vhp", "Derivative", "Jacobian", "Batch", "JvpBatch", "GradBatch", "BatchSession",
      "JvpBatchSession", "GradBatchSession");

  @Test
  void derivativesClassesShowTheApiAndKeepTheRestInInternal(@TempDir Path temp) throws Exception {
    Path libDir = temp.resolve("lib-classes");
    Path appDir = temp.resolve("app-classes");
    // -parameters: a record parameter's leaves are named after it, which a class file keeps only so.
    Compilation library = Compiler.javac().withProcessors(new JgradProcessor()).withOptions("-parameters")
        .compile(LIBRARY);
    assertThat(library).succeededWithoutWarnings();
    JarCalleeTest.writeClasses(library, libDir);
    Compilation caller = JarCalleeTest.compileAgainst(libDir, CALLER);
    assertThat(caller).succeededWithoutWarnings();
    JarCalleeTest.writeClasses(caller, appDir);

    try (URLClassLoader loader = new URLClassLoader(
        new URL[] {libDir.toUri().toURL(), appDir.toUri().toURL()}, getClass().getClassLoader())) {
      Class<?> lib = loader.loadClass("lib.PartsDerivatives");
      Class<?> app = loader.loadClass("app.UseDerivatives");
      assertOnlyApi(lib, List.of("sine", "softplus", "wave", "smooth", "area"));
      assertOnlyApi(app, List.of("both", "scaled"));
      Set<String> internal = internalMethods(lib);
      assertThat(internal).containsAtLeast("sinePullback", "sinePullbackVjp", "softplusTangentJvp",
          "softplusRulePrimal", "wavePullbackX", "smoothTangentJvp", "smoothPullbackX", "area_flat", "area_flatVjp");
      for (String name : internal) {
        assertWithMessage("a public member of PartsDerivatives.Internal").that(name)
            .containsMatch("Tangent|Pullback|RulePrimal|_flat");
      }
      assertThat(internalMethods(app)).contains("scaled_flatVjp");

      // The API reaches what moved: the Hessian of a caller through the jar's Internal members.
      Method bothGrad = app.getMethod("bothGrad", double.class, double.class);
      Method bothHessian = app.getMethod("bothHessian", double.class, double.class);
      double h = 1e-5;
      for (double[] p : new double[][] {{0.4, 1.1}, {-0.8, 0.6}}) {
        double x = p[0];
        double y = p[1];
        double[] grad = components(bothGrad.invoke(null, x, y));
        assertThat(grad[0]).isWithin(1e-12).of(gradBoth(x, y)[0]);
        assertThat(grad[1]).isWithin(1e-12).of(gradBoth(x, y)[1]);
        double[][] hessian = (double[][]) bothHessian.invoke(null, x, y);
        for (int i = 0; i < 2; i++) {
          double[] plus = gradBoth(x + (i == 0 ? h : 0), y + (i == 1 ? h : 0));
          double[] minus = gradBoth(x - (i == 0 ? h : 0), y - (i == 1 ? h : 0));
          for (int j = 0; j < 2; j++) {
            assertThat(hessian[j][i]).isWithin(1e-6).of((plus[j] - minus[j]) / (2 * h));
          }
        }
      }
      Class<?> point = loader.loadClass("lib.Parts$Point");
      Object p = point.getConstructor(double.class, double.class).newInstance(1.5, -2.0);
      Object g = app.getMethod("scaledGrad", point).invoke(null, p);
      assertThat((double) point.getMethod("x").invoke(g)).isWithin(1e-12).of(3 * -2.0);
      assertThat((double) point.getMethod("y").invoke(g)).isWithin(1e-12).of(3 * 1.5);
    }
  }

  /**
   * The gradient of {@code sin(xy)·y + softplus(xy)·y}, by hand: with {@code s = σ(xy)},
   * {@code ∂x = y²·(cos(xy) + s)}, {@code ∂y = sin(xy) + xy·cos(xy) + softplus(xy) + xy·s}.
   */
  private static double[] gradBoth(double x, double y) {
    double u = x * y;
    double s = 1 / (1 + Math.exp(-u));
    return new double[] {y * y * (Math.cos(u) + s), Math.sin(u) + u * Math.cos(u) + Math.log1p(Math.exp(u)) + u * s};
  }

  private static double[] components(Object grad) throws Exception {
    return new double[] {(double) grad.getClass().getMethod("x").invoke(grad),
        (double) grad.getClass().getMethod("y").invoke(grad)};
  }

  /**
   * Every public member of {@code derivatives} outside {@code Internal} is an API name of one of
   * {@code functions} (a method, or its record {@code FGrad}, {@code FHessian} or {@code FJacobian}), and {@code Internal} is a public
   * static class that cannot be instantiated.
   */
  private static void assertOnlyApi(Class<?> derivatives, List<String> functions) throws Exception {
    Set<String> methods = new TreeSet<>();
    Set<String> types = new TreeSet<>();
    for (String f : functions) {
      API_SUFFIXES.forEach(suffix -> methods.add(f + suffix));
      // FGrad, and the records of fHessianByName and fJacobian
      for (String record : List.of("Grad", "Hessian", "Jacobian")) {
        types.add(Character.toUpperCase(f.charAt(0)) + f.substring(1) + record);
      }
    }
    types.add("Internal");
    List<String> shown = new ArrayList<>();
    for (Method m : derivatives.getDeclaredMethods()) {
      if (Modifier.isPublic(m.getModifiers())) {
        shown.add(m.getName());
        assertWithMessage("public method of %s", derivatives.getName()).that(m.getName()).isIn(methods);
      }
    }
    for (Class<?> nested : derivatives.getDeclaredClasses()) {
      if (Modifier.isPublic(nested.getModifiers())) {
        assertWithMessage("public class in %s", derivatives.getName()).that(nested.getSimpleName()).isIn(types);
      }
    }
    assertThat(java.util.Arrays.stream(derivatives.getDeclaredFields())
        .filter(f -> Modifier.isPublic(f.getModifiers())).toList()).isEmpty();
    for (String f : functions) {
      assertWithMessage("the API of %s", f).that(shown).contains(f + "Grad");
    }
    Class<?> internal = Class.forName(derivatives.getName() + "$Internal", false, derivatives.getClassLoader());
    int modifiers = internal.getModifiers();
    assertThat(Modifier.isPublic(modifiers) && Modifier.isStatic(modifiers) && Modifier.isFinal(modifiers)).isTrue();
    Constructor<?>[] constructors = internal.getDeclaredConstructors();
    assertThat(constructors).hasLength(1);
    assertThat(Modifier.isPrivate(constructors[0].getModifiers())).isTrue();
  }

  private static Set<String> internalMethods(Class<?> derivatives) throws ClassNotFoundException {
    Class<?> internal = Class.forName(derivatives.getName() + "$Internal", false, derivatives.getClassLoader());
    Set<String> out = new TreeSet<>();
    for (Method m : internal.getDeclaredMethods()) {
      if (Modifier.isPublic(m.getModifiers())) {
        out.add(m.getName());
      }
    }
    return out;
  }
}
