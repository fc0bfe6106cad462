package io.jgrad.processor.transform;

import io.jgrad.processor.ir.Callee;
import io.jgrad.processor.ir.Expr;
import io.jgrad.processor.ir.Names;
import io.jgrad.processor.ir.RecordSignature;
import io.jgrad.processor.ir.Rewrite;
import io.jgrad.processor.ir.Stmt;
import io.jgrad.processor.ir.Type;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A callee with an array or record result spliced into its caller, its parameters read as the
 * caller's locals they are called with where it can (so that no array is ever held by two locals):
 * the splice the array and record result strategies share.
 *
 * @param statements the callee's body renamed apart, without the bindings of aliased parameters
 * @param result the value the callee returns, in the caller's names
 * @param aliases the renamed locals read as the caller's locals
 */
record ParameterAliases(List<Stmt> statements, Expr result, Map<String, String> aliases) {
  /**
   * {@code body}, the callee {@code sig}'s, spliced for {@code call} into {@code names}, its result of
   * type {@code type}.
   */
  static ParameterAliases of(Expr.Call call, Callee sig, List<Stmt> body, Type type, Names names) {
    Expr.Var scratch = names.var(RecordSignature.userName(sig.name()), type);
    Map<String, String> renamed = new HashMap<>();
    List<Stmt> spliced = Inliner.splice(RecordSignature.userName(sig.name()), sig.params(), call.args(), body,
        scratch, true, names, renamed);
    Map<String, String> aliases = arguments(sig, call, renamed, spliced);
    Expr result = ((Stmt.Assign) spliced.get(spliced.size() - 1)).value();
    return new ParameterAliases(withoutBindings(spliced.subList(0, spliced.size() - 1), aliases), result,
        aliases);
  }

  /** {@code out} with every aliased local read as the caller's. */
  List<Stmt> renamed(List<Stmt> out) {
    return Rewrite.stmts(out, e -> e instanceof Expr.Var v && aliases.containsKey(v.name())
        ? new Expr.Var(aliases.get(v.name()), v.type()) : e);
  }

  /**
   * Each parameter's renamed local mapped to the caller's local it is called with, where the callee
   * reads it as it is: an array always (the callee's array is the caller's), a number the callee never
   * assigns.
   */
  private static Map<String, String> arguments(Callee sig, Expr.Call c, Map<String, String> renamed,
      List<Stmt> spliced) {
    Set<String> assigned = new HashSet<>();
    Rewrite.forEach(spliced.subList(sig.params().size(), spliced.size()),
        s -> Rewrite.assigned(s).forEach(v -> assigned.add(v.name())));
    Map<String, String> aliases = new HashMap<>();
    for (int i = 0; i < sig.params().size(); i++) {
      String local = renamed.get(sig.params().get(i).name());
      // A number converted on the way in (an int passed as a double) keeps its binding.
      if (c.args().get(i) instanceof Expr.Var arg && arg.type() == sig.params().get(i).type()
          && (arg.type().isArray() || !assigned.contains(local))) {
        aliases.put(local, arg.name());
      }
    }
    return aliases;
  }

  /** {@code spliced} without the bindings of the parameters that {@code aliases} maps to the caller's locals. */
  private static List<Stmt> withoutBindings(List<Stmt> spliced, Map<String, String> aliases) {
    return spliced.stream().filter(s -> !(s instanceof Stmt.Assign a && a.declare()
        && aliases.containsKey(a.target().name()) && a.value() instanceof Expr.Var)).toList();
  }
}
