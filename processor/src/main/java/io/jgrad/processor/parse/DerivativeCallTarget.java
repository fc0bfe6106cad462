package io.jgrad.processor.parse;

import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.ImportTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;

/**
 * The function and the entry point a call {@code XDerivatives.fGrad(...)} names, found from the
 * call's spelling alone: the generated class may not exist yet when a body calling it is read.
 * {@code suffix} is the entry point's part of the name ({@code Grad}), {@code function} the
 * differentiable method {@code f}.
 */
record DerivativeCallTarget(ExecutableElement function, String suffix) {
  /** The suffix of the generated class's name. */
  private static final String DERIVATIVES = "Derivatives";

  /**
   * The entry points a body may call and have differentiated, then those it may not
   * ({@code fDerivative}, whose derivatives are above f's order; {@code fJacobian},
   * {@code fHessianByName}; kernels; the function object
   * {@code f()}): longest first, so that {@code fValueAndGrad} is read
   * as {@code f} + {@code ValueAndGrad}; "" last, for the function object {@code f()}, which is
   * passed on ({@link FactoryCalls}) but not called in a differentiable body.
   */
  static final List<String> SUFFIXES = List.of("GradBatchSession", "JvpBatchSession", "BatchSession",
      "HessianByName", "HessianDiagonal", "ValueAndGrad", "Derivative", "Jacobian", "GradBatch", "JvpBatch", "Hessian", "Batch", "Grad", "Jvp", "Vjp", "Hvp",
      "Vhp", "");

  /** The entry points whose derivatives jgrad takes ({@link DerivativeCallReader}). */
  static final List<String> DIFFERENTIATED = List.of("Jvp", "Grad", "ValueAndGrad", "Vjp", "Hvp", "Hessian");

  /** The entry points of second derivatives, whose callers need {@code f} of their order + 2. */
  static final List<String> SECOND = List.of("Hvp", "Hessian");

  /** Whether the entry point takes a direction per differentiated parameter after the primals ({@code fJvp}, {@code fHvp}). */
  boolean takesDirections() {
    return suffix.equals("Jvp") || suffix.equals("Hvp");
  }

  /** How many orders of {@code f} above the caller's its derivatives need: 2 for a second derivative, else 1. */
  int ordersAbove() {
    return SECOND.contains(suffix) ? 2 : 1;
  }

  /** The name of the entry point called, {@code fGrad}. */
  String method() {
    return function.getSimpleName() + suffix;
  }

  /**
   * What {@code call} names, when its receiver is spelled as a jgrad derivatives class
   * ({@code ExamplesDerivatives} or qualified) of a class this compilation or the class path has,
   * and its method is an entry point of one of that class's differentiable methods; else empty.
   */
  static Optional<DerivativeCallTarget> of(MethodInvocationTree call, CompilationUnitTree unit, Elements elements) {
    Optional<TypeElement> owner = owner(call, unit, elements);
    if (owner.isEmpty()) {
      return Optional.empty();
    }
    String method = ((MemberSelectTree) call.getMethodSelect()).getIdentifier().toString();
    List<ExecutableElement> functions = ElementFilter.methodsIn(owner.get().getEnclosedElements()).stream()
        .filter(m -> m.getModifiers().contains(Modifier.STATIC) && CalleeResolver.isDifferentiable(m)).toList();
    for (String suffix : SUFFIXES) {
      if (!method.endsWith(suffix) || method.length() == suffix.length()) {
        continue;
      }
      String name = method.substring(0, method.length() - suffix.length());
      Optional<ExecutableElement> f = functions.stream().filter(m -> m.getSimpleName().contentEquals(name)).findFirst();
      if (f.isPresent()) {
        return Optional.of(new DerivativeCallTarget(f.get(), suffix));
      }
    }
    return Optional.empty();
  }

  /**
   * The class whose generated derivatives class {@code call} is made on ({@code Foo} for
   * {@code FooDerivatives.g(...)}), matched by its spelling: javac cannot resolve the call before
   * jgrad has written the class. Empty when the receiver is not spelled as one.
   */
  static Optional<TypeElement> owner(MethodInvocationTree call, CompilationUnitTree unit, Elements elements) {
    if (!(call.getMethodSelect() instanceof MemberSelectTree select)) {
      return Optional.empty();
    }
    String written = select.getExpression().toString();
    String simple = written.substring(written.lastIndexOf('.') + 1);
    if (!simple.endsWith(DERIVATIVES) || simple.length() == DERIVATIVES.length()) {
      return Optional.empty();
    }
    for (String candidate : candidates(written, unit)) {
      // Outer_InnerDerivatives is generated for Outer.Inner.
      String name = candidate.substring(0, candidate.length() - DERIVATIVES.length());
      int dot = name.lastIndexOf('.');
      String qualified = name.substring(0, dot + 1) + name.substring(dot + 1).replace('_', '.');
      TypeElement owner;
      try {
        owner = elements.getTypeElement(qualified);
      } catch (RuntimeException malformed) {
        continue; // a name javac rejects cannot be one of ours
      }
      if (owner != null && CalleeResolver.derivativesName(owner).equals(candidate)) {
        return Optional.of(owner);
      }
    }
    return Optional.empty();
  }

  /**
   * The qualified names {@code written} may stand for, in javac's order for a simple name: a
   * single-type import, this package, then each on-demand import ({@code import lib.*;}); a
   * qualified name stands for itself.
   */
  private static List<String> candidates(String written, CompilationUnitTree unit) {
    if (unit == null || written.contains(".")) {
      return List.of(written);
    }
    List<String> out = new ArrayList<>();
    List<? extends ImportTree> imports = unit.getImports().stream().filter(i -> !i.isStatic()).toList();
    for (ImportTree i : imports) {
      String imported = i.getQualifiedIdentifier().toString();
      if (imported.endsWith("." + written)) {
        out.add(imported);
      }
    }
    out.add(unit.getPackageName() == null ? written : unit.getPackageName() + "." + written);
    for (ImportTree i : imports) {
      String imported = i.getQualifiedIdentifier().toString();
      if (imported.endsWith(".*")) {
        out.add(imported.substring(0, imported.length() - 1) + written);
      }
    }
    return out;
  }
}
