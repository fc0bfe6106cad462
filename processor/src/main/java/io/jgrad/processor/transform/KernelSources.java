package io.jgrad.processor.transform;

import io.jgrad.processor.ir.Callee;
import io.jgrad.processor.ir.Function;
import io.jgrad.processor.ir.Names;
import io.jgrad.processor.ir.Stmt;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Predicate;

/**
 * Where kernels find code: {@code functions} gives a callee's IR (its rule, for a custom rule),
 * {@code primals} a callee's plain body (the primal of a {@code @CustomJvp} function too), and
 * {@code ruleMethods} the plain body of a {@code jvps} rule by owner and method name, and
 * {@code staticValues} the value of a compile-time constant {@code static final} field by owner and
 * name (a local array's size), and {@code derivativeBodies} the body of a tangent function or rule
 * primal a derivative call reads as ({@link DerivativeCallBodies}); each null when unavailable.
 */
public record KernelSources(java.util.function.Function<Callee, Function> functions,
    java.util.function.Function<Callee, Function> primals, BiFunction<String, String, Function> ruleMethods,
    BiFunction<String, String, Object> staticValues,
    java.util.function.Function<Callee, Function> derivativeBodies) {

  /**
   * {@code body} (normalized, its locals known to {@code names}) with every call inlined from
   * {@link #primals}, or {@link #derivativeBodies} for a derivative call's, but those {@code keep}
   * accepts; {@code path} the functions it is inlined into.
   */
  List<Stmt> inline(List<String> path, List<Stmt> body, Names names, Predicate<Callee> keep) {
    java.util.function.Function<Callee, Function> bodies = c -> {
      Function f = primals.apply(c);
      return f != null ? f : derivativeBodies.apply(c);
    };
    return new CallInliner(new KernelInlining(bodies, keep), path).stmts(body, names);
  }
}
