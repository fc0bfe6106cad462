package io.jgrad.processor.check;

import io.jgrad.processor.ir.Activity;
import io.jgrad.processor.ir.Callee;
import io.jgrad.processor.ir.Expr;
import io.jgrad.processor.ir.Exprs;
import io.jgrad.processor.ir.Function;
import io.jgrad.processor.ir.RecordSignature;
import io.jgrad.processor.ir.ResultCalls;
import io.jgrad.processor.ir.Rewrite;
import io.jgrad.processor.ir.Stmt;
import io.jgrad.processor.ir.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What second derivatives cannot reach yet, decided from a function's IR before anything is
 * generated, so that the derivatives are never begun for a function they would fail on.
 */
public final class OrderLimits {
  private OrderLimits() {}

  /**
   * Why {@code f} cannot have derivatives of {@code order}, or empty; {@code forward} says whether
   * it has forward mode, {@code records} whether records are in its signature.
   */
  public static Optional<String> unsupported(Function f, int order, boolean forward, boolean records) {
    return unsupported(f, order, forward, records, callee -> null);
  }

  /**
   * As {@link #unsupported(Function, int, boolean, boolean)}, where {@code bodies} gives the functions
   * of this compilation, whose array or record results callers of order n take in as their own code.
   */
  public static Optional<String> unsupported(Function f, int order, boolean forward, boolean records,
      java.util.function.Function<Callee, Function> bodies) {
    if (order < 2) {
      return Optional.empty();
    }
    String o = "order " + order;
    if (records) {
      Optional<String> found = records(f, order, forward);
      if (found.isPresent() || RecordReverseOverReverse.recordResultRule(f, order)) {
        return found;
      }
      if (!forward && RecordReverseOverReverse.plainRecordResult(f, order)) {
        // Its pullback functions take the result's cotangent leaf by leaf: only its calls are checked.
        boolean loops = Rewrite.anyMatch(f.body(), s -> s instanceof Stmt.While);
        return throughCalls(f, order, false, loops, bodies).or(() -> reverseOverReverse(f.body(), false));
      }
    }
    if (!forward && (f instanceof Function.JvpRule || f instanceof Function.JvpsRules)) {
      return Optional.of(o + " of a @CustomJvp function that reaches a @CustomVjp rule is not supported yet");
    }
    boolean arrayResult = ArrayReverseOverReverse.arrayResultRule(f, order);
    if (f.signature().returnType().isArray() && f instanceof Function.VjpRule && !arrayResult) {
      return Optional.of(o + " of a @CustomVjp rule with an array result is not supported yet (order 2 over double"
          + " and double[] parameters is); hint: differentiate a number computed from the result (a sum, a loss) at this"
          + " order, or use fJacobian at order 1");
    }
    if ((f instanceof Function.VjpRule || !forward) && !f.signature().doublesOnly()
        && !ArrayReverseOverReverse.applies(f, order) && !arrayResult) {
      // Reverse over reverse goes through pullback functions of doubles, or of double[]s and doubles.
      return Optional.of(o + " through a @CustomVjp rule needs double parameters and a double result"
          + ArrayReverseOverReverse.hint(f));
    }
    if ((f instanceof Function.VjpRule || !forward) && order > 2) {
      Optional<String> nested = ReverseOverReverseLimits.unsupported(f, order);
      if (nested.isPresent()) {
        return nested;
      }
    }
    if (f instanceof Function.VjpRule rule && order > 2) {
      // Its pullback functions are differentiated order - 1 times, reverse over reverse each time.
      return rule.pullbacks().stream().map(p -> unsupported(p, order - 1, false, false)).flatMap(Optional::stream)
          .findFirst().map(why -> o + " of " + f.signature().name() + " differentiates its fwd and bwd "
              + (order - 1) + " times: " + why);
    }
    if (f instanceof Function.JvpRule rule && order > 2) {
      return HigherOrderRules.unsupported(rule, order);
    }
    if (f instanceof Function.JvpsRules rules && order > 2) {
      return HigherOrderRules.unsupported(rules.asOneRule(), order);
    }
    if (!(f instanceof Function.Plain)) {
      return Optional.empty(); // a rule's body is differentiated through its callees' first-order forward mode
    }
    boolean loops = Rewrite.anyMatch(f.body(), s -> s instanceof Stmt.While);
    return throughCalls(f, order, forward, loops, bodies)
        .or(() -> forward ? Optional.empty() : reverseOverReverse(f.body(), false));
  }

