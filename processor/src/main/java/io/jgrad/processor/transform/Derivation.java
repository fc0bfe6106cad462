package io.jgrad.processor.transform;

import io.jgrad.processor.ir.Callee;
import io.jgrad.processor.ir.Calls;
import io.jgrad.processor.ir.Derived;
import io.jgrad.processor.ir.Expr;
import io.jgrad.processor.ir.Exprs;
import io.jgrad.processor.ir.Function;
import io.jgrad.processor.ir.Linearized;
import io.jgrad.processor.ir.Names;
import io.jgrad.processor.ir.Primitive;
import io.jgrad.processor.ir.Reverse;
import io.jgrad.processor.ir.Rewrite;
import io.jgrad.processor.ir.Stmt;
import io.jgrad.processor.ir.Type;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The derivatives of one function as IR, Autodidax's way: normalize, linearize (the body's JVP, or a
 * rule read as linear), transpose with the one transposer, place the residuals; at order 2 and above
 * the same passes over the tangent programs or the pullbacks. The printer gets the result and only prints it.
 */
public final class Derivation {
  private Derivation() {}

  /**
   * The derivatives of a user's function of the given order; {@code removable} says which primal
   * values {@code fGrad} may skip when nothing reads them (pure calls: {@code fGrad} never returns the
   * value; null: nothing is dropped, as for the flat function of a record function); long loops'
   * states checkpointed where {@code checkpointLoops}.
   */
  public static Derived of(Function f, boolean forward, int order, Predicate<Expr> removable,
      boolean checkpointLoops) {
    return derive(f, forward, order, removable, false, checkpointLoops);
  }

  /** The derivatives of a function only generated code calls: first order, reverse mode unless {@code forward}. */
  public static Derived internal(Function f, boolean forward) {
    return internal(f, forward, 1);
  }

  /**
   * The derivatives of a function only generated code calls, to {@code order}: the rule primal of an
   * order-n function is differentiated n - 1 more times by its callers.
   */
  public static Derived internal(Function f, boolean forward, int order) {
    return derive(f, forward, order, value -> false, true, false);
  }

  /** A {@code @CustomJvp} rule's tangent part as a body, and the names of the tangents it reads. */
  public record RuleTangent(List<Stmt> body, List<String> tangentNames) {}

  /**
   * The tangent part of {@code f}'s {@code @CustomJvp} rule, what order 2 and above (and kernel
   * lanes reading a derivative call) differentiate again: a {@code jvp} rule's return
   * {@code Dual.of(v, t)} as {@code return t}, {@code jvps} rules as the one rule they amount to;
   * null where {@code f} is no such rule.
   */
  public static RuleTangent ruleTangent(Function f) {
    if (f instanceof Function.JvpRule rule) {
      return new RuleTangent(RulePrimal.returning(rule.body(), Expr.Pair::tangent, Set.of()), rule.tangentNames());
    }
    if (f instanceof Function.JvpsRules rules) {
      return new RuleTangent(RulePrimal.returning(rules.asOneRule().body(), Expr.Pair::tangent, Set.of()),
          rules.tangentNames());
    }
    return null;
  }

