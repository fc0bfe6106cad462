package io.jgrad.processor;

import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.source.util.Trees;
import io.jgrad.annotations.CustomJvp;
import io.jgrad.annotations.CustomVjp;
import io.jgrad.processor.check.LinearCallees;
import io.jgrad.processor.check.LinearityChecker;
import io.jgrad.processor.diag.Report;
import io.jgrad.processor.ir.Activity;
import io.jgrad.processor.ir.Callee;
import io.jgrad.processor.ir.Expr;
import io.jgrad.processor.ir.Exprs;
import io.jgrad.processor.ir.Function;
import io.jgrad.processor.ir.Rewrite;
import io.jgrad.processor.ir.Stmt;
import io.jgrad.processor.parse.BodyParser;
import io.jgrad.processor.parse.CalleeResolver;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;

/**
 * The callees a custom JVP rule may pass its tangents to: {@code @Differentiable} functions of this
 * compilation without rules of their own, with a scalar result, whose body is linear in the
 * parameters that receive the tangents by the same rules as a JVP rule's tangent (sums, differences,
 * products and quotients by values that do not depend on them, calls of such functions) and returns,
 * on every path, a value that depends on them. A function that calls itself, directly or not, is
 * not provably linear here.
 */
final class ProvablyLinearCallees implements LinearCallees {
  private final Trees trees;
  private final CalleeResolver callees;
  /** The functions being decided, so that a cycle of calls answers "not linear". */
  private final Set<ExecutableElement> deciding = new HashSet<>();

  ProvablyLinearCallees(Trees trees, CalleeResolver callees) {
    this.trees = trees;
    this.callees = callees;
  }

  @Override
  public boolean linearIn(Expr.Call call, Tree site, CompilationUnitTree unit, Set<Integer> positions) {
    if (site == null || call.callee().isFunctionObject()) {
      return false;
    }
    Element element = trees.getElement(TreePath.getPath(unit, site));
    return element instanceof ExecutableElement method && linearIn(method, positions);
  }

  private boolean linearIn(ExecutableElement method, Set<Integer> positions) {
    if (!CalleeResolver.isDifferentiable(method) || method.getAnnotation(CustomJvp.class) != null
        || method.getAnnotation(CustomVjp.class) != null || trees.getTree(method) == null
        || deciding.contains(method)) {
      return false;
    }
    Callee sig = callees.resolve(method);
    if (!sig.forward() || sig.returnType() == null || !sig.returnType().isScalar() || sig.recordResult() != null) {
      return false;
    }
    List<Callee.Param> wrt = new ArrayList<>();
    for (int i : positions) {
      Callee.Param p = sig.params().get(i);
      if (!p.differentiated() || !p.type().isScalar()) {
        return false;
      }
      wrt.add(p);
    }
    deciding.add(method);
    try {
      // Its own errors are reported where it is read as a function; here they only say "not linear".
      Report probe = new Report();
      BodyParser parser = new BodyParser(trees, probe, callees, method);
      Optional<Function> parsed = parser.parse();
      if (parsed.isEmpty()) {
        return false;
      }
      List<Stmt> body = parsed.get().body();
      Set<String> linear = Activity.of(body, wrt);
      LinearityChecker.check(body, linear, parser.positions(), probe, parser.unit(), method, this);
      return probe.errorCount() == 0 && everyValueLinear(body, linear);
    } finally {
      deciding.remove(method);
    }
  }

  /**
   * Whether {@code body}, already checked linear, has returns, and every return, every assignment of
   * a local of {@code linear} and every write into one stores a value that reads those locals, or
   * zero: a value that does not read them ({@code w = 1.0} on one path) would make it affine.
   */
  private static boolean everyValueLinear(List<Stmt> body, Set<String> linear) {
    List<Expr> values = new ArrayList<>();
    Rewrite.forEach(body, s -> {
      if (s instanceof Stmt.Return r) {
        values.add(r.value());
      } else if (s instanceof Stmt.Assign a && linear.contains(a.target().name())) {
        values.add(a.value());
      } else if (s instanceof Stmt.ArrayWrite w && linear.contains(w.array().name())) {
        values.add(w.value());
      }
    });
    return Rewrite.anyMatch(body, s -> s instanceof Stmt.Return) && values.stream().allMatch(v -> v != null
        && (Exprs.isZero(v) || Exprs.any(v, e -> e instanceof Expr.Var x && linear.contains(x.name()))));
  }
}
