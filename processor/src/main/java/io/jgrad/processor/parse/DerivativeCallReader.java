package io.jgrad.processor.parse;

import static io.jgrad.processor.parse.ReadContext.coerce;

import com.sun.source.tree.ArrayAccessTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.LiteralTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import io.jgrad.processor.diag.Codes;
import io.jgrad.processor.ir.Callee;
import io.jgrad.processor.ir.DiffSpec;
import io.jgrad.processor.ir.Expr;
import io.jgrad.processor.ir.Exprs;
import io.jgrad.processor.ir.Names;
import io.jgrad.processor.ir.RecordResultLeaves;
import io.jgrad.processor.ir.RecordShape;
import io.jgrad.processor.ir.ReverseOnlyHvp;
import io.jgrad.processor.ir.Stmt;
import io.jgrad.processor.ir.Type;
import io.jgrad.processor.ir.TypeMapper;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;

/**
 * Reads a call to a generated entry point of a function {@code f} of order 2, read through its
 * result's methods on the call or on a local holding it ({@code XDerivatives.fJvp(p, v).tangent()},
 * {@code fGrad(p).y()}, {@code fVjp(p).pullback(g).x()}, {@code fValueAndGrad(p).value()},
 * {@code d.tangent()}), as a call to a function whose derivatives {@code f}'s generated
 * class has: {@code f} itself for a value, {@code fTangent} (forward mode) for a tangent or a
 * gradient component when {@code f} has forward mode, else {@code fPullbackX} (reverse mode only),
 * so that a caller is differentiated through it like through any call.
 */
final class DerivativeCallReader {
  private final ReadContext cx;
  /** The locals declared with a derivative call's whole result ({@link #hold}), read through their methods. */
  private final Map<Element, HeldCall> held = new HashMap<>();
  /** The gradients of functions of arrays, which hoists those read in place. */
  private final ArrayDerivativeCalls arrays;

  DerivativeCallReader(ReadContext cx) {
    this.cx = cx;
    this.arrays = new ArrayDerivativeCalls(cx);
  }

  /** What one selector after the entry point's call asks: a method name and its arguments. */
  record Selector(String name, List<? extends ExpressionTree> args, TreePath path) {}

  /**
   * The derivative call {@code t} ends, as the IR of a call; empty when {@code t} is no derivative
   * call. A shape jgrad does not differentiate is reported and reads as {@link ReadContext#dummy}.
   */
  Optional<Expr> read(MethodInvocationTree t, TreePath path) {
    return read(t, path, ArrayDerivativeCalls.Place.VALUE);
  }

  /**
   * The derivative call {@code t} that initializes a local array, as {@link #read(MethodInvocationTree,
   * TreePath)} reads it; here a gradient that is an array ({@code double[] g = fGrad(w)}) is read too.
   */
  Optional<Expr> readArray(MethodInvocationTree t, TreePath path) {
    return read(t, path, ArrayDerivativeCalls.Place.LOCAL);
  }

  private Optional<Expr> read(MethodInvocationTree t, TreePath path, ArrayDerivativeCalls.Place place) {
    Optional<Expr> onObject = new FunctionObjectCalls(cx, this).read(t, path);
    return onObject.isPresent() ? onObject : chain(t, path).map(c -> c.failure() != null ? c.failure()
        : reading(c.target(), c.args(), c.selectors(), t, c.shown(), place));
  }

  /**
   * A derivative call read through {@code selectors}, on the call or on a local holding its result
   * ({@code shown}), with its flat arguments; or the {@code failure} reported for it.
   */
  private record Chain(DerivativeCallTarget target, List<Expr> args, List<Selector> selectors, String shown,
      Expr failure) {}

  /** The derivative call {@code t} ends, with the selectors after it; empty when {@code t} is none. */
  /**
   * A chain of calls read from its outermost call inwards: to the entry point it is made on
   * ({@code target}, called by {@code call}), or, where {@code target} is empty, to a receiver that
   * is no call ({@code receiver}; null where a call is made on no receiver at all).
   */
  record Walk(Optional<DerivativeCallTarget> target, MethodInvocationTree call, TreePath callPath,
      List<Selector> selectors, TreePath receiver) {}

