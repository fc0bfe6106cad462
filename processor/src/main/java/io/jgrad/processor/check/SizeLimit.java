package io.jgrad.processor.check;

import io.jgrad.processor.diag.Codes;
import io.jgrad.processor.diag.Report;
import io.jgrad.processor.ir.Callee;
import io.jgrad.processor.ir.Function;
import io.jgrad.processor.ir.Rewrite;
import javax.lang.model.element.ExecutableElement;

/**
 * Refuses, before anything is generated, a function whose derivatives would exceed the JVM's 64 KB
 * of bytecode per method: javac would spend minutes on them and then report "code too large" in
 * generated code. The estimate counts the IR nodes of the body; the limits leave about a third of
 * headroom over the heaviest bodies measured (fGrad of chains of pow/atan2/exp took 34 bytes per node
 * at order 1, fSecondOrder 62 at order 2). {@code fHessian} makes one call per pair of parameters,
 * so order 2 also bounds the parameter count.
 */
public final class SizeLimit {
  private SizeLimit() {}

  /** The most IR nodes in the body of an order-1 function. */
  public static final int ORDER_1_NODES = 1200;
  /** The most IR nodes in the body of an order-2 function. */
  public static final int ORDER_2_NODES = 600;
  private static final int MAX_CODE = 65535;

  /** Whether {@code f}'s derivatives fit; reports at {@code method} when they do not. */
  public static boolean fits(ExecutableElement method, Function f, int order, Report report) {
    int[] nodes = {0};
    Rewrite.stmts(f.body(), e -> {
      nodes[0]++;
      return e;
    });
    int limit = order == 2 ? ORDER_2_NODES : ORDER_1_NODES;
    String name = method.getSimpleName().toString();
    if (nodes[0] > limit) {
      report.error(Codes.TOO_LARGE, name + " has " + nodes[0] + " operations and values, more than the "
          + limit + " whose order-" + order + " derivatives fit the JVM's 64 KB of bytecode per method;"
          + " hint: split it into several @Differentiable functions that call each other", method);
      return false;
    }
    Callee sig = f.signature();
    int d = sig.differentiatedParams().size();
    boolean scalars = sig.differentiatedParams().stream().allMatch(p -> p.type().isScalar());
    // fHessian: d * d calls of fSecondOrder, each loading the point and two unit directions.
    if (order == 2 && scalars && (long) d * d * (2L * sig.params().size() + 2L * d + 12) > MAX_CODE) {
      int most = d;
      while (most > 1 && (long) most * most * (2L * (sig.params().size() - d + most) + 2L * most + 12) > MAX_CODE) {
        most--;
      }
      report.error(Codes.TOO_LARGE, "the generated " + name + "Hessian makes one call per pair of the " + d
          + " differentiated parameters, more code than the JVM's 64 KB per method allows; at order 2 " + name
          + " may differentiate at most " + most + " scalar parameters; hint: pass them as one double[]", method);
      return false;
    }
    return true;
  }
}
