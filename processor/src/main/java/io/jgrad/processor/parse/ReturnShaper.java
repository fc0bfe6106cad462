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
    checkTail(shaped, unsupported);
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
    if (stmts.isEmpty()) {
      return false;
    }
    Stmt last = stmts.get(stmts.size() - 1);
    if (last instanceof Stmt.Return) {
      return true;
    }
    if (last instanceof Stmt.If f) {
      return alwaysReturns(f.thenBody()) && alwaysReturns(f.elseBody());
    }
    if (last instanceof Stmt.Block b) {
      return alwaysReturns(b.body());
    }
    return false;
  }

  /** Reports every return that is not the last statement on its path. */
  private static void checkTail(List<Stmt> stmts, Consumer<Stmt.Return> unsupported) {
    for (int i = 0; i < stmts.size(); i++) {
      boolean tail = i == stmts.size() - 1;
      Stmt s = stmts.get(i);
      if (tail) {
        if (s instanceof Stmt.If f) {
          checkTail(f.thenBody(), unsupported);
          checkTail(f.elseBody(), unsupported);
        } else if (s instanceof Stmt.Block b) {
          checkTail(b.body(), unsupported);
        }
      } else {
        reportAll(s, unsupported);
      }
    }
  }

  private static void reportAll(Stmt s, Consumer<Stmt.Return> unsupported) {
    if (s instanceof Stmt.Return r) {
      unsupported.accept(r);
    } else if (s instanceof Stmt.If f) {
      f.thenBody().forEach(x -> reportAll(x, unsupported));
      f.elseBody().forEach(x -> reportAll(x, unsupported));
    } else if (s instanceof Stmt.Block b) {
      b.body().forEach(x -> reportAll(x, unsupported));
    }
    // Returns inside loops were reported by the parser already.
  }
}
