package io.jgrad.processor.transform;

import io.jgrad.processor.ir.Callee;
import io.jgrad.processor.ir.Expr;
import io.jgrad.processor.ir.Exprs;
import io.jgrad.processor.ir.Linear;
import io.jgrad.processor.ir.Primitive;
import io.jgrad.processor.ir.RecordShape;
import io.jgrad.processor.ir.Stmt;
import io.jgrad.processor.ir.Type;
import java.util.ArrayList;
import java.util.List;

/**
 * Higher orders as forward mode applied to the output of forward mode: the tangent program of a
 * function (its JVP, or its custom JVP rule, or the kernel of the order below) becomes an ordinary
 * body whose result is the tangent, and {@link Jvp} differentiates that again. Calls inside a custom
 * rule, to the function itself included, go through the callee's forward mode, so a rule that calls
 * its primal applies at every order, and one that does not is differentiated as written.
 */
public final class SecondOrder {
  private SecondOrder() {}

  /** The body computing the first-order tangent, from a linearized program. */
  public static List<Stmt> tangentBody(List<Linear> program) {
    List<Stmt> out = new ArrayList<>();
    for (Linear l : program) {
      if (l instanceof Linear.Primal p) {
        out.add(p.stmt());
      } else if (l instanceof Linear.Tangent t) {
        out.add(new Stmt.Assign(t.target(), t.value(), t.declare()));
      } else if (l instanceof Linear.TangentArray a) {
        out.add(new Stmt.Assign(a.target(), new Expr.NewArray(a.target().type(), a.length()), true));
      } else if (l instanceof Linear.TangentWrite w) {
        Type element = w.target().type().element();
        out.add(new Stmt.ArrayWrite(w.target(), w.index(), w.source() != null ? w.source() : Exprs.lit(element, 0)));
      } else if (l instanceof Linear.DeclareTangent d) {
        out.add(new Stmt.Declare(d.target()));
      } else if (l instanceof Linear.If f) {
        out.add(new Stmt.If(f.condition(), tangentBody(f.thenBody()), tangentBody(f.elseBody())));
      } else if (l instanceof Linear.While w) {
        out.add(new Stmt.While(w.condition(), tangentBody(w.body())));
      } else if (l instanceof Linear.Block b) {
        out.add(new Stmt.Block(tangentBody(b.body())));
      } else if (l instanceof Linear.Return r) {
        out.add(new Stmt.Return(r.tangent() != null ? r.tangent() : Exprs.lit(r.value().type(), 0)));
      } else if (l instanceof Linear.RecordReturn r) {
        out.add(new Stmt.Return(tangentRecord(r)));
      } else if (l instanceof Linear.Call c && c.callee().recordResult() != null) {
        out.addAll(recordCall(c));
      } else if (l instanceof Linear.Call c && isVector(c.callee())) {
        out.addAll(VectorObjectTangent.of(c, output(c.callee())));
      } else if (l instanceof Linear.Call c) {
        // y = g(args): y from output(g), so that its derivative differentiates custom rules' bodies.
        Callee g = c.callee();
        Expr tangent = g.isFunctionObject() ? functionObjectTangent(c) : tangent(c);
        Type type = g.isFunctionObject() ? Type.DOUBLE : g.returnType();
        out.add(new Stmt.Assign(c.result(), new Expr.Call(output(g), c.args(), type), c.declare()));
        out.add(new Stmt.Assign(c.resultDot(), tangent, c.declare()));
      }
    }
    return out;
  }

  /**
   * {@code (y..., ẏ...) = g(args)} for a function with a record result (a {@code @CustomJvp} rule):
   * the leaves from {@code output(g)}, their tangents from the record {@code gTangent} returns, whose
   * forward mode ({@code gTangentJvp}) differentiates the rule's tangent as written.
   */
  private static List<Stmt> recordCall(Linear.Call c) {
    Callee g = c.callee();
    List<Expr> args = new ArrayList<>(c.args());
    int k = 0;
    for (int i = 0; i < g.params().size(); i++) {
      if (g.params().get(i).differentiated()) {
        Expr.Var tangent = c.argTangents().get(k++);
        args.add(tangent != null ? tangent : zeroLike(g.params().get(i).type(), c.args().get(i)));
      }
    }
    List<Expr.Var> dots = new ArrayList<>();
    for (int i = 0; i < c.results().size(); i++) {
      Expr.Var dot = c.resultDots().get(i);
      // A leaf without a tangent (an int) still takes its place in the tangent record.
      dots.add(dot != null ? dot : new Expr.Var(c.results().get(i).name() + "NoTangent", c.results().get(i).type()));
    }
    Expr.Var first = c.results().get(0);
    return List.of(
        new Stmt.CallRecord(new Expr.Var(first.name() + "Record", Type.OBJECT), c.results(),
            new Expr.Call(output(g), c.args(), Type.OBJECT)),
        new Stmt.CallRecord(new Expr.Var(first.name() + "TangentRecord", Type.OBJECT), List.copyOf(dots),
            new Expr.Call(g.recordTangentFunction(), args, Type.OBJECT)));
  }

  /**
   * The tangent of a record result as a record of its type: a leaf without a tangent is zero, or,
   * where it has none at all (an int, a String), its value, as in the first-order tangent.
   */
  private static Expr.RecordValue tangentRecord(Linear.RecordReturn r) {
    List<Expr> leaves = new ArrayList<>();
    for (int i = 0; i < r.tangents().size(); i++) {
      RecordShape.Leaf leaf = r.value().shape().leaves().get(i);
      Expr.Var tangent = r.tangents().get(i);
      leaves.add(tangent != null ? tangent : leaf.differentiable() ? Exprs.lit(leaf.type(), 0)
          : r.value().leaves().get(i));
    }
    return new Expr.RecordValue(r.value().shape(), List.copyOf(leaves));
  }

