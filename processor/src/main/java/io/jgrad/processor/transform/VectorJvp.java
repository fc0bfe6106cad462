package io.jgrad.processor.transform;

import io.jgrad.processor.ir.Callee;
import io.jgrad.processor.ir.Expr;
import io.jgrad.processor.ir.Linear;
import io.jgrad.processor.ir.Linearized;
import io.jgrad.processor.ir.Names;
import io.jgrad.processor.ir.Rewrite;
import io.jgrad.processor.ir.Stmt;
import java.util.ArrayList;
import java.util.List;

/**
 * Forward mode with one tangent program per parameter, all sharing one primal program: the whole
 * gradient of a scalar function in one pass without a tape (vector forward mode), which is what a
 * kernel lane can hold. Each parameter's program is {@link Jvp}'s, merged statement by statement.
 */
public final class VectorJvp {
  private VectorJvp() {}

  /**
   * The merged program ending in {@code wrt}'s first {@link Linear.Return}; {@code seeds} are the
   * tangent locals of the parameters (to set to one) and {@code tangents} the output tangent of each
   * parameter's program (null where the output does not depend on it).
   */
  public record Result(List<Linear> program, List<Expr.Var> seeds, List<Expr.Var> tangents,
      List<String> problems) {}

  /**
   * Vector forward mode of a normalized body with respect to each of {@code wrt} (calls become
   * {@link Linear.Call}s in every program, for the caller to expand).
   */
  public static Result transform(List<Stmt> body, List<Callee.Param> wrt, Names names) {
    List<List<Linear>> programs = new ArrayList<>();
    List<Expr.Var> seeds = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    for (Callee.Param p : wrt) {
      Linearized one = Jvp.transform(body, List.of(p), names, true);
      programs.add(one.program());
      seeds.add(one.tangents().get(p.name()));
      problems.addAll(one.problems());
    }
    List<Expr.Var> tangents = new ArrayList<>();
    List<Linear> merged = merge(programs, tangents);
    return new Result(merged, seeds, tangents, problems);
  }

  private static boolean isAnchor(Linear l) {
    return !(l instanceof Linear.Tangent || l instanceof Linear.DeclareTangent || l instanceof Linear.Call
        || l instanceof Linear.TangentArray || l instanceof Linear.TangentWrite);
  }

  /** Walks the programs in step: primal statements and control flow once, every program's tangent statements after them. */
  private static List<Linear> merge(List<List<Linear>> programs, List<Expr.Var> returns) {
    List<Linear> out = new ArrayList<>();
    int[] at = new int[programs.size()];
    while (true) {
      for (int k = 0; k < programs.size(); k++) {
        List<Linear> p = programs.get(k);
        while (at[k] < p.size() && !isAnchor(p.get(at[k]))) {
          out.add(p.get(at[k]++));
        }
      }
      if (at[0] >= programs.get(0).size()) {
        return out;
      }
      List<Linear> anchors = new ArrayList<>();
      for (int k = 0; k < programs.size(); k++) {
        anchors.add(programs.get(k).get(at[k]++));
      }
      out.add(mergeAnchors(anchors, returns));
    }
  }

  private static Linear mergeAnchors(List<Linear> anchors, List<Expr.Var> returns) {
    Linear first = anchors.get(0);
    if (!Rewrite.bodies(first).isEmpty()) {
      // An if, a while or a block: its k-th bodies merged, in order.
      int[] k = {0};
      return Rewrite.withBodies(first, body -> {
        int i = k[0]++;
        return merge(anchors.stream().map(a -> Rewrite.bodies(a).get(i)).toList(), returns);
      });
    }
    if (first instanceof Linear.Return) {
      anchors.forEach(a -> returns.add(((Linear.Return) a).tangent()));
      return first;
    }
    for (Linear a : anchors) {
      if (!a.equals(first)) {
        throw new IllegalStateException("tangent programs disagree on their primal: " + first + " vs " + a);
      }
    }
    return first;
  }
}
