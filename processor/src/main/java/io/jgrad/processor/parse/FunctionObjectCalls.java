package io.jgrad.processor.parse;

import static io.jgrad.processor.parse.ReadContext.coerce;

import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.util.TreePath;
import io.jgrad.processor.diag.Codes;
import io.jgrad.processor.ir.Callee;
import io.jgrad.processor.ir.Expr;
import io.jgrad.processor.ir.Type;
import io.jgrad.processor.parse.DerivativeCallReader.Reading;
import io.jgrad.processor.parse.DerivativeCallReader.Selector;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Calls on the function object {@code XDerivatives.f(bound...)} in a differentiable body, read as
 * the entry points the object delegates to: {@code value(p)} is {@code f(p)}, {@code jvp(p, v)}
 * {@code fJvp}, {@code vjp(p)} {@code fVjp}, {@code grad(p)} {@code fGrad}, and on its derivative
 * objects ({@code derivative()}, {@code partialFirst()}, {@code partialSecond()}) {@code value} a
 * gradient component, {@code jvp(...).tangent()} an {@code fHvp} component and {@code grad} a Hessian
 * entry. For functions of one or two {@code double}s ({@code DiffFn1}, {@code DiffFn2}).
 */
final class FunctionObjectCalls {
  private final ReadContext cx;
  private final DerivativeCallReader reader;

  FunctionObjectCalls(ReadContext cx, DerivativeCallReader reader) {
    this.cx = cx;
    this.reader = reader;
  }

