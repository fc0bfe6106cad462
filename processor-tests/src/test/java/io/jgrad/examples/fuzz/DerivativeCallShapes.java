package io.jgrad.examples.fuzz;

import java.util.List;
import java.util.Random;
import java.util.function.Supplier;

/**
 * Writes calls to the generated entry points of other functions of the program inside a body
 * ({@code FDerivatives.f3Grad(a, b).y()}), every read shape jgrad differentiates: {@code .tangent()}
 * and {@code .value()} of {@code fJvp}, {@code fGrad} (and its components), {@code .pullback(g)} of
 * {@code fVjp}, {@code .value()} and the gradient of {@code fValueAndGrad}, on the call or on a
 * local holding its result, and {@code fHessian(a, b)[i][j]} where the target's order allows it. The class is spelled {@link #DERIVATIVES}; {@link FuzzProgram#source}
 * names the real one.
 */
final class DerivativeCallShapes {
  /** How derivative calls spell the generated class, in the program's text. */
  static final String DERIVATIVES = "FDerivatives.";

  /**
   * A function whose entry points may be called: its name, its number of parameters (1 or 2, named
   * x and y), whether it has forward mode ({@code fJvp}; not where it reaches a {@code @CustomVjp}
   * rule) and its order.
   */
  record Target(String name, int params, boolean forward, int order) {}

  /** A local holding an entry point's whole result: its declaration and the reads of it. */
  record Held(String declaration, List<String> reads) {}

  private final Random random;

  DerivativeCallShapes(Random random) {
    this.random = random;
  }

  /**
   * A number read from an entry point of {@code t} called at arguments {@code arg} draws, in a body
   * of order {@code callerOrder}: a Hessian entry where {@code t} has two orders more.
   */
  String read(Target t, Supplier<String> arg, int callerOrder) {
    String args = arguments(t, arg);
    String component = t.params() == 1 ? "" : random.nextBoolean() ? ".x()" : ".y()";
    String call = DERIVATIVES + t.name();
    if (t.params() == 2 && t.order() >= callerOrder + 2 && random.nextInt(4) == 0) {
      return call + "Hessian(" + args + ")[" + random.nextInt(2) + "][" + random.nextInt(2) + "]";
    }
    int shapes = t.forward() ? 6 : 4;
    return switch (random.nextInt(shapes)) {
      case 0 -> call + "Grad(" + args + ")" + component;
      case 1 -> call + "Vjp(" + args + ").pullback(" + arg.get() + ")" + component;
      case 2 -> call + "ValueAndGrad(" + args + ")" + (t.params() == 1 ? ".derivative()" : ".grad()" + component);
      case 3 -> call + (random.nextBoolean() ? "ValueAndGrad(" : "Vjp(") + args + ").value()";
      case 4 -> call + "Jvp(" + args + ", " + direction(t, arg) + ").tangent()";
      default -> call + "Jvp(" + args + ", " + direction(t, arg) + ").value()";
    };
  }

  /**
   * A local {@code local} holding the result of an entry point of {@code t} (two parameters), with
   * the reads the rest of the body may make of it.
   */
  Held hold(Target t, String local, Supplier<String> arg) {
    String args = arguments(t, arg);
    String call = DERIVATIVES + t.name();
    String grad = DERIVATIVES + Character.toUpperCase(t.name().charAt(0)) + t.name().substring(1) + "Grad";
    int shapes = t.forward() ? 4 : 3;
    return switch (random.nextInt(shapes)) {
      case 0 -> new Held(grad + " " + local + " = " + call + "Grad(" + args + ");",
          List.of(local + ".x()", local + ".y()"));
      case 1 -> new Held("io.jgrad.runtime.Vjp<" + grad + "> " + local + " = " + call + "Vjp(" + args + ");",
          List.of(local + ".pullback(" + arg.get() + ").x()", local + ".pullback(" + arg.get() + ").y()",
              local + ".value()"));
      case 2 -> new Held("io.jgrad.runtime.ValueAndGrad<" + grad + "> " + local + " = " + call + "ValueAndGrad("
          + args + ");", List.of(local + ".grad().x()", local + ".grad().y()", local + ".value()"));
      default -> new Held("io.jgrad.runtime.Dual " + local + " = " + call + "Jvp(" + args + ", " + direction(t, arg)
          + ");", List.of(local + ".tangent()", local + ".value()"));
    };
  }

  private static String arguments(Target t, Supplier<String> arg) {
    return t.params() == 1 ? arg.get() : arg.get() + ", " + arg.get();
  }

  /** A direction for {@code fJvp}: constants (a unit vector, or another) or values of the body. */
  private String direction(Target t, Supplier<String> arg) {
    if (random.nextBoolean()) {
      return t.params() == 1 ? "1" : random.nextBoolean() ? "1, 0" : "0, 1";
    }
    return arguments(t, arg);
  }
}
