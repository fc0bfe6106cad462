package io.jgrad.processor.ir;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.IntStream;

/**
 * The IR of one differentiable function: its signature as a {@link Callee}, and, by its case, where
 * its derivatives come from: its own body, or the user's {@code @CustomJvp} or {@code @CustomVjp} rules.
 */
public sealed interface Function {
  /** The function as its callers see it. */
  Callee signature();

  /**
   * The statements its derivatives are read from: its own body, or its {@code jvp} rule's; none where
   * the rules are called rather than read, so that walks over every function's body pass these by.
   */
  default List<Stmt> body() {
    return List.of();
  }

  /**
   * Whether {@link #body} creates or writes local arrays ({@code new double[n]}, {@code y[i] = ...}),
   * which some generated forms (order 2, kernels) cannot take yet.
   */
  default boolean writesArrays() {
    return Rewrite.anyMatch(body(), s -> s instanceof Stmt.ArrayWrite
        || s instanceof Stmt.Assign a && a.value() instanceof Expr.NewArray);
  }

  /**
   * The same function, its derivatives from the same place, with {@code signature} and every expression
   * of {@link #body} rewritten by {@code rewrite}.
   */
  Function rewritten(Callee signature, UnaryOperator<Expr> rewrite);

  /** A function whose derivatives come from its own body. */
  record Plain(Callee signature, List<Stmt> body) implements Function {
    @Override
    public Function rewritten(Callee signature, UnaryOperator<Expr> rewrite) {
      return new Plain(signature, Rewrite.stmts(body, rewrite));
    }
  }

  /**
   * {@code @CustomJvp(jvp = name)}: {@code body} is the rule's, in the same class, its primal parameters
   * named as the function names them; {@code tangentNames} are its tangent parameters (one per
   * differentiated parameter, in order) and {@code linear} the locals that depend on them.
   */
  record JvpRule(Callee signature, List<Stmt> body, String name, List<String> tangentNames, Set<String> linear)
      implements Function {
    @Override
    public Function rewritten(Callee signature, UnaryOperator<Expr> rewrite) {
      return new JvpRule(signature, Rewrite.stmts(body, rewrite), name, tangentNames, linear);
    }

    /**
     * The rule's body as plain code: {@code values} and {@code tangents} declared (one of each, or one
     * per leaf of a record result, null where a leaf has no tangent), and each
     * {@code return Dual.of(v, t)} split into {@code value = v; tangent = t; return value} (a record
     * leaf by leaf, returned whole, a leaf without a value local as the rule computes it).
     */
    public List<Stmt> splitBody(List<Expr.Var> values, List<Expr.Var> tangents) {
      List<Stmt> out = new ArrayList<>();
      values.stream().filter(Objects::nonNull).forEach(v -> out.add(new Stmt.Declare(v)));
      tangents.stream().filter(Objects::nonNull).forEach(t -> out.add(new Stmt.Declare(t)));
      out.addAll(splitPairs(body, values, tangents));
      return out;
    }

    private static List<Stmt> splitPairs(List<Stmt> body, List<Expr.Var> values, List<Expr.Var> tangents) {
      List<Stmt> out = new ArrayList<>();
      for (Stmt s : body) {
        if (s instanceof Stmt.Return r && r.value() instanceof Expr.Pair p) {
          assignLeaves(values, p.value(), out);
          assignLeaves(tangents, p.tangent(), out);
          if (p.value() instanceof Expr.RecordValue record) {
            List<Expr> leaves = IntStream.range(0, values.size())
                .mapToObj(i -> values.get(i) != null ? values.get(i) : record.leaves().get(i)).toList();
            out.add(new Stmt.Return(new Expr.RecordValue(record.shape(), leaves)));
          } else {
            out.add(new Stmt.Return(values.get(0)));
          }
        } else {
          out.add(Rewrite.withBodies(s, inner -> splitPairs(inner, values, tangents)));
        }
      }
      return out;
    }

    /** {@code targets[i] = leaf i of value} (a number is its own only leaf), where a target is given. */
    private static void assignLeaves(List<Expr.Var> targets, Expr value, List<Stmt> out) {
      List<Expr> leaves = value instanceof Expr.RecordValue record ? record.leaves() : List.of(value);
      for (int i = 0; i < targets.size(); i++) {
        if (targets.get(i) != null) {
          out.add(new Stmt.Assign(targets.get(i), leaves.get(i), false));
        }
      }
    }
  }

  /**
   * {@code @CustomJvp(jvps = ...)}: one rule of the same class per differentiated parameter, in order
   * ({@code null} where that tangent contributes zero), each called at first order; {@code asOneRule}
   * is the single {@code jvp} rule they amount to (JAX's {@code defjvps}), whose body orders 2 and
   * above differentiate.
   */
  record JvpsRules(Callee signature, List<String> ruleNames, JvpRule asOneRule) implements Function {
    @Override
    public Function rewritten(Callee signature, UnaryOperator<Expr> rewrite) {
      return new JvpsRules(signature, ruleNames, (JvpRule) asOneRule.rewritten(signature, rewrite));
    }

    /** The names of {@code fJvp}'s tangent parameters: {@code xDot} for each differentiated {@code x}. */
    public List<String> tangentNames() {
      return asOneRule.tangentNames();
    }
  }

  /**
   * {@code @CustomVjp}: the forward and backward passes, in the same class, called, never read; and, for
   * order 2, its pullback as differentiable functions (one per differentiated parameter), built from
   * the passes' bodies; empty at order 1.
   */
  record VjpRule(Callee signature, String fwd, String bwd, List<Function> pullbacks) implements Function {
    @Override
    public Function rewritten(Callee signature, UnaryOperator<Expr> rewrite) {
      return new VjpRule(signature, fwd, bwd, pullbacks);
    }
  }
}