  /**
   * The tangent {@code ẏ = g'(args)·argsDot} of {@code y = g(args)}: a call of g's tangent function,
   * whose own forward mode carries second derivatives.
   */
  private static Expr tangent(Linear.Call c) {
    Callee g = c.callee();
    if (g.tangentOrder() > 0) {
      return tangentOfTangent(c);
    }
    if (g.order() < 2) {
      throw new IllegalStateException("a higher order through " + g.name() + ", of order 1, passed OrderLimits");
    }
    List<Expr> args = new ArrayList<>(c.args());
    int k = 0;
    for (int i = 0; i < g.params().size(); i++) {
      if (g.params().get(i).differentiated()) {
        Expr.Var tangent = c.argTangents().get(k++);
        args.add(tangent != null ? tangent : zeroLike(g.params().get(i).type(), c.args().get(i)));
      }
    }
    return new Expr.Call(g.tangentFunction(), args, g.returnType());
  }

  /**
   * A zero tangent of type {@code t} for the argument {@code arg}: {@code 0}, or for an array zeros of
   * its length.
   */
  private static Expr zeroLike(Type t, Expr arg) {
    return t.isArray() ? new Expr.NewArray(t, new Expr.ArrayLength(arg)) : Exprs.lit(t, 0);
  }

  /**
   * The tangent of {@code y = Dᵏg(p)[v1, ..., vk]}, a call of g's tangent function k, multilinear in
   * the v's: {@code Dᵏ⁺¹g(p)[v1, ..., vk, ṗ]} (tangent function k + 1) plus, for each vi with a
   * tangent, {@code Dᵏg(p)[v1, ..., v̇i, ..., vk]}; terms without a tangent are left out.
   */
  private static Expr tangentOfTangent(Linear.Call c) {
    Callee t = c.callee();
    int k = t.tangentOrder();
    List<Callee.Param> diff = t.differentiatedParams();
    int perGroup = diff.size() / (k + 1);
    int firstDirection = c.args().size() - k * perGroup;
    Expr sum = null;
    for (int group = 0; group <= k; group++) {
      List<Expr.Var> dots = c.argTangents().subList(group * perGroup, (group + 1) * perGroup);
      if (dots.stream().allMatch(java.util.Objects::isNull)) {
        continue;
      }
      List<Expr> args = new ArrayList<>(c.args());
      for (int i = 0; i < perGroup; i++) {
        Expr dot = dots.get(i) != null ? dots.get(i)
            : zeroLike(diff.get(i).type(), c.args().get(t.params().indexOf(diff.get(i))));
        if (group == 0) {
          args.add(dot);
        } else {
          args.set(firstDirection + (group - 1) * perGroup + i, dot);
        }
      }
      // A term of t itself is a value differentiated again later: read through its rule primal.
      Expr term = new Expr.Call(group == 0 ? t.nextTangentFunction() : output(t), args, t.returnType());
      sum = sum == null ? term : Exprs.prim(Primitive.ADD, sum, term);
    }
    return sum != null ? sum : Exprs.lit(t.returnType(), 0);
  }

  /**
   * The tangent of {@code y = f.value(x, y)} through a function object: {@code ẏ = f.partialFirst().value(x, y)·ẋ
   * + f.partialSecond().value(x, y)·ẏ}, whose forward mode goes through the partials' own jvp (objects
   * of functions compiled with order 2 have them; others throw at run time, naming the fix).
   */
  private static Expr functionObjectTangent(Linear.Call c) {
    Callee g = c.callee();
    Expr tangent = null;
    for (int k = 0; k < g.params().size(); k++) {
      Expr.Var argDot = c.argTangents().get(k);
      if (argDot == null) {
        continue;
      }
      Callee partial = partial(g, k);
      Expr term = Exprs.prim(Primitive.MUL, new Expr.Call(partial, c.args(), Type.DOUBLE), argDot);
      tangent = tangent == null ? term : Exprs.prim(Primitive.ADD, tangent, term);
    }
    return tangent != null ? tangent : Exprs.lit(Type.DOUBLE, 0);
  }

  /**
   * The call {@code f.value(args)} made through the object's partial derivative {@code k} instead
   * ({@code f.partialFirst().value(args)}, {@code f.partial(k).value(args)} for a {@code DiffFnN}):
   * second order through a function object. A {@code DiffFnN} of one array is not reached here.
   */
  static Callee partial(Callee objectCall, int k) {
    requireNotVector(objectCall);
    return objectCall.withReceiver(objectCall.receiver() + "." + (objectCall.isPacked() ? "partial(" + k + ")"
        : Callee.partialMethod(k, objectCall.params().size()) + "()"));
  }

  /**
   * The call giving a callee's output in code that is differentiated again: what custom rules'
   * bodies compute, differentiated as written ({@link Callee#secondOrderPrimal}, or a function
   * object's {@code rulePrimal()}), so that a rule that does not call its function applies once.
   */
  static Callee output(Callee g) {
    if (!g.isFunctionObject()) {
      return g.secondOrderPrimal();
    }
    return g.withReceiver(g.receiver() + ".rulePrimal()");
  }

  /** Whether {@code g} is a call through a {@code DiffFnN} with one array ({@code f.value(x)}). */
  static boolean isVector(Callee g) {
    return g.isFunctionObject() && g.ownerQualifiedName().equals(Type.FN_N.javaName()) && !g.isPacked();
  }

  private static void requireNotVector(Callee objectCall) {
    if (isVector(objectCall)) {
      throw new IllegalStateException("the partial of the DiffFnN " + objectCall.receiver() + " of an array at a"
          + " constant index");
    }
  }
}