  /** {@code removable} null: nothing is dropped from {@code fGrad}'s sweeps. */
  private static Derived derive(Function f, boolean forward, int order, Predicate<Expr> removable, boolean internal,
      boolean checkpointLoops) {
    Callee sig = f.signature();
    if (f instanceof Function.VjpRule rule) {
      // Order n differentiates the pullback functions n - 1 times, reverse over reverse at each order.
      List<Derived> pullbacks = order >= 2
          ? rule.pullbacks().stream().map(p -> internal(p, false, order - 1)).toList() : List.of();
      return new Derived(f, forward, order, internal, null, null, null, null, List.of(), pullbacks, List.of());
    }
    List<String> paramNames = new ArrayList<>(sig.paramNames());
    if (f instanceof Function.JvpsRules rules) {
      Names names = Names.of(paramNames, List.of());
      Placed placed = withoutDeadLoops(reverse(RuleLinearizer.perParameter(rules, names), sig, names, removable,
          false));
      Derived d = new Derived(f, forward, order, internal, null, placed.vjp(), placed.valueAndGrad(), placed.grad(),
          List.of(), List.of(), List.of());
      return order >= 2 ? forwardOverForward(d, ruleTangent(f)) : d;
    }
    if (f instanceof Function.JvpRule rule) {
      paramNames.addAll(rule.tangentNames());
      Names names = Names.of(paramNames, rule.body());
      Placed placed = withoutDeadLoops(reverse(RuleLinearizer.ofRule(rule, names), sig, names, removable, false));
      Derived d = new Derived(f, forward, order, internal, null, placed.vjp(), placed.valueAndGrad(), placed.grad(),
          List.of(), List.of(), List.of());
      return order >= 2 ? forwardOverForward(d, ruleTangent(f)) : d;
    }
    Names names = Names.of(paramNames, f.body());
    List<Stmt> normal = Normalizer.normalize(f, names);
    Linearized jvp = Jvp.checked(normal, sig.differentiatedParams(), names);
    List<String> tangentNames = sig.differentiatedParams().stream()
        .map(p -> jvp.tangents().get(p.name()).name()).toList();
    List<Stmt> tangentBody = order >= 2 && forward ? SecondOrder.tangentBody(jvp.program()) : null;
    Placed placed = reverse(jvp, sig, names, removable, checkpointLoops);
    List<Derived> pullbacks = order >= 2 && !forward
        ? reverseOverReverse(sig, normal, names).stream().map(p -> internal(p, false, order - 1)).toList()
        : List.of();
    Derived d = new Derived(f, forward, order, internal, new Derived.Forward(jvp, names), placed.vjp(),
        placed.valueAndGrad(), placed.grad(), List.of(), pullbacks, List.of());
    return tangentBody != null ? forwardOverForward(d, tangentBody, tangentNames) : d;
  }

  /**
   * The pullback functions of a function of order 2 or more without forward mode, as code: its rule's
   * passes spliced, or its body's reverse sweep (what a derivative call in a kernel lane reads as).
   */
  static List<Function> pullbackFunctions(Function f) {
    if (f instanceof Function.VjpRule rule) {
      return rule.pullbacks();
    }
    Names names = Names.of(new ArrayList<>(f.signature().paramNames()), f.body());
    return reverseOverReverse(f.signature(), Normalizer.normalize(f, names), names);
  }

  /**
   * The pullback functions second derivatives differentiate again: straight-line code reads each
   * residual where it was computed (ReverseBody); loops and local arrays need a tape, kept in local
   * arrays (ArrayTapeBody).
   */
  private static List<Function> reverseOverReverse(Callee sig, List<Stmt> normal, Names names) {
    boolean tape = Rewrite.anyMatch(normal, s -> s instanceof Stmt.While || s instanceof Stmt.ArrayWrite)
        || reassignedRecordLeaf(normal);
    return tape ? ArrayTapeBody.pullbacks(sig, normal, names) : ReverseBody.pullbacks(sig, normal, names);
  }

  /**
   * Whether a leaf a record call assigns is assigned again ({@code q = p(s)} after {@code P q = p(x)}):
   * straight-line reverse mode reads each value where it was computed, so the tape keeps both.
   */
  private static boolean reassignedRecordLeaf(List<Stmt> normal) {
    Map<String, Integer> assignments = new HashMap<>();
    Set<String> leaves = new HashSet<>();
    Rewrite.forEach(normal, s -> {
      Rewrite.assigned(s).forEach(v -> assignments.merge(v.name(), 1, Integer::sum));
      if (s instanceof Stmt.CallRecord c) {
        c.leaves().forEach(v -> leaves.add(v.name()));
      }
    });
    return leaves.stream().anyMatch(v -> assignments.get(v) > 1);
  }

  /** One transposed program placed for each entry point: {@code fVjp}, {@code fValueAndGrad}, {@code fGrad}. */
  private record Placed(Reverse vjp, Reverse valueAndGrad, Reverse grad) {}

  /**
   * A rule's sweeps without the loops of its forward sweeps that only count: a loop of the rule that
   * computed only tangents is run backwards by the backward sweep alone.
   */
  private static Placed withoutDeadLoops(Placed placed) {
    return new Placed(DeadLoops.forwardSweep(placed.vjp()), DeadLoops.forwardSweep(placed.valueAndGrad()),
        DeadLoops.forwardSweep(placed.grad()));
  }

