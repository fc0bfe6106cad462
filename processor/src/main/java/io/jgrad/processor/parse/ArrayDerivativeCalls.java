package io.jgrad.processor.parse;

import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.util.TreePath;
import io.jgrad.processor.diag.Codes;
import io.jgrad.processor.ir.Callee;
import io.jgrad.processor.ir.DiffSpec;
import io.jgrad.processor.ir.Expr;
import io.jgrad.processor.ir.Type;
import java.util.List;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;

/**
 * The gradient read from a derivative call of a function of a {@code double[]}: {@code double[] g =
 * fGrad(w)} (or {@code fValueAndGrad(w).grad()}) is a call to {@code fGradient}, a function with an
 * array result that callers of order 1 are differentiated through; the shapes not built yet are
 * reported at the call.
 */
final class ArrayDerivativeCalls {
  private final ReadContext cx;

  ArrayDerivativeCalls(ReadContext cx) {
    this.cx = cx;
  }

  /**
   * The gradient of {@code c}, read by {@code whole}, as the IR of a call; {@code pullback} when it
   * is {@code fVjp(...).pullback(g)}, {@code arrayLocal} when it initializes a local array.
   * {@code shown} names the call or the local holding it, for messages.
   */
  Expr gradient(Callee c, List<Expr> primals, boolean pullback, boolean arrayLocal, MethodInvocationTree whole,
      String shown) {
    String f = c.name();
    if (!c.hasGradientFunction()) {
      return cx.failed(Codes.DERIVATIVE_CALL, "jgrad differentiates the gradient of a function of arrays where"
          + " its one differentiated parameter is a double[]; " + f + " has " + c.differentiatedParams().size()
          + "; hint: read a directional derivative, " + f + "Jvp(...).tangent(), or mark the other parameters"
          + " @NonDiff", whole);
    }
    if (pullback) {
      return cx.failed(Codes.DERIVATIVE_CALL, shown + ".pullback(g) of a function of an array is not"
          + " differentiated yet; hint: read the gradient, double[] g = " + f + "Grad(...), and multiply its"
          + " elements by the cotangent", whole);
    }
    int callerOrder = DiffSpec.of(cx.method).map(DiffSpec::order).orElse(1);
    if (callerOrder > 1) {
      return cx.failed(Codes.UNSUPPORTED_ORDER, "the gradient of " + f + " is an array, whose derivatives"
          + " a caller has at order 1 only, and " + cx.method.getSimpleName() + " has order " + callerOrder
          + "; hint: give " + cx.method.getSimpleName() + " order = 1, or read a directional derivative, "
          + f + "Jvp(...).tangent()", whole);
    }
    if (!arrayLocal) {
      return cx.failed(Codes.DERIVATIVE_CALL, "the gradient of " + f + " is an array: jgrad differentiates it"
          + " read into a local array at the top level of the body; hint: double[] g = " + f + "Grad(...);"
          + " then read g[i]", whole);
    }
    return new Expr.Call(c.gradientFunction(), primals, Type.DOUBLE_ARRAY);
  }

  /** Whether {@code arg} names a parameter of the method being read, whose array the body cannot write. */
  static boolean isParameter(ExpressionTree arg, TreePath parent, ReadContext cx) {
    if (!(ReadContext.unwrap(arg) instanceof IdentifierTree id)) {
      return false;
    }
    Element e = cx.trees.getElement(new TreePath(parent, id));
    return e != null && e.getKind() == ElementKind.PARAMETER && cx.method.equals(e.getEnclosingElement());
  }
}