  /** The IR of the call chain {@code t} ends when it is made on a function object {@code f()}; else empty. */
  Optional<Expr> read(MethodInvocationTree t, TreePath path) {
    DerivativeCallReader.Walk w = reader.walk(t, path);
    if (w.target().isEmpty() || !w.target().get().suffix().isEmpty() || w.selectors().isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(read(w.target().get(), w.call(), w.callPath(), w.selectors(), t));
  }

  private Expr read(DerivativeCallTarget object, MethodInvocationTree factory, TreePath factoryPath,
      List<Selector> selectors, MethodInvocationTree whole) {
    String f = object.function().getSimpleName().toString();
    FlatDerivativeCall flat = FlatDerivativeCall.of(object.function(), cx.callees);
    Callee c = flat.callee();
    Type type = c.functionObjectType();
    if (flat.sig() != null || !c.doublesOnly() || (type != Type.FN1 && type != Type.FN2)) {
      return refuse(whole, f + "'s function object is read in a body only where " + f + " is a function of one or"
          + " two doubles (DiffFn1, DiffFn2)", f);
    }
    List<Callee.Param> diff = c.differentiatedParams();
    int level = -1;
    int at = 0;
    String first = selectors.get(0).name();
    if (selectors.get(0).args().isEmpty() && Callee.PARTIAL_METHODS.contains(first)) {
      level = Callee.PARTIAL_METHODS.indexOf(first) - (type == Type.FN1 ? 0 : 1);
      if (level < 0 || level >= diff.size() || (type == Type.FN1) != first.equals("derivative")) {
        return refuse(whole, first + "() is not a method of " + f + "'s "
            + (type == Type.FN1 ? "DiffFn1" : "DiffFn2"), f);
      }
      at = 1;
    }
    if (at >= selectors.size()) {
      return refuse(whole, "a derivative object is read through value, jvp or grad", f);
    }
    Selector method = selectors.get(at);
    List<String> after = selectors.subList(at + 1, selectors.size()).stream()
        .map(s -> s.args().isEmpty() ? componentName(s.name(), diff) : null).toList();
    boolean forward = CalleeReach.hasForwardMode(object.function(), cx.trees, cx.callees);
    String suffix;
    Optional<Reading> reading;
    int single = after.size() == 1 && after.get(0) != null ? diff.stream().map(Callee.Param::name).toList()
        .indexOf(after.get(0)) : diff.size() == 1 && after.isEmpty() ? 0 : -1;
    switch (method.name()) {
      case "value" -> {
        if (level < 0) {
          return after.isEmpty() ? plainCall(c, factory, factoryPath, method, whole)
              : refuse(whole, "value(...) is a number", f);
        }
        suffix = "Grad";
        reading = after.isEmpty() ? Optional.of(new Reading.Gradient(level)) : Optional.empty();
      }
      case "jvp" -> {
        if (!forward) {
          return cx.failed(Codes.NO_FORWARD_MODE, f + "'s function object has no forward mode: " + f + " reaches"
              + " a @CustomVjp rule; hint: read " + f + "().vjp(...) or grad(...) instead", whole);
        }
        List<String> read = selectors.subList(at + 1, selectors.size()).stream().map(Selector::name).toList();
        suffix = level < 0 || read.equals(List.of("value")) ? "Jvp" : "Hvp";
        reading = read.equals(List.of("value")) ? Optional.of(level < 0 ? new Reading.Value()
            : new Reading.Gradient(level))
            : read.equals(List.of("tangent")) ? Optional.of(level < 0 ? new Reading.Tangent()
            : new Reading.Second(-1, level)) : Optional.empty();
        if (level >= 0 && read.equals(List.of("value"))) {
          suffix = "Grad";
        }
      }
      case "grad" -> {
        suffix = level < 0 ? "Grad" : "Hessian";
        reading = single < 0 ? Optional.empty()
            : Optional.of(level < 0 ? new Reading.Gradient(single) : new Reading.Second(level, single));
      }
      case "vjp" -> {
        if (level >= 0) {
          return refuse(whole, "the derivative objects of " + f + "() are read through value, jvp or grad", f);
        }
        suffix = "Vjp";
        List<String> read = selectors.subList(at + 1, selectors.size()).stream().map(Selector::name).toList();
        Selector pullback = at + 1 < selectors.size() ? selectors.get(at + 1) : null;
        int component = pullback == null || !pullback.name().equals("pullback") || pullback.args().size() != 1 ? -1
            : read.size() == 1 && diff.size() == 1 ? 0 : read.size() == 2 && after.get(1) != null
            ? diff.stream().map(Callee.Param::name).toList().indexOf(after.get(1)) : -1;
        reading = read.equals(List.of("value")) ? Optional.of(new Reading.Value())
            : component >= 0 ? Optional.of(new Reading.Pullback(component, pullback)) : Optional.empty();
      }
      default -> {
        return refuse(whole, method.name() + "(...) is not read in a body", f);
      }
    }
    DerivativeCallTarget target = new DerivativeCallTarget(object.function(), suffix);
    Optional<Expr> refused = reader.refused(target, factory);
    if (refused.isPresent()) {
      return refused.get();
    }
    // A JVP's directions are passed on where only its value is read (fGrad(p) from jvp(p, v).value()).
    Optional<List<Expr>> args = args(c, factory, factoryPath, method, method.name().equals("jvp"), whole);
    if (args.isEmpty()) {
      return ReadContext.dummy();
    }
    if (reading.isEmpty()) {
      return refuse(whole, "this read of " + f + "'s function object is not differentiated", f);
    }
    return reader.reading(target, args.get(), reading, whole, factory + "." + method.name() + "(...)",
        ArrayDerivativeCalls.Place.VALUE);
  }

  /** {@code f().value(p)}: the call {@code f(p)} itself. */
  private Expr plainCall(Callee c, MethodInvocationTree factory, TreePath factoryPath, Selector method,
      MethodInvocationTree whole) {
    if (cx.callsItself(DerivativeCallTarget.of(factory, cx.unit, cx.callees.elements).orElseThrow().function(),
        factory)) {
      return ReadContext.dummy();
    }
    return args(c, factory, factoryPath, method, false, whole).<Expr>map(a -> new Expr.Call(c, a, c.returnType()))
        .orElse(ReadContext.dummy());
  }

  /**
   * The flat arguments: {@code f}'s parameters in order, the bound ones from the factory's
   * arguments and the differentiated ones from {@code method}'s, then for a JVP the directions.
   */
  private Optional<List<Expr>> args(Callee c, MethodInvocationTree factory, TreePath factoryPath, Selector method,
      boolean directions, MethodInvocationTree whole) {
    List<Callee.Param> diff = c.differentiatedParams();
    int bound = c.params().size() - diff.size();
    int expected = diff.size() * (directions ? 2 : 1);
    if (factory.getArguments().size() != bound || method.args().size() != expected) {
      // javac reports a wrong count once the class exists.
      cx.javacError = true;
      return Optional.empty();
    }
    List<Expr> out = new ArrayList<>();
    int nextBound = 0;
    int nextDiff = 0;
    for (Callee.Param p : c.params()) {
      Expr e = p.differentiated() ? cx.expr(method.args().get(nextDiff++), method.path())
          : cx.expr(factory.getArguments().get(nextBound++), factoryPath);
      out.add(coerce(e, p.type()));
    }
    for (int i = diff.size(); i < expected; i++) {
      out.add(coerce(cx.expr(method.args().get(i), method.path()), Type.DOUBLE));
    }
    return Optional.of(out);
  }

  /** The parameter a {@code Grad2} accessor ({@code first()}, {@code second()}) names, else {@code name} itself. */
  private static String componentName(String name, List<Callee.Param> diff) {
    return name.equals("first") && diff.size() == 2 ? diff.get(0).name()
        : name.equals("second") && diff.size() == 2 ? diff.get(1).name() : name;
  }

  private Expr refuse(ExpressionTree at, String why, String f) {
    return cx.failed(Codes.DERIVATIVE_CALL, "jgrad does not differentiate this call on a function object: " + why
        + "; hint: read " + f + "().value(p), jvp(p, v).tangent(), grad(p), vjp(p).pullback(g), or"
        + " derivative()/partialFirst()/partialSecond() read through value, jvp(...).tangent() or grad", at);
  }
}