  /**
   * The one transposer's sweeps of a linear program, their residuals placed for {@code fVjp}'s pullback
   * closure and for a method that runs both sweeps ({@code fValueAndGrad}; {@code fGrad}, which never
   * returns the value, also without what only the value needed, where {@code removable} allows).
   */
  private static Placed reverse(Linearized linear, Callee sig, Names names, Predicate<Expr> removable,
      boolean checkpointLoops) {
    Reverse transposed = Transposer.transposeCountedLoops(linear.program(), linear.tangents(), sig, names);
    Names oneMethod = names.copy();
    Reverse vjp = CleanAdjoints.clean(
        ResidualPlacement.place(transposed, sig, names, ResidualPlacement.Policy.CLOSURE, checkpointLoops), null);
    // fGrad and fValueAndGrad seed the output's cotangent with 1.
    Reverse straight = CleanAdjoints.clean(
        ResidualPlacement.place(transposed, sig, oneMethod, ResidualPlacement.Policy.STRAIGHT_LINE, checkpointLoops),
        sig.returnType().isArray() ? null : Exprs.lit(Type.DOUBLE, 1));
    Reverse grad = sig.returnType().isArray() || removable == null ? straight : GradientSweeps.of(straight, removable);
    return new Placed(vjp, straight, grad);
  }

  /**
   * Order 2 and above with forward mode: forward mode over the tangent program (uᵀ·H·v), then over
   * that kernel's own tangent program, up to the function's order (Dᵏf(p)[v1, ..., vk], the earlier
   * tangents held constant); and the pullback functions callers reaching a {@code @CustomVjp}
   * differentiate reverse over reverse.
   */
  private static Derived forwardOverForward(Derived d, RuleTangent rule) {
    return forwardOverForward(d, rule.body(), rule.tangentNames());
  }

  private static Derived forwardOverForward(Derived d, List<Stmt> tangentBody, List<String> tangentNames) {
    Callee sig = d.signature();
    List<Derived.ForwardOverForward> kernels = new ArrayList<>();
    List<Stmt> body = tangentBody;
    List<String> constant = new ArrayList<>(tangentNames);
    // Tangent function k's body is the tangent program of order k, its tangents the k direction groups.
    List<List<Stmt>> tangentBodies = new ArrayList<>(List.of(tangentBody));
    List<List<String>> tangentGroups = new ArrayList<>(List.of(List.copyOf(constant)));
    for (int k = 2; k <= d.order(); k++) {
      Callee kernel = sig.withConstantTangents(constant);
      Names names = Names.of(kernel.paramNames(), body);
      List<Stmt> normal = Normalizer.normalize(new Function.Plain(kernel, body), names);
      Linearized jvp = Jvp.checked(normal, sig.differentiatedParams(), names);
      kernels.add(new Derived.ForwardOverForward(kernel, new Derived.Forward(jvp, names)));
      if (k < d.order()) {
        body = SecondOrder.tangentBody(jvp.program());
        sig.differentiatedParams().forEach(p -> constant.add(jvp.tangents().get(p.name()).name()));
        tangentBodies.add(body);
        tangentGroups.add(List.copyOf(constant));
      }
    }
    // Rule primals' tangent functions too: callers of derivative calls reach them in reverse mode.
    List<Derived> tangents = new ArrayList<>();
    // A function of arrays needs fTangent's reverse mode only, for its one-pass fHvp.
    int reversedTangents = sig.numbersOnly() ? tangentBodies.size() : 1;
    for (int k = 1; k <= reversedTangents; k++) {
      Derived tangent = tangentFunction(sig, k, tangentBodies.get(k - 1), tangentGroups.get(k - 1));
      if (tangent == null) {
        break;
      }
      tangents.add(tangent);
    }
    if (d.order() == 2 && sig.rulePrimal() && tangents.size() == 1
        && sig.differentiatedParams().stream().anyMatch(p -> p.type().isArray())) {
      // A function of arrays reaching a rule: fHvp, H·v (jvp of grad), in one pass through tangent
      // function 2 transposed in its inner direction.
      Derived.Forward second = kernels.get(0).program();
      List<String> both = new ArrayList<>(constant);
      sig.differentiatedParams().forEach(p -> both.add(second.linearized().tangents().get(p.name()).name()));
      Derived transposed = TransposedHvp.derive(sig, second, both);
      if (transposed != null) {
        tangents.add(transposed);
      }
    }
    // Reverse over reverse through arrays is not built: array functions' tangent functions serve fHvp.
    List<Derived> pullbacks = tangents.isEmpty() || !sig.doublesOnly() ? List.of() : pullbacksFromTangent(sig);
    return new Derived(d.function(), d.forward(), d.order(), d.internal(), d.jvp(), d.vjp(), d.valueAndGrad(),
        d.grad(), List.copyOf(kernels), pullbacks, List.copyOf(tangents));
  }

