package io.jgrad.processor.parse;

import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.ImportTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
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
   * The entry points a body may call and have differentiated, then those it may not (a Hessian,
   * kernels, the function object {@code f()}): longest first, so that {@code fValueAndGrad} is read
   * as {@code f} + {@code ValueAndGrad}; "" last, for the function object.
   */
  static final List<String> SUFFIXES = List.of("GradBatchSession", "JvpBatchSession", "BatchSession",
      "ValueAndGrad", "GradBatch", "JvpBatch", "Hessian", "Batch", "Grad", "Jvp", "Vjp", "Hvp", "");

  /** The entry points whose derivatives jgrad takes ({@link DerivativeCallReader}). */
  static final List<String> DIFFERENTIATED = List.of("Jvp", "Grad", "ValueAndGrad", "Vjp");

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
    if (!(call.getMethodSelect() instanceof MemberSelectTree select)) {
      return Optional.empty();
    }
    String receiver = spelled(select.getExpression());
    if (receiver == null || !receiver.endsWith(DERIVATIVES)) {
      return Optional.empty();
    }
    Optional<TypeElement> owner = owner(qualified(receiver, unit), elements);
    if (owner.isEmpty()) {
      return Optional.empty();
    }
    String method = select.getIdentifier().toString();
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

  /** {@code a.b.C} as written, or null for an expression that is not a (qualified) name. */
  private static String spelled(ExpressionTree e) {
    if (e instanceof IdentifierTree id) {
      return id.getName().toString();
    }
    if (e instanceof MemberSelectTree m) {
      String outer = spelled(m.getExpression());
      return outer == null ? null : outer + "." + m.getIdentifier();
    }
    return null;
  }

  /** The qualified name of the derivatives class {@code receiver} names: as written, imported, or in this package. */
  private static String qualified(String receiver, CompilationUnitTree unit) {
    if (receiver.contains(".") || unit == null) {
      return receiver;
    }
    for (ImportTree i : unit.getImports()) {
      String imported = i.getQualifiedIdentifier().toString();
      if (!i.isStatic() && imported.endsWith("." + receiver)) {
        return imported;
      }
    }
    ExpressionTree pkg = unit.getPackageName();
    return pkg == null ? receiver : pkg + "." + receiver;
  }

  /**
   * The class whose derivatives class is {@code derivatives}: {@code p.Outer_InnerDerivatives} is of
   * {@code p.Outer.Inner}, or of a top-level {@code p.Outer_Inner}.
   */
  private static Optional<TypeElement> owner(String derivatives, Elements elements) {
    String base = derivatives.substring(0, derivatives.length() - DERIVATIVES.length());
    int dot = base.lastIndexOf('.');
    String nested = base.substring(0, dot + 1) + base.substring(dot + 1).replace('_', '.');
    return Stream.of(nested, base).distinct().map(elements::getTypeElement)
        .filter(t -> t != null && CalleeResolver.derivativesName(t).equals(derivatives)).findFirst();
  }
}