  /** Why derivatives of {@code order} cannot go through one of the active calls in {@code f}'s body. */
  private static Optional<String> throughCalls(Function f, int order, boolean forward, boolean loops,
      java.util.function.Function<Callee, Function> bodies) {
    return activeCalls(f).stream().map(c -> throughCall(c.callee(), order, forward, loops, bodies))
        .flatMap(Optional::stream).findFirst();
  }

  /**
   * Why {@code f}, the flat function of a function with records in its signature, cannot have
   * derivatives of order {@code o} (its parameters' leaves are differentiated as numbers).
   */
  private static Optional<String> records(Function f, int order, boolean forward) {
    Callee sig = f.signature();
    String o = "order " + order;
    if (f instanceof Function.VjpRule || !forward) {
      Optional<String> refused = RecordReverseOverReverse.unsupported(f, order);
      if (refused.isPresent()) {
        return refused;
      }
    }
    if (sig.recordResult() != null && f instanceof Function.JvpsRules) {
      return Optional.of(o + " of jvps rules with a record result is not supported yet; hint: write them as one"
          + " jvp rule, or give it order = 1");
    }
    return Optional.empty();
  }

  /**
   * Why second derivatives cannot go through a call of {@code g} whose arguments carry a derivative,
   * in a body with {@code loops} or without.
   */
  private static Optional<String> throughCall(Callee g, int order, boolean forward, boolean loops,
      java.util.function.Function<Callee, Function> bodies) {
    String o = "order " + order;
    String name = RecordSignature.userName(g.name()); // a record function's flat function by the user's name
    if (!forward && order > 2 && (g.isFunctionObject() || g.forward())) {
      // Only the pullback functions of reverse-only functions have pullback functions of their own.
      return Optional.of(o + " by reverse over reverse through " + name + ", which has forward mode, is not"
          + " supported yet above order 2; hint: give the caller order = 2, or give " + name
          + " a @CustomVjp rule");
    }
    if (g.isFunctionObject()) {
      // A DiffFnN's partials' own derivatives, like a DiffFn2's, are checked at run time.
      // One array goes through the object's partials in a loop (VectorObjectTangent), forward over forward.
      return g.ownerQualifiedName().equals(Type.FN_N.javaName()) && !g.isPacked() && !forward
          ? Optional.of(o + " through the function object " + g.receiver() + " called with one array is not"
              + " supported yet in a function that reaches a @CustomVjp rule; hint: call it with the numbers ("
              + g.receiver() + ".value(a, b, c)), or pass a DiffFn1 or DiffFn2")
          : Optional.empty();
    }
    if (!forward && ArrayReverseOverReverse.throughArrayResultRule(g, order, bodies)) {
      return Optional.empty(); // its pullback functions take the result's cotangent array
    }
    Function inlined = ResultCalls.body(g, bodies);
    if (inlined != null && forward) {
      // Taken in as the caller's own code (ResultInlining): what it calls is called from the caller.
      return InlinedCallLimits.unsupported(inlined, name, o)
          .or(() -> throughCalls(inlined, order, forward, loops, bodies));
    }
    // A jvp rule's function with an array result is called through its fTangent at order 2, and so
    // are the gradient and H·v of a function of an array (fGradientTangent, fHvpFunctionTangent).
    boolean arrayRule = g.returnType() != null && g.returnType().isArray()
        && (bodies.apply(g) instanceof Function.JvpRule || g.isArrayDerivativeFunction());
    if (arrayRule && forward && order > 2) {
      return Optional.of(o + " through a call to " + name + ", a @CustomJvp rule with an array result, is not"
          + " supported yet above order 2; hint: give the caller order = 2");
    }
    Optional<String> reached = arrayRule ? Optional.empty() : ArrayRuleReach.rule(g, bodies);
    if (reached.isPresent() && forward) {
      return Optional.of(o + " through a call to " + name + ", which calls " + reached.get() + ", a @CustomJvp"
          + " rule with an array result, is not supported yet; hint: call " + reached.get() + " here instead");
    }
    if (g.returnType() != null && g.returnType().isArray() && !(arrayRule && forward)) {
      Optional<String> rule = ArrayResultVjpRuleCalls.unsupported(g, bodies.apply(g), name, order);
      if (rule.isPresent()) {
        return rule; // not "inline" it: that would drop its bwd
      }
      // Its tangent function (fTangent) is generated for number results and jvp rules only; a plain
      // body of this compilation is inlined instead, in functions with forward mode.
      return Optional.of(o + " through a call to " + name + ", which returns an array, is not supported yet"
          + unlessInlined(forward) + "; hint: call a function returning each number you need, or inline " + name);
    }
    if (RecordJvpRuleCalls.applies(g, forward, bodies)) {
      return RecordJvpRuleCalls.unsupported(g, order); // through its fTangent and fTangentJvp
    }
    if (g.recordResult() != null && RecordReverseOverReverse.throughRecordResultRule(g, order, forward, bodies)) {
      return Optional.empty(); // its pullback functions take the result's cotangent leaf by leaf
    }
    if (g.recordResult() != null) {
      return Optional.of(o + " through a call to " + name + ", which returns a record, is not supported yet"
          + unlessInlined(forward) + "; hint: call it from an order-1 function, or return the components as"
          + " numbers from functions of their own");
    }
    if (g.order() < order) {
      return Optional.of(o + " through a call to " + name + ", which has order " + g.order() + "; hint: give "
          + name + " order = " + order);
    }
    if (order > 2 && g.deeperRulePrimals() > 0 && !HigherOrderRules.readsNestedRules(g, bodies)) {
      return Optional.of(HigherOrderRules.callerOfNestedRules(g, order));
    }
    if (!forward && loops && g.params().stream().anyMatch(p -> !p.type().isScalar() && p.type() != Type.INT
        && p.type() != Type.LONG && p.type() != Type.BOOLEAN)) {
      // Its pullback function is called with the call's arguments, which loops keep on a tape of numbers.
      return Optional.of("order 2 by reverse over reverse through " + name + ", which takes something other"
          + " than numbers, is not supported yet");
    }
    if (!forward && !g.doublesOnly()) {
      return Optional.of("order 2 by reverse over reverse through " + name + ", which takes or returns"
          + " something other than double, is not supported yet");
    }
    return Optional.empty();
  }