  /**
   * Tangent function k ({@code fTangent}, {@code fTangent2}, ...) as a function of its own, whose
   * reverse mode ({@code fTangentVjp}) differentiates the pullback functions and callers of derivative
   * calls and the one-pass {@code fHvp}; null where it cannot have one (types outside
   * {@link Callee#tangentReversible}, or a callee without its own).
   */
  private static Derived tangentFunction(Callee sig, int k, List<Stmt> tangentBody, List<String> tangentNames) {
    // Every function the tangent program calls needs its tangent's reverse mode too (tangent
    // functions included; a function of arrays has it for fTangent only).
    // An array result's tangent function may call array functions as a rule's body does (their fVjp).
    boolean array = k == 1 && sig.arrayResultOfDoubles();
    if (!(sig.tangentReversible() || array) || !Calls.of(new Function.Plain(sig, tangentBody)).stream()
        .allMatch(c -> c.doublesOnly() || c.numbersOnly() || c.tangentReversible() && c.tangentOrder() <= 1
            || array && c.arrayResultOfDoubles() && c.tangentOrder() == 0)) {
      return null; // reverse over reverse reports a caller that needs these for other types
    }
    Callee tangent = sig.tangentFunction(k);
    List<Stmt> body = renamedTangents(sig, tangent, tangentBody, tangentNames);
    return body == null ? null : internal(new Function.Plain(tangent, body), false);
  }


  /**
   * {@code tangentBody} with its tangents ({@code tangentNames}) named as {@code tangent}'s parameters
   * after {@code sig}'s (callers read a tangent function's gradient by those names); a local of the
   * body that holds one of those names ({@code double xDot = ...}) is renamed apart first, so that
   * every tangent function gets its reverse mode and derivative calls of it compile.
   */
  static List<Stmt> renamedTangents(Callee sig, Callee tangent, List<Stmt> tangentBody, List<String> tangentNames) {
    List<Callee.Param> params = tangent.params();
    Map<String, String> renamed = new HashMap<>();
    for (int i = 0; i < tangentNames.size(); i++) {
      renamed.put(tangentNames.get(i), params.get(sig.params().size() + i).name());
    }
    renamed.entrySet().removeIf(e -> e.getKey().equals(e.getValue()));
    Set<String> locals = new HashSet<>();
    Rewrite.forEach(tangentBody, s -> {
      if (s instanceof Stmt.Assign a && a.declare()) {
        locals.add(a.target().name());
      } else if (s instanceof Stmt.Declare d) {
        locals.add(d.target().name());
      }
    });
    Names names = Names.of(tangent.paramNames(), tangentBody);
    renamed.keySet().forEach(names::fresh);
    for (String n : List.copyOf(renamed.values())) {
      if (locals.contains(n)) {
        renamed.put(n, names.fresh(n));
      }
    }
    return Rewrite.stmts(tangentBody, e -> e instanceof Expr.Var v && renamed.containsKey(v.name())
        ? new Expr.Var(renamed.get(v.name()), v.type()) : e);
  }

  /** {@code fPullbackX(p, g) = g·fTangent(p, eₓ)}, one per differentiated parameter. */
  private static List<Derived> pullbacksFromTangent(Callee sig) {
    List<Callee.Param> diff = sig.differentiatedParams();
    Callee tangent = sig.tangentFunction();
    Names names = Names.of(sig.paramNames(), List.of());
    String g = names.fresh(sig.pullbackCotangentName());
    List<Derived> out = new ArrayList<>();
    for (int k = 0; k < diff.size(); k++) {
      List<Expr> args = new ArrayList<>(sig.paramVars());
      for (int i = 0; i < diff.size(); i++) {
        args.add(Exprs.lit(Type.DOUBLE, i == k ? 1 : 0));
      }
      Expr value = Exprs.prim(Primitive.MUL, new Expr.Var(g, Type.DOUBLE), new Expr.Call(tangent, args, Type.DOUBLE));
      out.add(internal(new Function.Plain(sig.pullbackFunction(diff.get(k), g), List.of(new Stmt.Return(value))), false));
    }
    return out;
  }

}
