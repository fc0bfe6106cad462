package io.jgrad.processor.parse;

import io.jgrad.processor.ir.Rewrite;
import io.jgrad.processor.ir.Stmt;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Moves early returns to tail position: {@code if (c) { return a; } rest} becomes
 * {@code if (c) { return a; } else { rest }}, so every path ends in exactly one return and the
 * transforms never see a jump. A return it cannot move is handed to {@code unsupported}.
 */
final class ReturnShaper {
  private ReturnShaper() {}

  static List<Stmt> shape(List<Stmt> body, Consumer<Stmt.Return> unsupported) {
    List<Stmt> shaped = restructure(body);
    checkTail(shaped, true, unsupported);
    return shaped;
  }

  private static List<Stmt> restructure(List<Stmt> stmts) {
    List<Stmt> out = new ArrayList<>();
    for (int i = 0; i < stmts.size(); i++) {
      Stmt s = stmts.get(i);
      List<Stmt> rest = stmts.subList(i + 1, stmts.size());
      if (s instanceof Stmt.If f && !rest.isEmpty()) {
        boolean thenReturns = alwaysReturns(f.thenBody());
        boolean elseReturns = alwaysReturns(f.elseBody());
        if (thenReturns != elseReturns) {
          List<Stmt> thenBody = restructure(thenReturns ? f.thenBody() : concat(f.thenBody(), rest));
          List<Stmt> elseBody = restructure(elseReturns ? f.elseBody() : concat(f.elseBody(), rest));
          out.add(new Stmt.If(f.condition(), thenBody, elseBody));
          return out;
        }
      }
      // A loop has no return to move: those inside one were reported by the parser already.
      out.add(Rewrite.withBodies(s, ReturnShaper::restructure));
    }
    return out;
  }

  private static List<Stmt> concat(List<Stmt> a, List<Stmt> b) {
    List<Stmt> out = new ArrayList<>(a);
    out.addAll(b);
    return out;
  }

  static boolean alwaysReturns(List<Stmt> stmts) {
    Stmt last = stmts.isEmpty() ? null : stmts.get(stmts.size() - 1);
    return last instanceof Stmt.Return || (last instanceof Stmt.If || last instanceof Stmt.Block)
        && Rewrite.bodies(last).stream().allMatch(ReturnShaper::alwaysReturns);
  }

  /**
   * Reports every return of {@code stmts} that is not the last statement on its path; {@code tail}:
   * whether {@code stmts} end their path.
   */
  private static void checkTail(List<Stmt> stmts, boolean tail, Consumer<Stmt.Return> unsupported) {
    for (int i = 0; i < stmts.size(); i++) {
      Stmt s = stmts.get(i);
      boolean last = tail && i == stmts.size() - 1;
      if (s instanceof Stmt.Return r && !last) {
        unsupported.accept(r);
      } else if (s instanceof Stmt.If || s instanceof Stmt.Block) {
        // Returns inside loops were reported by the parser already.
        Rewrite.bodies(s).forEach(body -> checkTail(body, last, unsupported));
      }
    }
  }
}