  /** Where a call of a function with an array or record result stays a call (ResultInlining). */
  private static String unlessInlined(boolean forward) {
    return forward ? " (its body is taken in only where it is a plain body of this compilation, not a custom"
        + " rule nor a library's)" : " in a function that reaches a @CustomVjp rule";
  }

  /**
   * Reverse over reverse writes reverse mode as a plain body: no local but a number, an int or a flag
   * declared inside a branch (it is declared before the branch).
   */
  private static Optional<String> reverseOverReverse(List<Stmt> body, boolean inBranch) {
    for (Stmt s : body) {
      Expr.Var declared = s instanceof Stmt.Declare d ? d.target()
          : s instanceof Stmt.Assign a && a.declare() ? a.target() : null;
      if (inBranch && declared != null && !declared.type().isScalar() && declared.type() != Type.BOOLEAN
          && declared.type() != Type.INT) {
        return Optional.of("order 2 of a function that reaches a @CustomVjp rule and declares " + declared.name()
            + " (not a number) inside a branch is not supported yet");
      }
      boolean branch = inBranch || s instanceof Stmt.If;
      Optional<String> found = Rewrite.bodies(s).stream().map(inner -> reverseOverReverse(inner, branch))
          .flatMap(Optional::stream).findFirst();
      if (found.isPresent()) {
        return found;
      }
    }
    return Optional.empty();
  }

  /** The calls in {@code f}'s body with an argument that depends on a differentiated parameter. */
  private static List<Expr.Call> activeCalls(Function f) {
    Set<String> active = Activity.of(f.body(), f.signature().differentiatedParams());
    List<Expr.Call> out = new ArrayList<>();
    Rewrite.stmts(f.body(), e -> {
      if (e instanceof Expr.Call c
          && c.args().stream().anyMatch(a -> active.stream().anyMatch(v -> Exprs.mentions(a, v)))) {
        out.add(c);
      }
      return e;
    });
    return out;
  }
}