  /** The chain of calls {@code t} ends, read inwards (see {@link Walk}). */
  Walk walk(MethodInvocationTree t, TreePath path) {
    List<Selector> selectors = new ArrayList<>();
    MethodInvocationTree call = t;
    TreePath callPath = path;
    Optional<DerivativeCallTarget> target = DerivativeCallTarget.of(call, cx.unit, cx.callees.elements);
    while (target.isEmpty() && call.getMethodSelect() instanceof MemberSelectTree select) {
      selectors.add(0, new Selector(select.getIdentifier().toString(), call.getArguments(), callPath));
      TreePath receiverPath = new TreePath(new TreePath(callPath, select), select.getExpression());
      if (!(select.getExpression() instanceof MethodInvocationTree inner)) {
        return new Walk(target, call, callPath, selectors, receiverPath);
      }
      callPath = receiverPath;
      call = inner;
      target = DerivativeCallTarget.of(call, cx.unit, cx.callees.elements);
    }
    return new Walk(target, call, callPath, selectors, null);
  }

  private Optional<Chain> chain(MethodInvocationTree t, TreePath path) {
    Walk w = walk(t, path);
    if (w.target().isEmpty()) {
      HeldCall h = w.receiver() != null && w.receiver().getLeaf() instanceof IdentifierTree
          ? held.get(cx.trees.getElement(w.receiver())) : null;
      return h == null ? Optional.empty() : Optional.of(h.chain(w.selectors()));
    }
    if (w.target().get().suffix().isEmpty() && w.selectors().isEmpty()) {
      return Optional.empty(); // the function object, passed on: FactoryCalls reads it
    }
    return Optional.of(called(w.target().get(), w.call(), w.callPath(), w.selectors()));
  }

  /**
   * The call {@code call} of the entry point {@code target}, read through {@code selectors}: its flat
   * arguments, or the failure reported where jgrad refuses it or it has the wrong number of arguments.
   */
  private Chain called(DerivativeCallTarget target, MethodInvocationTree call, TreePath callPath,
      List<Selector> selectors) {
    Optional<Expr> refused = refused(target, call);
    if (refused.isPresent()) {
      return new Chain(target, null, selectors, null, refused.get());
    }
    FlatDerivativeCall flat = FlatDerivativeCall.of(target.function(), cx.callees);
    int expected = flat.arity(target.takesDirections());
    if (call.getArguments().size() != expected) {
      return new Chain(target, null, selectors, null, cx.failed(Codes.DERIVATIVE_CALL,
          call.getMethodSelect() + " takes " + expected + " arguments, not " + call.getArguments().size(), call));
    }
    List<Expr> args = flat.args(call.getArguments(), callPath, cx, target.takesDirections());
    return new Chain(target, args, selectors, target.method() + "(...)", null);
  }

  /** {@code body} after the locals holding gradients read in place ({@link ArrayDerivativeCalls#withHoisted}). */
  List<Stmt> withHoisted(List<Stmt> body) {
    return arrays.withHoisted(body);
  }

