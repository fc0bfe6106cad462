package io.jgrad.processor.check;

import io.jgrad.processor.ir.Callee;
import io.jgrad.processor.ir.Type;
import java.util.List;
import java.util.Optional;

/**
 * Checks the names of {@code @Batched(perLane = ...)}: each a non-differentiated parameter of the
 * function, a primitive or an array of them (one row per lane), named once.
 */
public final class PerLaneParams {
  private PerLaneParams() {}

  /** What is wrong with naming {@code name} in the perLane of {@code sig}, given the names before it; empty if nothing. */
  public static Optional<String> problem(Callee sig, String name, List<String> before) {
    Optional<Callee.Param> param = sig.params().stream().filter(p -> p.name().equals(name)).findFirst();
    if (param.isEmpty()) {
      return Optional.of("perLane names " + name + ", which is not a parameter of " + sig.name()
          + "; hint: name one of " + String.join(", ", sig.paramNames()));
    }
    Callee.Param p = param.get();
    if (p.differentiated()) {
      return Optional.of(differentiated(name));
    }
    if (!(p.type().isScalar() || p.type() == Type.INT || p.type() == Type.LONG || p.type() == Type.BOOLEAN
        || p.type().isArray())) {
      return Optional.of("parameter " + name + " cannot be given per lane: only primitive parameters and"
          + " double[], float[] and int[] arrays can; hint: remove it from perLane");
    }
    if (before.contains(name)) {
      return Optional.of("perLane names " + name + " twice; hint: name it once");
    }
    return Optional.empty();
  }

  /** The problem with naming {@code name}, a differentiated parameter, in perLane. */
  public static String differentiated(String name) {
    return "parameter " + name + " is differentiated, so its kernels already take one " + name + " per lane;"
        + " hint: name in perLane only parameters that would be shared: int, long, boolean, records, @NonDiff"
        + " or outside wrt";
  }
}
