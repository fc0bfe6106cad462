package io.jgrad.processor.ir;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One kernel's lane lowered to flat primitive code, ready to print: calls inlined, every local
 * named once, static fields read into kernel fields. The program's final return is what the value
 * and JVP kernels store; the gradient kernels store {@code gradients}, or by {@code passes}.
 *
 * @param names the lane's names, for the temporaries the printer still takes
 * @param index the name of the lane's index
 * @param program what the lane runs, its declarations still in place (the printer hoists them)
 * @param constants the static fields the kernel reads once into fields of its own
 * @param tangentsIn the locals that hold each differentiated parameter's tangent (JVP kernel), else
 *     empty; an array's is the kernel's flat array of tangent rows, read as its {@link Row}
 * @param seeds the locals that start at one (gradient by forward mode), else empty
 * @param gradients the local that holds each differentiated parameter's gradient, null where it is
 *     zero (gradient kernels), else empty
 * @param rows the arrays given per lane (parameters, and in the JVP kernel their tangents), each
 *     read at the lane's row
 * @param passes a gradient kernel with an array per lane: how each differentiated parameter's
 *     gradient is stored from the program's return, one tangent seeded per pass; else empty
 */
public record Lane(Names names, String index, List<Linear> program, List<Constant> constants,
    List<Expr.Var> tangentsIn, List<Expr.Var> seeds, List<Expr.Var> gradients, List<Row> rows,
    List<Pass> passes) {
  /** A lane without arrays per lane. */
  public Lane(Names names, String index, List<Linear> program, List<Constant> constants,
      List<Expr.Var> tangentsIn, List<Expr.Var> seeds, List<Expr.Var> gradients) {
    this(names, index, program, constants, tangentsIn, seeds, gradients, List.of(), List.of());
  }

  /** A static field ({@code source}: {@code Owner.NAME}) read into the kernel's field {@code name}. */
  public record Constant(String name, Type type, String source) {}

  /**
   * An array given per lane, flat: lane l's row is {@code array[l·length ..]}; the program reads
   * element i at {@code start + i}, where {@code start} is the lane's local {@code lane * length}
   * and {@code length} the entry points' parameter after the array.
   */
  public record Row(String array, Expr.Var start, Expr.Var length) {}

  /**
   * Where a differentiated parameter's gradient is stored in a pass: when {@code when} holds (its
   * tangent, or one element of its row, was seeded; null for always: the only parameter), at index
   * {@code at} of its gradient array.
   */
  public record Pass(Expr when, Expr at) {}

  /**
   * The local arrays {@code program} makes (its own and their tangents), each as its {@code new}
   * expression of a constant size, by name: what the kernel keeps in private memory.
   */
  public static Map<String, Expr.NewArray> privateArrays(List<Linear> program) {
    Map<String, Expr.NewArray> arrays = new LinkedHashMap<>();
    collectArrays(program, arrays);
    return arrays;
  }

  private static void collectArrays(List<Linear> program, Map<String, Expr.NewArray> arrays) {
    for (Linear l : program) {
      if (l instanceof Linear.Primal p && p.stmt() instanceof Stmt.Assign a && a.value() instanceof Expr.NewArray n) {
        arrays.putIfAbsent(a.target().name(), n);
      } else if (l instanceof Linear.TangentArray t) {
        arrays.putIfAbsent(t.target().name(), new Expr.NewArray(t.target().type(), t.length()));
      }
      Rewrite.bodies(l).forEach(body -> collectArrays(body, arrays));
    }
  }

  /** The row of {@code array}, or null where it is not given per lane as rows. */
  public Row row(String array) {
    return rows.stream().filter(r -> r.array().equals(array)).findFirst().orElse(null);
  }
}