  /**
   * The leaves of a record of {@code shape} that a derivative call gives whole, {@code e} at
   * {@code path}: {@code fGrad(p)} of one record parameter, a record component of a gradient
   * ({@code fGrad(p, t).p()}, {@code g.p()}), {@code fVjp(p).pullback(g)}, or a local holding one;
   * each differentiable leaf read as that component, each other leaf the argument's (as the
   * generated gradient has it). Empty when {@code e} is no derivative call.
   */
  Optional<List<Expr>> recordLeaves(ExpressionTree e, TreePath path, RecordShape shape) {
    HeldCall h = e instanceof IdentifierTree ? held.get(cx.trees.getElement(path)) : null;
    Optional<Chain> found = h != null ? Optional.of(h.chain(List.of()))
        : e instanceof MethodInvocationTree t ? chain(t, path) : Optional.empty();
    if (found.isEmpty()) {
      return Optional.empty();
    }
    Chain c = found.get();
    int size = shape.leaves().size();
    if (c.failure() != null) {
      return Optional.of(new ArrayList<>(java.util.Collections.nCopies(size, c.failure())));
    }
    FlatDerivativeCall flat = FlatDerivativeCall.of(c.target().function(), cx.callees);
    boolean gradient = List.of("Grad", "Vjp", "ValueAndGrad").contains(c.target().suffix());
    List<Optional<Reading>> reads = new ArrayList<>();
    List<Integer> primals = new ArrayList<>();
    for (RecordShape.Leaf leaf : shape.leaves()) {
      List<Selector> selectors = new ArrayList<>(c.selectors());
      leaf.path().forEach(n -> selectors.add(new Selector(n, List.of(), path)));
      reads.add(leaf.differentiable() ? Reading.of(c.target().suffix(), flat, selectors) : Optional.empty());
      int prefix = Reading.gradientSelector(c.target().suffix(), flat) == null ? 0 : 1;
      primals.add(leaf.differentiable() || !gradient || selectors.size() < prefix ? -1
          : flat.primalIndex(selectors.stream().skip(prefix).map(Selector::name).toList()));
    }
    boolean readable = IntStream.range(0, size).allMatch(i -> reads.get(i).isPresent() || primals.get(i) >= 0);
    if (!readable) {
      Expr failed = cx.failed(Codes.DERIVATIVE_CALL, "jgrad differentiates a record a derivative call gives"
          + " whole where it is a gradient of records, or a record component of one; hint: read the numbers you"
          + " need, " + Reading.shapes(c.target(), flat, c.shown()), e);
      return Optional.of(new ArrayList<>(java.util.Collections.nCopies(size, failed)));
    }
    List<Expr> out = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      out.add(reads.get(i).isPresent() ? reading(c.target(), c.args(), reads.get(i), e, c.shown(),
          ArrayDerivativeCalls.Place.VALUE)
          : c.args().get(primals.get(i)));
    }
    return Optional.of(out);
  }

  /**
   * {@code XDerivatives.fHessian(p...)[i][j]}, or {@code h[i][j]} on a local {@code h} holding it,
   * at constant indices: the entry D²f(p)[eᵢ, eⱼ] of the differentiated parameters (leaves of
   * records, depth first), through {@code fTangent2}; empty when {@code t} reads no Hessian.
   */
  Optional<Expr> readIndexed(ArrayAccessTree t, TreePath path) {
    if (t.getExpression() instanceof MethodInvocationTree call) {
      // fGrad(w)[i] of a function of arrays: an element of the gradient, hoisted.
      return read(call, new TreePath(path, call), ArrayDerivativeCalls.Place.INDEXED)
          .map(g -> ArrayDerivativeCalls.element(g, coerce(cx.expr(t.getIndex(), path), Type.INT)));
    }
    if (!(t.getExpression() instanceof ArrayAccessTree row)) {
      return Optional.empty();
    }
    TreePath innerPath = new TreePath(new TreePath(path, row), row.getExpression());
    Chain c;
    HeldCall h = heldHessian(row.getExpression(), innerPath);
    if (row.getExpression() instanceof MethodInvocationTree call) {
      Optional<DerivativeCallTarget> d = DerivativeCallTarget.of(call, cx.unit, cx.callees.elements)
          .filter(x -> x.suffix().equals("Hessian"));
      if (d.isEmpty()) {
        return Optional.empty();
      }
      c = called(d.get(), call, innerPath, List.of());
    } else if (h != null) {
      c = h.chain(List.of());
    } else {
      return Optional.empty();
    }
    if (c.failure() != null) {
      return Optional.of(c.failure());
    }
    int n = FlatDerivativeCall.of(c.target().function(), cx.callees).callee().differentiatedParams().size();
    int i = constantIndex(row.getIndex());
    int j = constantIndex(t.getIndex());
    Optional<Reading> entry = i >= 0 && i < n && j >= 0 && j < n && n > 1 ? Optional.of(new Reading.Second(i, j))
        : Optional.empty();
    return Optional.of(reading(c.target(), c.args(), entry, t, c.shown(), ArrayDerivativeCalls.Place.VALUE));
  }

  /** The local holding a Hessian that {@code e} names, else null. */
  private HeldCall heldHessian(ExpressionTree e, TreePath path) {
    HeldCall h = e instanceof IdentifierTree ? held.get(cx.trees.getElement(path)) : null;
    return h != null && h.target().suffix().equals("Hessian") ? h : null;
  }

  /** The value of an {@code int} literal index, else -1. */
  private static int constantIndex(ExpressionTree index) {
    return index instanceof LiteralTree l && l.getValue() instanceof Integer k ? k : -1;
  }

  /** A local holding a derivative call's whole result: the call, its arguments as evaluated, the local's name. */
  private record HeldCall(DerivativeCallTarget target, List<Expr> args, String name) {
    /** The held call read through {@code selectors} on the local. */
    Chain chain(List<Selector> selectors) {
      return new Chain(target, args, selectors, name, null);
    }
  }

  /**
   * Reads the declaration {@code t} of {@code local} when it holds a derivative call's whole result
   * ({@code Dual d = XDerivatives.fJvp(x, 1)}, {@code var g = XDerivatives.fGrad(x, y)}): the call's
   * arguments go to fresh locals, as Java evaluates them there, and each later read of the local
   * ({@code d.tangent()}, {@code g.y()}) is read as the call read at once. False when {@code t}
   * declares no such local.
   */
  boolean hold(VariableTree t, TreePath path, Element local, List<Stmt> out) {
    Type type = local == null ? null : TypeMapper.map(local.asType());
    if (local == null || type != null && (type.isScalar() || type.isArray())) {
      return false; // double[] g = fGrad(w) is LocalArrayReader's
    }
    HeldCall h = t.getInitializer() instanceof IdentifierTree copied
        ? held.get(cx.trees.getElement(new TreePath(path, copied))) : null;
    if (h != null) {
      // Dual e = d: the same immutable result, its arguments already evaluated.
      held.put(local, new HeldCall(h.target(), h.args(), local.getSimpleName().toString()));
      return true;
    }
    if (!(t.getInitializer() instanceof MethodInvocationTree init)) {
      return false;
    }
    Optional<DerivativeCallTarget> target = DerivativeCallTarget.of(init, cx.unit, cx.callees.elements)
        .filter(d -> DerivativeCallTarget.DIFFERENTIATED.contains(d.suffix()));
    if (target.isEmpty()) {
      return false;
    }
    Optional<Expr> refused = refused(target.get(), init);
    boolean jvp = target.get().takesDirections();
    FlatDerivativeCall flat = FlatDerivativeCall.of(target.get().function(), cx.callees);
    if (refused.isPresent() || init.getArguments().size() != flat.arity(jvp)) {
      // Reported (a wrong count is javac's own error once the class exists): reads of the local are no second mistake.
      cx.rejectedLocals.add(local);
      return true;
    }
    List<Expr> args = flat.args(init.getArguments(), new TreePath(path, init), cx, jvp);
    List<Callee.Param> params = jvp ? flat.callee().tangentFunction().params() : flat.callee().params();
    String name = local.getSimpleName().toString();
    List<Expr> kept = new ArrayList<>();
    for (int i = 0; i < args.size(); i++) {
      Callee.Param p = params.get(i);
      if (p.type().isArray()) {
        // An array is not copied: only a parameter's, which the body cannot write, is sure to be the same later.
        if (!ArrayDerivativeCalls.isParameter(init.getArguments().get(i), new TreePath(path, init), cx)) {
          cx.error(Codes.DERIVATIVE_CALL, "the result of " + init.getMethodSelect() + " is held in a local, and"
              + " its array argument may change before it is read; hint: pass a parameter of "
              + cx.method.getSimpleName() + ", or read the number on the call itself", init.getArguments().get(i));
          cx.rejectedLocals.add(local);
          return true;
        }
        kept.add(args.get(i));
        continue;
      }
      Expr.Var v = new Expr.Var(cx.fresh(name + Names.capitalized(p.name())),
          p.type());
      out.add(new Stmt.Assign(v, args.get(i), true));
      arrays.copied(v, args.get(i));
      kept.add(v);
    }
    held.put(local, new HeldCall(target.get(), List.copyOf(kept), name));
    return true;
  }

  /** The error for reading {@code local}, which holds a derivative call's result, as a whole value; empty for other locals. */
  Optional<Expr> readWhole(Element local, IdentifierTree at) {
    HeldCall h = held.get(local);
    return h == null ? Optional.empty() : Optional.of(cx.failed(Codes.DERIVATIVE_CALL, "jgrad differentiates"
        + " the result of a derivative call read through its methods, " + Reading.shapes(h.target(),
            FlatDerivativeCall.of(h.target().function(), cx.callees), h.name()) + "; hint: read the number you need"
        + Reading.wholeDual(h.target()), at));
  }

  /**
   * The IR of what {@code selectors} read from the entry point {@code target} called with the flat
   * arguments {@code args} ({@link FlatDerivativeCall#args}); {@code shown} names the call or the
   * local the selectors apply to, for messages.
   */
  private Expr reading(DerivativeCallTarget target, List<Expr> args, List<Selector> selectors,
      MethodInvocationTree whole, String shown, ArrayDerivativeCalls.Place place) {
    return reading(target, args, Reading.of(target.suffix(), FlatDerivativeCall.of(target.function(), cx.callees),
        selectors), whole, shown, place);
  }

  /** The IR of {@code reading} (empty: a read jgrad does not differentiate, reported at {@code whole}). */
  Expr reading(DerivativeCallTarget target, List<Expr> args, Optional<Reading> reading, ExpressionTree whole,
      String shown, ArrayDerivativeCalls.Place place) {
    ExecutableElement f = target.function();
    FlatDerivativeCall flat = FlatDerivativeCall.of(f, cx.callees);
    Callee c = flat.callee();
    boolean forward = CalleeReach.hasForwardMode(f, cx.trees, cx.callees);
    if (target.suffix().equals("Jvp") && !forward) {
      // fJvp does not exist: MissingMethodScanner says why at the call.
      cx.javacError = true;
      return ReadContext.dummy();
    }
    if (target.suffix().equals("Hvp") && !forward && !ReverseOnlyHvp.exists(c, c.order(), flat.sig() != null)) {
      // fHvp does not exist: MissingMethodScanner says why.
      cx.javacError = true;
      return ReadContext.dummy();
    }
    if (reading.isEmpty()) {
      return cx.failed(Codes.DERIVATIVE_CALL, "jgrad differentiates a derivative call whose result is read"
          + " through its methods, " + Reading.shapes(target, flat, shown) + "; hint: read the number you need"
          + Reading.wholeDual(target), whole);
    }
    List<Expr> primals = args.subList(0, c.params().size());
    Reading r = reading.get();
    if (!(r instanceof Reading.Value) && forward && CalleeReach.reachesNonNumberRule(f, cx.trees, cx.callees)) {
      return cx.failed(Codes.DERIVATIVE_CALL, "jgrad does not differentiate " + shown + " yet: " + f.getSimpleName()
          + " reaches a @CustomJvp rule with an array or record result, through whose tangent no reverse mode"
          + " goes; hint: give that rule a plain body, or read only " + f.getSimpleName() + "'s value", whole);
    }
    Optional<String> noTangentVjp = r instanceof Reading.Value ? Optional.empty()
        : CompiledInternals.missing(f, c, cx);
    if (noTangentVjp.isPresent()) {
      return cx.failed(Codes.DERIVATIVE_CALL, "jgrad does not differentiate " + shown + " yet: "
          + f.getSimpleName() + " is a library's, " + noTangentVjp.get() + "; hint: compile its class again"
          + " with this jgrad, or read only " + f.getSimpleName() + "'s value", whole);
    }
    if (ArrayResultCalls.applies(c)) {
      return ArrayResultCalls.read(cx, arrays, target, c, CalleeReach.hasRulePrimal(f, cx.trees, cx.callees),
          primals, args.subList(c.params().size(), args.size()), r, place, whole, shown);
    }
    if (flat.recordResult() && (!forward || CalleeReach.hasRulePrimal(f, cx.trees, cx.callees))) {
      return cx.failed(Codes.DERIVATIVE_CALL, shown + " is not differentiated yet: " + f.getSimpleName()
          + " returns a record and reaches a custom rule; hint: call a function without custom rules, or"
          + " return a number", whole);
    }
    if (r instanceof Reading.Leaf l) {
      c = RecordResultLeaves.callee(c, flat.sig().result().leaves().get(l.leaf()));
      r = l.inner();
    }
    if (r instanceof Reading.Tangent) {
      return tangent(c, primals, args.subList(c.params().size(), args.size()));
    }
    if (!(r instanceof Reading.Value) && c.differentiatedParams().stream().anyMatch(p -> p.type().isArray())) {
      if (r instanceof Reading.Second s && s.first() < 0 && forward && c.hasHvpFunction()) {
        return arrays.hvp(c, primals, args.subList(c.params().size(), args.size()), place, whole);
      }
      if (r instanceof Reading.Second) {
        return cx.failed(Codes.DERIVATIVE_CALL, "jgrad differentiates " + shown + " where " + f.getSimpleName()
            + " takes numbers or records; of a function of arrays it differentiates fJvp and the gradient;"
            + " hint: read " + f.getSimpleName() + "Jvp(...).tangent() along the direction you need", whole);
      }
      Reading.Pullback pulled = r instanceof Reading.Pullback p ? p : null;
      // Without forward mode (a @CustomVjp rule reached) the gradient is read through the pullback functions.
      return arrays.gradient(c, forward, primals, pulled != null ? pulled.component()
          : ((Reading.Gradient) r).component(), pulled != null ? pulled.call() : null, place, whole, shown);
    }
    if (r instanceof Reading.Gradient g) {
      return gradient(c, forward, primals, g.component(), Expr.Const.ofDouble(1));
    }
    if (r instanceof Reading.Second s && !forward) {
      // An fHvp component (no first index) contracts the rows along the call's direction.
      return s.first() >= 0 ? ReverseSecondDerivatives.entry(c, primals, s.first(), s.second())
          : ReverseSecondDerivatives.hvpComponent(c, primals, s.second(), args.subList(c.params().size(),
              args.size()));
    }
    if (r instanceof Reading.Second s) {
      // fTangent2(p, a, b) differentiates the tangent along a in the direction b: entry [i][j] of the
      // Hessian is (eᵢ, eⱼ), and component i of fHvp is (eᵢ, v), J·v (jvp(grad f)) as the generated
      // fHvp computes it, even where a rule's second derivatives are not symmetric.
      List<Expr> inner = s.first() >= 0 ? unit(c, s.first()) : unit(c, s.second());
      List<Expr> outer = s.first() >= 0 ? unit(c, s.second()) : args.subList(c.params().size(), args.size());
      Expr second = new Expr.Call(c.tangentFunction(2), Stream.of(primals, inner, outer)
          .flatMap(List::stream).toList(), c.returnType());
      // fHessian's entries are doubles, fHvp's components of their parameters' types.
      return coerce(second, s.first() >= 0 ? Type.DOUBLE : c.differentiatedParams().get(s.second()).type());
    }
    if (r instanceof Reading.Pullback p && flat.recordResult()) {
      // Σ over the leaves of the record cotangent times the leaf's gradient component.
      List<Expr> cotangents = cx.records.record(p.call().args().get(0), p.call().path(), flat.sig().result());
      Expr sum = null;
      for (int i = 0; i < cotangents.size(); i++) {
        Expr term = gradient(RecordResultLeaves.callee(c, flat.sig().result().leaves().get(i)), forward, primals,
            p.component(), coerce(cotangents.get(i), Type.DOUBLE));
        sum = sum == null ? term : Exprs.add(sum, term);
      }
      return sum;
    }
    if (r instanceof Reading.Pullback p) {
      return gradient(c, forward, primals, p.component(),
          coerce(cx.expr(p.call().args().get(0), p.call().path()), Type.DOUBLE));
    }
    // The value: as in JAX, the output custom rules compute (fRulePrimal), differentiated as written.
    boolean rulePrimal = forward && CalleeReach.hasRulePrimal(f, cx.trees, cx.callees);
    return new Expr.Call(rulePrimal ? c.withRulePrimal(true).secondOrderPrimal() : c, primals, c.returnType());
  }

  /**
   * The error for a derivative call jgrad does not differentiate, reported at {@code call}; empty
   * when it does.
   */
  Optional<Expr> refused(DerivativeCallTarget target, MethodInvocationTree call) {
    ExecutableElement f = target.function();
    String spelled = call.getMethodSelect().toString();
    if (!DerivativeCallTarget.DIFFERENTIATED.contains(target.suffix())
        && !ArrayResultCalls.jacobian(target, FlatDerivativeCall.of(f, cx.callees).callee())) {
      return Optional.of(cx.failed(Codes.DERIVATIVE_CALL, "jgrad does not differentiate a call to " + spelled
          + "; it differentiates calls to " + f.getSimpleName() + "Jvp, " + f.getSimpleName() + "Grad, "
          + f.getSimpleName() + "ValueAndGrad, " + f.getSimpleName() + "Vjp(...).pullback(g), "
          + f.getSimpleName() + "Hvp and " + f.getSimpleName() + "Hessian(...)[i][j]"
          + (target.suffix().equals("Derivative") ? " (" + target.method() + " is the derivative of "
          + f.getSimpleName() + "'s own order n, so its derivatives would be of order n + 1)" : "")
          + "; hint: write the derivative with those", call));
    }
    if (cx.callsItself(f, call)) {
      return Optional.of(ReadContext.dummy());
    }
    Optional<String> unsupported = FlatDerivativeCall.unsupported(f, cx.callees);
    if (unsupported.isPresent()) {
      return Optional.of(cx.failed(Codes.DERIVATIVE_CALL, spelled + " is not differentiated yet: "
          + f.getSimpleName() + " " + unsupported.get() + "; hint: call a function of numbers, records of"
          + " numbers or arrays of numbers with a double result", call));
    }
    DiffSpec spec = DiffSpec.of(f).orElseThrow();
    int callerOrder = DiffSpec.of(cx.method).map(DiffSpec::order).orElse(1);
    if (spec.order() < 2) {
      return Optional.of(cx.failed(Codes.DERIVATIVE_CALL, "the derivative of " + spelled + " is a second"
          + " derivative of " + f.getSimpleName() + ", generated only at order 2; hint: add order = "
          + (callerOrder + 1) + " to " + spec.annotation() + " on " + f.getSimpleName(), call));
    }
    int needed = callerOrder + target.ordersAbove();
    if (spec.order() < needed) {
      String fix = spec.order() - target.ordersAbove() >= 1 ? ", or " + cx.method.getSimpleName() + " order = "
          + (spec.order() - target.ordersAbove()) : "";
      return Optional.of(cx.failed(Codes.UNSUPPORTED_ORDER, "a derivative call in a function of order "
          + callerOrder + " needs " + f.getSimpleName() + "'s derivatives of order " + needed
          + ", and " + f.getSimpleName() + " has order " + spec.order() + "; hint: give " + f.getSimpleName()
          + " order = " + needed + fix, call));
    }
    return KernelDerivativeCalls.refusal(cx, f, spelled).map(m -> cx.failed(Codes.DERIVATIVE_CALL, m, call));
  }

  /** The unit direction along f's differentiated parameter {@code k}, each component of its parameter's type. */
  private static List<Expr> unit(Callee c, int k) {
    List<Callee.Param> diff = c.differentiatedParams();
    return IntStream.range(0, diff.size()).mapToObj(j -> (Expr) Exprs.lit(diff.get(j).type(), j == k ? 1 : 0))
        .toList();
  }

  /** f's JVP tangent along {@code direction}: a call to {@code fTangent}, whose forward mode callers keep. */
  private static Expr tangent(Callee c, List<Expr> primals, List<Expr> direction) {
    return new Expr.Call(c.tangentFunction(), Stream.concat(primals.stream(), direction.stream()).toList(),
        c.returnType());
  }

  /**
   * {@code cotangent}·∂f/∂pᵢ for the differentiated parameter {@code component}: f's tangent along
   * {@code cotangent} in that direction where f has forward mode, else its pullback function. Where
   * f has {@code float}s, the tangent along the unit direction, times the cotangent in double, of
   * the parameter's type as the generated gradient has it.
   */
  private static Expr gradient(Callee c, boolean forward, List<Expr> primals, int component, Expr cotangent) {
    List<Callee.Param> diff = c.differentiatedParams();
    if (!c.doublesOnly()) {
      Expr unit = tangent(c, primals, IntStream.range(0, diff.size())
          .mapToObj(j -> (Expr) Exprs.lit(diff.get(j).type(), j == component ? 1 : 0)).toList());
      Expr scaled = cotangent instanceof Expr.Const k && k.value() instanceof Number n && n.doubleValue() == 1 ? unit
          : Exprs.mul(cotangent, coerce(unit, Type.DOUBLE));
      return coerce(scaled, diff.get(component).type());
    }
    if (forward) {
      return tangent(c, primals, IntStream.range(0, diff.size())
          .mapToObj(j -> j == component ? cotangent : (Expr) Expr.Const.ofDouble(0)).toList());
    }
    Callee pullback = c.pullbackFunction(diff.get(component), c.pullbackCotangentName());
    return new Expr.Call(pullback, Stream.concat(primals.stream(), Stream.of(cotangent)).toList(), Type.DOUBLE);
  }

  /** What the selectors after an entry point read. */
  sealed interface Reading {
    /** f's value: {@code .value()}. */
    record Value() implements Reading {}

    /** The JVP's tangent: {@code .tangent()}. */
    record Tangent() implements Reading {}

    /** Gradient {@code component}: {@code fGrad(...)}, {@code .y()} of it, {@code fValueAndGrad}'s. */
    record Gradient(int component) implements Reading {}

    /**
     * A second derivative D²f(p)[u, e_second]: u the unit direction along {@code first}
     * ({@code fHessian(...)[first][second]}), or for {@code first} -1 the call's direction
     * ({@code fHvp(p, v)}, component {@code second}).
     */
    record Second(int first, int second) implements Reading {}

    /** Gradient {@code component} times the cotangent {@code call} passes: {@code fVjp(...).pullback(g).y()}. */
    record Pullback(int component, Selector call) implements Reading {}

    /** {@code inner} read at {@code leaf} of f's record result: {@code fJvp(...).tangent().a()}, {@code .value().a()}. */
    record Leaf(int leaf, Reading inner) implements Reading {}

    static Optional<Reading> of(String suffix, FlatDerivativeCall flat, List<Selector> selectors) {
      List<String> names = selectors.stream().map(Selector::name).toList();
      if (flat.recordResult() && !names.isEmpty() && !names.get(0).equals("pullback")) {
        int leaf = flat.resultLeaf(names.subList(1, names.size()));
        boolean read = List.of("Jvp", "Vjp").contains(suffix) && leaf >= 0
            && selectors.stream().allMatch(s -> s.args().isEmpty());
        return !read ? Optional.empty() : names.get(0).equals("value") ? Optional.of(new Leaf(leaf, new Value()))
            : names.get(0).equals("tangent") && suffix.equals("Jvp") ? Optional.of(new Leaf(leaf, new Tangent()))
            : Optional.empty();
      }
      if (List.of("Jvp", "Vjp", "ValueAndGrad").contains(suffix) && names.equals(List.of("value"))) {
        return Optional.of(new Value());
      }
      if (suffix.equals("Jvp")) {
        return names.equals(List.of("tangent")) ? Optional.of(new Tangent()) : Optional.empty();
      }
      if (suffix.equals("Hessian")) {
        // Entries of a Hessian matrix are read at indices (readIndexed); one parameter's is a number.
        return names.isEmpty() && flat.scalarGradient() ? Optional.of(new Second(0, 0)) : Optional.empty();
      }
      String gradient = gradientSelector(suffix, flat);
      int prefix = gradient == null ? 0 : 1;
      if (names.size() < prefix || (gradient != null && !names.get(0).equals(gradient))
          || selectors.stream().limit(prefix).anyMatch(s -> s.args().size() != (suffix.equals("Vjp") ? 1 : 0))
          || selectors.stream().skip(prefix).anyMatch(s -> !s.args().isEmpty())) {
        return Optional.empty();
      }
      int component = flat.component(names.subList(prefix, names.size()));
      if (component < 0) {
        return Optional.empty();
      }
      return Optional.of(suffix.equals("Vjp") ? new Pullback(component, selectors.get(0))
          : suffix.equals("Hvp") ? new Second(-1, component) : new Gradient(component));
    }

    /** The method of the entry point's result that gives the gradient, or null when the result is the gradient. */
    static String gradientSelector(String suffix, FlatDerivativeCall flat) {
      return switch (suffix) {
        case "Vjp" -> "pullback";
        case "ValueAndGrad" -> flat.scalarGradient() ? "derivative" : "grad";
        default -> null;
      };
    }

    /**
     * Why a {@code Dual} is not passed on whole, for the hint on an fJvp result read as a value: a
     * differentiable function takes numbers, and a Dual's tangent would need a derivative of its own.
     */
    static String wholeDual(DerivativeCallTarget target) {
      return !target.suffix().equals("Jvp") ? "" : " (a Dual is passed on as its numbers, .value() and"
          + " .tangent(), or a record of them: a differentiable function takes no Dual)";
    }

    /** The reads of {@code target}'s result jgrad differentiates, made on {@code shown} (a call or a local), for messages. */
    static String shapes(DerivativeCallTarget target, FlatDerivativeCall flat, String shown) {
      String comp = flat.firstComponent();
      // A record result is read at a leaf: .tangent().a().
      String leaf = flat.recordResult() ? ", each read at a leaf (" + flat.sig().result().leaves().get(0).read("")
          + ")" : "";
      return switch (target.suffix()) {
        case "Jvp" -> shown + ".tangent() or .value()" + leaf;
        case "Hessian" -> shown + (flat.scalarGradient() ? "" : "[i][j] at constant indices");
        case "Vjp" -> shown + ".pullback(g)" + comp + " or .value()" + leaf;
        case "ValueAndGrad" -> shown + "." + gradientSelector("ValueAndGrad", flat) + "()" + comp + " or .value()";
        default -> shown + comp;
      };
    }
  }
}
