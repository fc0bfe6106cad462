package io.jgrad.processor.emit;

import com.palantir.javapoet.CodeBlock;
import io.jgrad.processor.ir.Expr;
import io.jgrad.processor.ir.Exprs;
import io.jgrad.processor.ir.Lane;
import io.jgrad.processor.ir.Linear;
import io.jgrad.processor.ir.Names;
import io.jgrad.processor.ir.Rewrite;
import io.jgrad.processor.ir.Stmt;
import io.jgrad.processor.ir.Type;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Declares every local of a kernel lane once, at its top, with a zero value, and turns the
 * declarations in the program into plain assignments: Aparapi loses locals declared inside a
 * branch or loop (an {@code int k} of a {@code for} in an {@code else}), and names are unique by now.
 */
final class LaneLocals {
  private LaneLocals() {}

  /**
   * The program with its declarations hoisted; {@code top} receives the declarations. A local array
   * is made once per lane (see {@link #arrays}): where the program makes it, it is filled with zeros,
   * as {@code new} would, by a loop over a counter {@code names} gives.
   */
  static List<Linear> hoist(List<Linear> program, CodeBlock.Builder top, Names names) {
    Map<String, Type> locals = new LinkedHashMap<>();
    Expr.Var counter = arrays(program).isEmpty() ? null : names.var("element", Type.INT);
    List<Linear> out = rewrite(program, locals, counter);
    String mark = Names.fresh("loopsDone", new HashSet<>(locals.keySet()));
    out = markLoopEnds(out, new Expr.Var(mark, Type.INT), locals);
    locals.forEach((name, type) -> top.addStatement("$L $L = $L", ExprWriter.typeName(type), name,
        ExprWriter.literal(Exprs.zero(type))));
    return out;
  }

  /**
   * Puts a counted statement after each loop that ends a branch: Aparapi cannot structure the
   * bytecode of an {@code if} whose then-branch ends in a loop ("fakegoto", found by the fuzzer).
   */
  private static List<Linear> markLoopEnds(List<Linear> program, Expr.Var mark, Map<String, Type> locals) {
    // No blocks are left by now: branches and loop bodies are the lists nested in the program.
    return program.stream()
        .map(l -> Rewrite.withBodies(l, inner -> endMarked(markLoopEnds(inner, mark, locals), mark, locals))).toList();
  }

  /** {@code branch} with the mark counted after a loop that ends it, the mark then declared among the locals. */
  private static List<Linear> endMarked(List<Linear> branch, Expr.Var mark, Map<String, Type> locals) {
    if (branch.isEmpty() || !(branch.get(branch.size() - 1) instanceof Linear.While)) {
      return branch;
    }
    locals.put(mark.name(), Type.INT);
    List<Linear> out = new ArrayList<>(branch);
    out.add(new Linear.Primal(new Stmt.Assign(mark, new Expr.Binary(Expr.BinaryOp.ADD, mark,
        new Expr.Const(Type.INT, 1), Type.INT), false)));
    return out;
  }

  /** The local arrays {@code program} makes, by name: see {@link Lane#privateArrays}. */
  static Map<String, Expr.NewArray> arrays(List<Linear> program) {
    return Lane.privateArrays(program);
  }

  /** {@code counter = 0; while (counter < length) { array[counter] = 0; counter++; }}. */
  private static List<Linear> zeros(Expr.Var array, Expr length, Expr.Var counter) {
    return List.of(new Linear.Primal(new Stmt.Assign(counter, Exprs.lit(Type.INT, 0), false)),
        new Linear.While(Exprs.compare(Expr.BinaryOp.LT, counter, length), List.of(
            new Linear.Primal(new Stmt.ArrayWrite(array, counter, Exprs.zero(array.type().element()))),
            new Linear.Primal(Stmt.increment(counter, 1)))));
  }

  private static List<Linear> rewrite(List<Linear> program, Map<String, Type> locals, Expr.Var counter) {
    List<Linear> out = new ArrayList<>();
    for (Linear l : program) {
      if (l instanceof Linear.Primal p && p.stmt() instanceof Stmt.Assign a && a.value() instanceof Expr.NewArray n) {
        locals.putIfAbsent(counter.name(), Type.INT);
        out.addAll(zeros(a.target(), n.length(), counter));
      } else if (l instanceof Linear.TangentArray t) {
        locals.putIfAbsent(counter.name(), Type.INT);
        out.addAll(zeros(t.target(), t.length(), counter));
      } else if (l instanceof Linear.Primal p && p.stmt() instanceof Stmt.Assign a && a.declare()) {
        locals.putIfAbsent(a.target().name(), a.target().type());
        out.add(new Linear.Primal(new Stmt.Assign(a.target(), a.value(), false)));
      } else if (l instanceof Linear.Primal p && p.stmt() instanceof Stmt.Declare d) {
        locals.putIfAbsent(d.target().name(), d.target().type());
      } else if (l instanceof Linear.Tangent t && t.declare()) {
        locals.putIfAbsent(t.target().name(), t.target().type());
        out.add(new Linear.Tangent(t.target(), t.primal(), t.terms(), false));
      } else if (l instanceof Linear.DeclareTangent d) {
        locals.putIfAbsent(d.target().name(), d.target().type());
      } else if (l instanceof Linear.Block b) {
        out.addAll(rewrite(b.body(), locals, counter));
      } else {
        out.add(Rewrite.withBodies(l, inner -> rewrite(inner, locals, counter)));
      }
    }
    return out;
  }
}
