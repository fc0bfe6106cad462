package io.jgrad.processor.parse;

import static io.jgrad.processor.parse.ReadContext.coerce;

import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import io.jgrad.annotations.Batched;
import io.jgrad.processor.diag.Codes;
import io.jgrad.processor.ir.Callee;
import io.jgrad.processor.ir.DiffSpec;
import io.jgrad.processor.ir.Expr;
import io.jgrad.processor.ir.Names;
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

  DerivativeCallReader(ReadContext cx) {
    this.cx = cx;
  }

  /** What one selector after the entry point's call asks: a method name and its arguments. */
  record Selector(String name, List<? extends ExpressionTree> args, TreePath path) {}

  /**
   * The derivative call {@code t} ends, as the IR of a call; empty when {@code t} is no derivative
   * call. A shape jgrad does not differentiate is reported and reads as {@link ReadContext#dummy}.
   */
  Optional<Expr> read(MethodInvocationTree t, TreePath path) {
    return read(t, path, false);
  }

  /**
   * The derivative call {@code t} that initializes a local array, as {@link #read(MethodInvocationTree,
   * TreePath)} reads it; here a gradient that is an array ({@code double[] g = fGrad(w)}) is read too.
   */
  Optional<Expr> readArray(MethodInvocationTree t, TreePath path) {
    return read(t, path, true);
  }

  private Optional<Expr> read(MethodInvocationTree t, TreePath path, boolean arrayLocal) {
    List<Selector> selectors = new ArrayList<>();
    MethodInvocationTree call = t;
    TreePath callPath = path;
    Optional<DerivativeCallTarget> target = DerivativeCallTarget.of(call, cx.unit, cx.callees.elements);
    while (target.isEmpty()) {
      if (!(call.getMethodSelect() instanceof MemberSelectTree select)) {
        return Optional.empty();
      }
      selectors.add(0, new Selector(select.getIdentifier().toString(), call.getArguments(), callPath));
      TreePath receiverPath = new TreePath(new TreePath(callPath, select), select.getExpression());
      HeldCall h = select.getExpression() instanceof IdentifierTree ? held.get(cx.trees.getElement(receiverPath)) : null;
      if (h != null) {
        return Optional.of(reading(h.target(), h.call(), h.args(), selectors, t, h.name(), arrayLocal));
      }
      if (!(select.getExpression() instanceof MethodInvocationTree inner)) {
        return Optional.empty();
      }
      callPath = receiverPath;
      call = inner;
      target = DerivativeCallTarget.of(call, cx.unit, cx.callees.elements);
    }
    if (target.get().suffix().isEmpty() && selectors.isEmpty()) {
      return Optional.empty(); // the function object, passed on: FactoryCalls reads it
    }
    Optional<Expr> refused = refused(target.get(), call);
    if (refused.isPresent()) {
      return refused;
    }
    List<Expr> args = cx.exprs(call.getArguments(), callPath);
    return Optional.of(reading(target.get(), call, args, selectors, t, target.get().method() + "(...)",
        arrayLocal));
  }

  /** A local holding a derivative call's whole result: the call, its arguments as evaluated, the local's name. */
  private record HeldCall(DerivativeCallTarget target, MethodInvocationTree call, List<Expr> args, String name) {}

  /**
   * Reads the declaration {@code t} of {@code local} when it holds a derivative call's whole result
   * ({@code Dual d = XDerivatives.fJvp(x, 1)}, {@code var g = XDerivatives.fGrad(x, y)}): the call's
   * arguments go to fresh locals, as Java evaluates them there, and each later read of the local
   * ({@code d.tangent()}, {@code g.y()}) is read as the call read at once. False when {@code t}
   * declares no such local.
   */
  boolean hold(VariableTree t, TreePath path, Element local, List<Stmt> out) {
    Type type = local == null ? null : TypeMapper.map(local.asType());
    if (!(t.getInitializer() instanceof MethodInvocationTree init) || local == null
        || type != null && (type.isScalar() || type.isArray())) {
      return false;
    }
    Optional<DerivativeCallTarget> target = DerivativeCallTarget.of(init, cx.unit, cx.callees.elements)
        .filter(d -> DerivativeCallTarget.DIFFERENTIATED.contains(d.suffix()));
    if (target.isEmpty()) {
      return false;
    }
    Optional<Expr> refused = refused(target.get(), init);
    List<Expr> args = refused.isPresent() ? List.of() : cx.exprs(init.getArguments(), new TreePath(path, init));
    Callee c = cx.callees.resolve(target.get().function());
    List<Callee.Param> params = target.get().suffix().equals("Jvp") ? c.tangentFunction().params() : c.params();
    if (refused.isPresent() || args.size() != params.size()) {
      // Reported (a wrong count is javac's own error once the class exists): reads of the local are no second mistake.
      cx.rejectedLocals.add(local);
      return true;
    }
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
        kept.add(coerce(args.get(i), p.type()));
        continue;
      }
      Expr.Var v = new Expr.Var(cx.fresh(name + Names.capitalized(p.name())),
          p.type());
      out.add(new Stmt.Assign(v, coerce(args.get(i), p.type()), true));
      kept.add(v);
    }
    held.put(local, new HeldCall(target.get(), init, List.copyOf(kept), name));
    return true;
  }

  /** The error for reading {@code local}, which holds a derivative call's result, as a whole value; empty for other locals. */
  Optional<Expr> readWhole(Element local, IdentifierTree at) {
    HeldCall h = held.get(local);
    return h == null ? Optional.empty() : Optional.of(cx.failed(Codes.DERIVATIVE_CALL, "jgrad differentiates"
        + " the result of a derivative call read through its methods, " + Reading.shapes(h.target(),
            cx.callees.resolve(h.target().function()), h.name()) + "; hint: read the number you need", at));
  }

  /**
   * The IR of what {@code selectors} read from the entry point {@code target} called with
   * {@code args}; {@code shown} names the call or the local the selectors apply to, for messages.
   */
  private Expr reading(DerivativeCallTarget target, MethodInvocationTree call, List<Expr> args,
      List<Selector> selectors, MethodInvocationTree whole, String shown, boolean arrayLocal) {
    ExecutableElement f = target.function();
    Callee c = cx.callees.resolve(f);
    boolean forward = CalleeReach.hasForwardMode(f, cx.trees, cx.callees);
    if (target.suffix().equals("Jvp") && !forward) {
      // fJvp does not exist: MissingMethodScanner says why at the call.
      cx.javacError = true;
      return ReadContext.dummy();
    }
    int expected = c.params().size() + (target.suffix().equals("Jvp") ? c.differentiatedParams().size() : 0);
    if (args.size() != expected) {
      return cx.failed(Codes.DERIVATIVE_CALL, call.getMethodSelect() + " takes " + expected + " arguments, not "
          + args.size(), call);
    }
    Optional<Reading> reading = Reading.of(target.suffix(), c, selectors);
    if (reading.isEmpty()) {
      return cx.failed(Codes.DERIVATIVE_CALL, "jgrad differentiates a derivative call whose result is read"
          + " through its methods, " + Reading.shapes(target, c, shown) + "; hint: read the number you need",
          whole);
    }
    List<Expr> primals = IntStream.range(0, c.params().size())
        .mapToObj(i -> coerce(args.get(i), c.params().get(i).type())).toList();
    Reading r = reading.get();
    if (r instanceof Reading.Tangent) {
      List<Callee.Param> diff = c.differentiatedParams();
      List<Expr> direction = args.subList(c.params().size(), args.size());
      return tangent(c, primals, IntStream.range(0, diff.size())
          .mapToObj(i -> coerce(direction.get(i), diff.get(i).type())).toList());
    }
    if (!(r instanceof Reading.Value) && c.differentiatedParams().stream().anyMatch(p -> p.type().isArray())) {
      return new ArrayDerivativeCalls(cx).gradient(c, primals, r instanceof Reading.Pullback p ? p.call() : null,
          arrayLocal, whole, shown);
    }
    if (r instanceof Reading.Gradient g) {
      return gradient(c, forward, primals, g.component(), Expr.Const.ofDouble(1));
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
  private Optional<Expr> refused(DerivativeCallTarget target, MethodInvocationTree call) {
    ExecutableElement f = target.function();
    String spelled = call.getMethodSelect().toString();
    if (!DerivativeCallTarget.DIFFERENTIATED.contains(target.suffix())) {
      return Optional.of(cx.failed(Codes.DERIVATIVE_CALL, "jgrad does not differentiate a call to " + spelled
          + "; it differentiates calls to " + f.getSimpleName() + "Jvp, " + f.getSimpleName() + "Grad, "
          + f.getSimpleName() + "ValueAndGrad and " + f.getSimpleName() + "Vjp(...).pullback(g);"
          + " hint: write the derivative with those", call));
    }
    if (cx.callsItself(f, call)) {
      return Optional.of(ReadContext.dummy());
    }
    if (cx.method.getAnnotation(Batched.class) != null) {
      return Optional.of(cx.failed(Codes.DERIVATIVE_CALL, "kernels of a @Batched function cannot take derivative"
          + " calls yet (" + spelled + "); hint: batch " + f.getSimpleName() + " itself, or leave @Batched off "
          + cx.method.getSimpleName(), call));
    }
    if (RecordSignatureReader.involvesRecords(f) || !cx.callees.resolve(f).doublesOrDoubleArrays()) {
      return Optional.of(cx.failed(Codes.DERIVATIVE_CALL, spelled + " is not differentiated yet: "
          + f.getSimpleName() + " takes or returns something other than double numbers and double[] arrays (a"
          + " float, a float[], an array result or a record); hint: call a function of double and double[]"
          + " parameters with a double result", call));
    }
    DiffSpec spec = DiffSpec.of(f).orElseThrow();
    int callerOrder = DiffSpec.of(cx.method).map(DiffSpec::order).orElse(1);
    if (spec.order() < 2) {
      return Optional.of(cx.failed(Codes.DERIVATIVE_CALL, "the derivative of " + spelled + " is a second"
          + " derivative of " + f.getSimpleName() + ", generated only at order 2; hint: add order = "
          + (callerOrder + 1) + " to " + spec.annotation() + " on " + f.getSimpleName(), call));
    }
    if (spec.order() < callerOrder + 1) {
      return Optional.of(cx.failed(Codes.UNSUPPORTED_ORDER, "a derivative call in a function of order "
          + callerOrder + " needs " + f.getSimpleName() + "'s derivatives of order " + (callerOrder + 1)
          + ", and " + f.getSimpleName() + " has order " + spec.order() + "; hint: give " + f.getSimpleName()
          + " order = " + (callerOrder + 1) + ", or " + cx.method.getSimpleName() + " order = "
          + (spec.order() - 1), call));
    }
    return Optional.empty();
  }

  /** f's JVP tangent along {@code direction}: a call to {@code fTangent}, whose forward mode callers keep. */
  private static Expr tangent(Callee c, List<Expr> primals, List<Expr> direction) {
    return new Expr.Call(c.tangentFunction(), Stream.concat(primals.stream(), direction.stream()).toList(),
        Type.DOUBLE);
  }

  /**
   * {@code cotangent}·∂f/∂pᵢ for the differentiated parameter {@code component}: f's tangent along
   * {@code cotangent} in that direction where f has forward mode, else its pullback function.
   */
  private static Expr gradient(Callee c, boolean forward, List<Expr> primals, int component, Expr cotangent) {
    if (forward) {
      return tangent(c, primals, IntStream.range(0, c.differentiatedParams().size())
          .mapToObj(j -> j == component ? cotangent : (Expr) Expr.Const.ofDouble(0)).toList());
    }
    Callee pullback = c.pullbackFunction(c.differentiatedParams().get(component), c.pullbackCotangentName());
    return new Expr.Call(pullback, Stream.concat(primals.stream(), Stream.of(cotangent)).toList(), Type.DOUBLE);
  }

  /** What the selectors after an entry point read. */
  private sealed interface Reading {
    /** f's value: {@code .value()}. */
    record Value() implements Reading {}

    /** The JVP's tangent: {@code .tangent()}. */
    record Tangent() implements Reading {}

    /** Gradient {@code component}: {@code fGrad(...)}, {@code .y()} of it, {@code fValueAndGrad}'s. */
    record Gradient(int component) implements Reading {}

    /** Gradient {@code component} times the cotangent {@code call} passes: {@code fVjp(...).pullback(g).y()}. */
    record Pullback(int component, Selector call) implements Reading {}

    static Optional<Reading> of(String suffix, Callee c, List<Selector> selectors) {
      List<String> names = selectors.stream().map(Selector::name).toList();
      List<Callee.Param> diff = c.differentiatedParams();
      if (!suffix.equals("Grad") && names.equals(List.of("value"))) {
        return Optional.of(new Value());
      }
      if (suffix.equals("Jvp")) {
        return names.equals(List.of("tangent")) ? Optional.of(new Tangent()) : Optional.empty();
      }
      String gradient = gradientSelector(suffix, c);
      int prefix = gradient == null ? 0 : 1;
      if (names.size() != prefix + (diff.size() == 1 ? 0 : 1) || (gradient != null && !names.get(0).equals(gradient))
          || selectors.stream().limit(prefix).anyMatch(s -> s.args().size() != (suffix.equals("Vjp") ? 1 : 0))) {
        return Optional.empty();
      }
      int component = diff.size() == 1 ? 0
          : diff.stream().map(Callee.Param::name).toList().indexOf(names.get(prefix));
      if (component < 0 || diff.size() > 1 && !selectors.get(selectors.size() - 1).args().isEmpty()) {
        return Optional.empty();
      }
      return Optional.of(suffix.equals("Vjp") ? new Pullback(component, selectors.get(0)) : new Gradient(component));
    }

    /** The method of the entry point's result that gives the gradient, or null when the result is the gradient. */
    private static String gradientSelector(String suffix, Callee c) {
      return switch (suffix) {
        case "Vjp" -> "pullback";
        // A single array gradient comes in a ValueAndGrad, a single number in a ValueAndDerivative.
        case "ValueAndGrad" -> c.hasSingleGradient() && !c.differentiatedParams().get(0).type().isArray()
            ? "derivative" : "grad";
        default -> null;
      };
    }

    /** The reads of {@code target}'s result jgrad differentiates, made on {@code shown} (a call or a local), for messages. */
    static String shapes(DerivativeCallTarget target, Callee c, String shown) {
      String comp = c.hasSingleGradient() ? "" : "." + c.differentiatedParams().get(0).name() + "()";
      return switch (target.suffix()) {
        case "Jvp" -> shown + ".tangent() or .value()";
        case "Vjp" -> shown + ".pullback(g)" + comp + " or .value()";
        case "ValueAndGrad" -> shown + "." + gradientSelector("ValueAndGrad", c) + "()" + comp + " or .value()";
        default -> shown + comp;
      };
    }
  }
}
