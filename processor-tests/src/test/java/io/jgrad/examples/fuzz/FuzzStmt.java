package io.jgrad.examples.fuzz;

import java.util.List;

/**
 * A statement of a generated program, kept as a tree rather than text so the shrinker can drop a
 * statement, keep one branch of an {@code if} or unroll a loop once.
 */
sealed interface FuzzStmt {
  /** A simple statement, written out: a declaration or an assignment. */
  record Line(String text) implements FuzzStmt {}

  /** {@code if (condition) { then } else { otherwise }}. */
  record If(String condition, List<FuzzStmt> then, List<FuzzStmt> otherwise) implements FuzzStmt {}

  /** {@code for (int index = 0; index < trips; index++) { body }}. */
  record For(String index, int trips, List<FuzzStmt> body) implements FuzzStmt {}

  /** The statements as Java, one per line (nested blocks on one line, as the generator always wrote them). */
  static String render(List<FuzzStmt> stmts, String indent) {
    StringBuilder s = new StringBuilder();
    for (FuzzStmt st : stmts) {
      s.append(indent).append(inline(st)).append('\n');
    }
    return s.toString();
  }

  private static String inline(FuzzStmt st) {
    if (st instanceof Line l) {
      return l.text();
    }
    if (st instanceof If f) {
      return "if (" + f.condition() + ") { " + inlineAll(f.then()) + " } else { " + inlineAll(f.otherwise()) + " }";
    }
    For f = (For) st;
    return "for (int " + f.index() + " = 0; " + f.index() + " < " + f.trips() + "; " + f.index() + "++) { "
        + inlineAll(f.body()) + " }";
  }

  private static String inlineAll(List<FuzzStmt> stmts) {
    return String.join(" ", stmts.stream().map(FuzzStmt::inline).toList());
  }

  /** How many statements, nested ones included: the size the shrinker reduces. */
  static int count(List<FuzzStmt> stmts) {
    int n = 0;
    for (FuzzStmt st : stmts) {
      n++;
      if (st instanceof If f) {
        n += count(f.then()) + count(f.otherwise());
      } else if (st instanceof For f) {
        n += count(f.body());
      }
    }
    return n;
  }
}
