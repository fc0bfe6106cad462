package io.jgrad.examples.fuzz;

import java.util.ArrayList;
import java.util.List;

/**
 * Shrinks a failing program to a small one that still fails: first the failing function and its
 * callees alone, then, greedily until nothing more helps, drops one statement, keeps one branch of an
 * {@code if}, or unrolls a loop once. A candidate counts only if the predicate says it still fails
 * (it compiles and fails the same check), so the result is 1-minimal for these steps.
 */
final class Shrinker {
  /** Whether a candidate still fails as the original did. */
  @FunctionalInterface
  interface StillFails {
    boolean test(FuzzProgram candidate) throws Exception;
  }

  private final StillFails stillFails;
  private int budget;

  /** A shrinker that tries at most {@code budget} candidates. */
  Shrinker(StillFails stillFails, int budget) {
    this.stillFails = stillFails;
    this.budget = budget;
  }

  /** The smallest failing program found from {@code program}, whose function {@code name} fails. */
  FuzzProgram shrink(FuzzProgram program, String name) throws Exception {
    FuzzProgram current = program;
    FuzzProgram alone = program.onlyWithCallees(name);
    if (alone.functions().size() < program.functions().size() && tryCandidate(alone)) {
      current = alone;
    }
    boolean progress = true;
    while (progress && budget > 0) {
      progress = false;
      for (List<FuzzStmt> candidate : smaller(current.function(name).body())) {
        FuzzProgram next = current.withBody(name, candidate);
        if (tryCandidate(next)) {
          current = next;
          progress = true;
          break;
        }
        if (budget <= 0) {
          break;
        }
      }
    }
    // A smaller body may no longer call some of the functions kept for it.
    FuzzProgram pruned = current.onlyWithCallees(name);
    if (pruned.functions().size() < current.functions().size() && budget > 0 && tryCandidate(pruned)) {
      current = pruned;
    }
    return current;
  }

  private boolean tryCandidate(FuzzProgram candidate) throws Exception {
    budget--;
    return stillFails.test(candidate);
  }

  /** Every body one step smaller than {@code body}, biggest cuts first. */
  static List<List<FuzzStmt>> smaller(List<FuzzStmt> body) {
    List<List<FuzzStmt>> out = new ArrayList<>();
    for (int i = 0; i < body.size(); i++) {
      FuzzStmt s = body.get(i);
      out.add(splice(body, i, List.of()));
      if (s instanceof FuzzStmt.If f) {
        out.add(splice(body, i, f.then()));
        out.add(splice(body, i, f.otherwise()));
        for (List<FuzzStmt> t : smaller(f.then())) {
          out.add(splice(body, i, List.of(new FuzzStmt.If(f.condition(), t, f.otherwise()))));
        }
        for (List<FuzzStmt> e : smaller(f.otherwise())) {
          out.add(splice(body, i, List.of(new FuzzStmt.If(f.condition(), f.then(), e))));
        }
      } else if (s instanceof FuzzStmt.For f) {
        // The body once (generated names are unique, so its declarations clash with nothing).
        out.add(splice(body, i, f.body()));
        for (List<FuzzStmt> b : smaller(f.body())) {
          out.add(splice(body, i, List.of(new FuzzStmt.For(f.index(), f.trips(), b))));
        }
      }
    }
    return out;
  }

  private static List<FuzzStmt> splice(List<FuzzStmt> body, int at, List<FuzzStmt> replacement) {
    List<FuzzStmt> out = new ArrayList<>(body.subList(0, at));
    out.addAll(replacement);
    out.addAll(body.subList(at + 1, body.size()));
    return out;
  }
}
