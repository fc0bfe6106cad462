package io.jgrad.examples.fuzz;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;

/**
 * Writes calls to the generated entry points of the program's functions of an array
 * ({@code f4(double[] w)}) or of a record ({@code f7(P p)}) inside a body: {@code fJvp(w, v)} read
 * on the call, the gradient array held in a local and read element by element
 * ({@code double[] g = fGrad(w)}, {@code fValueAndGrad(w).grad()}, {@code fVjp(w).pullback(s)}), and
 * every read of a record's gradient ({@code fGrad(p).a()}, {@code fVjp(p).pullback(s).b()}, ...).
 * Records are built at the call from values of the body; arrays in local arrays filled before it
 * (an array creation is no argument jgrad differentiates).
 */
final class ContainerCallShapes {
  /** A function of an array or record whose entry points may be called, with its order. */
  record Target(String name, FuzzShape shape, int order) {}

  private final Random random;

  ContainerCallShapes(Random random) {
    this.random = random;
  }

  /**
   * A number read from an entry point of the record function {@code t} at arguments {@code arg}
   * draws (in a body of order 1: a caller of order k reads those of order k + 1 alike).
   */
  String readRecord(Target t, Supplier<String> arg) {
    String call = DerivativeCallShapes.DERIVATIVES + t.name();
    String p = record(arg);
    String component = random.nextBoolean() ? ".a()" : ".b()";
    return switch (random.nextInt(5)) {
      case 0 -> call + "Grad(" + p + ")" + component;
      case 1 -> call + "Vjp(" + p + ").pullback(" + arg.get() + ")" + component;
      case 2 -> call + "ValueAndGrad(" + p + ").grad()" + component;
      case 3 -> call + "Jvp(" + p + ", " + (random.nextBoolean() ? "new P(1, 0)" : record(arg)) + ").tangent()";
      default -> call + "Jvp(" + p + ", " + record(arg) + ").value()";
    };
  }

  /**
   * The local arrays {@code w} (the point) and {@code u} (a direction) filled from values of the
   * body, then a call of the array function {@code t} on them: in a body of order 1 the gradient
   * held in a local array {@code local} ({@code fGrad}, {@code fValueAndGrad(...).grad()} or
   * {@code fVjp(...).pullback(s)}), its elements the reads; at any order {@code fJvp(w, u)}, read on
   * the call. The reads go to {@code reads}.
   */
  List<FuzzStmt> callArray(Target t, String w, String u, String local, Supplier<String> arg, int callerOrder,
      List<String> reads) {
    List<FuzzStmt> out = new ArrayList<>(fill(w, arg));
    String call = DerivativeCallShapes.DERIVATIVES + t.name();
    if (callerOrder == 1 && random.nextBoolean()) {
      String value = switch (random.nextInt(3)) {
        case 0 -> call + "Grad(" + w + ")";
        case 1 -> call + "ValueAndGrad(" + w + ").grad()";
        default -> call + "Vjp(" + w + ").pullback(" + arg.get() + ")";
      };
      out.add(new FuzzStmt.Line("double[] " + local + " = " + value + ";"));
      for (int j = 0; j < 3; j++) {
        reads.add(local + "[" + j + "]");
      }
      return out;
    }
    if (random.nextBoolean()) {
      out.addAll(fill(u, arg));
    } else {
      int axis = random.nextInt(3);
      out.add(new FuzzStmt.Line("double[] " + u + " = new double[3];"));
      out.add(new FuzzStmt.Line(u + "[" + axis + "] = 1;"));
    }
    String jvp = call + "Jvp(" + w + ", " + u + ")";
    reads.add(callerOrder == 1 && random.nextInt(4) == 0 ? jvp + ".value()" : jvp + ".tangent()");
    return out;
  }

  /** {@code double[] w = new double[3]} and its three elements assigned. */
  private static List<FuzzStmt> fill(String w, Supplier<String> arg) {
    List<FuzzStmt> out = new ArrayList<>();
    out.add(new FuzzStmt.Line("double[] " + w + " = new double[3];"));
    for (int j = 0; j < 3; j++) {
      out.add(new FuzzStmt.Line(w + "[" + j + "] = " + arg.get() + ";"));
    }
    return out;
  }

  private String record(Supplier<String> arg) {
    return "new P(" + arg.get() + ", " + arg.get() + ")";
  }
}
