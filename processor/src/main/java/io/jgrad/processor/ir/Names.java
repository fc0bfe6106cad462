package io.jgrad.processor.ir;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Hands out local names that clash with nothing in the function or in the generated code. */
public final class Names {
  /**
   * Locals that generated reverse-mode code declares under these exact names; a parameter may not
   * take one (it would be declared twice), a local of the body is renamed.
   */
  public static final List<String> GENERATED = List.of("tape", "reader", "outBar");

  private final Set<String> taken = new HashSet<>();

  /** Names taken by the parameters and every local of {@code body}, plus the generated code's own. */
  public static Names of(List<String> params, List<Stmt> body) {
    Names names = new Names();
    names.taken.addAll(params);
    names.taken.addAll(GENERATED);
    names.taken.addAll(List.of("result", "grad", "i", "Math", "StrictMath"));
    Rewrite.forEach(body, s -> {
      if (s instanceof Stmt.Assign a) {
        names.taken.add(a.target().name());
      } else if (s instanceof Stmt.Declare d) {
        names.taken.add(d.target().name());
      } else if (s instanceof Stmt.CallRecord c) {
        // A tangent program differentiated again reads a rule's record tangent into such leaves.
        c.leaves().forEach(v -> names.taken.add(v.name()));
        names.taken.add(c.record().name());
      }
      Rewrite.operands(s).forEach(names::collect);
    });
    return names;
  }

  /** A copy that hands out the same names from here on, independently of this one. */
  public Names copy() {
    Names copy = new Names();
    copy.taken.addAll(taken);
    return copy;
  }

  /** A lambda's own parameters and locals: a generated local of the same name would clash with them. */
  private void collect(Expr e) {
    if (e instanceof Expr.Lambda l) {
      taken.addAll(l.bound());
    }
    Exprs.children(e).forEach(this::collect);
  }

  /** {@code base} if free, else {@code base2}, {@code base3}, ... */
  public String fresh(String base) {
    return fresh(base, taken);
  }

  /** {@code base} if not in {@code taken}, else {@code base2}, {@code base3}, ...; added to {@code taken}. */
  public static String fresh(String base, Set<String> taken) {
    String name = base;
    for (int i = 2; !taken.add(name); i++) {
      name = base + i;
    }
    return name;
  }

  /** {@code name} with its first letter upper-case, to append it to another name ({@code x} in {@code fGradX}). */
  public static String capitalized(String name) {
    return Character.toUpperCase(name.charAt(0)) + name.substring(1);
  }

  /** {@code base1}, {@code base2}, ...: a numbered temporary. */
  public String temp(String base) {
    int i = 1;
    while (!taken.add(base + i)) {
      i++;
    }
    return base + i;
  }

  /** A fresh local of the given type. */
  public Expr.Var var(String base, Type type) {
    return new Expr.Var(fresh(base), type);
  }
}
