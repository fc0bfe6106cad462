package io.jgrad.processor.ir;

import java.util.List;

/**
 * One kernel's lane lowered to flat primitive code, ready to print: calls inlined, every local
 * named once, static fields read into kernel fields. The program's final return is what the value
 * and JVP kernels store; the gradient kernels store {@code gradients}.
 *
 * @param names the lane's names, for the temporaries the printer still takes
 * @param index the name of the lane's index
 * @param program what the lane runs, its declarations still in place (the printer hoists them)
 * @param constants the static fields the kernel reads once into fields of its own
 * @param tangentsIn the locals that hold each differentiated parameter's tangent (JVP kernel), else empty
 * @param seeds the locals that start at one (gradient by forward mode), else empty
 * @param gradients the local that holds each differentiated parameter's gradient, null where it is
 *     zero (gradient kernels), else empty
 */
public record Lane(Names names, String index, List<Linear> program, List<Constant> constants,
    List<Expr.Var> tangentsIn, List<Expr.Var> seeds, List<Expr.Var> gradients) {
  /** A static field ({@code source}: {@code Owner.NAME}) read into the kernel's field {@code name}. */
  public record Constant(String name, Type type, String source) {}
}
