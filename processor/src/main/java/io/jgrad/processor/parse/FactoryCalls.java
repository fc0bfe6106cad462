package io.jgrad.processor.parse;

import static io.jgrad.processor.parse.ReadContext.coerce;

import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import io.jgrad.processor.diag.Codes;
import io.jgrad.processor.ir.Callee;
import io.jgrad.processor.ir.Expr;
import io.jgrad.processor.ir.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;

/**
 * Reads {@code FooDerivatives.g(bound...)} where {@code FooDerivatives} is generated in this very
 * compilation, so that javac cannot resolve the call yet: the function object of {@code g}.
 */
final class FactoryCalls {
  private final ReadContext cx;

  FactoryCalls(ReadContext cx) {
    this.cx = cx;
  }

  /** The function object {@code t} builds, or empty when {@code t} is no such call. */
  Optional<Expr> read(MethodInvocationTree t, TreePath path) {
    return factoryTarget(t).map(g -> factoryCall(g, t, path));
  }

  /**
   * {@code FooDerivatives.g(bound...)} with {@code FooDerivatives} not generated yet: a function
   * object, built at run time by the generated factory, passed on like any non-differentiable value.
   */
  private Expr factoryCall(Callee g, MethodInvocationTree t, TreePath path) {
    Type type = g.functionObjectType();
    List<Callee.Param> bound = g.params().stream().filter(p -> !p.differentiated()).toList();
    List<String> shown = bound.stream()
        .map(p -> (p.javaType() != null ? p.javaType() : p.type().javaName()) + " " + p.name()).toList();
    String expected = g.derivativesQualifiedName() + "." + g.name() + "(" + String.join(", ", shown) + ")";
    if (type == null) {
      return cx.failed(Codes.UNSUPPORTED_TYPE, g.name() + " has no function object: only functions of numbers, or"
          + " of one array, returning a number get one", t);
    }
    if (t.getArguments().size() != bound.size()) {
      return cx.failed(Codes.UNSUPPORTED_EXPRESSION, "the function object of " + g.name() + " takes its"
          + " non-differentiated parameters: " + expected, t);
    }
    List<Expr> args = new ArrayList<>();
    for (int i = 0; i < bound.size(); i++) {
      ExpressionTree a = t.getArguments().get(i);
      if (a.getKind() == Tree.Kind.LAMBDA_EXPRESSION) {
        // javac attributes a lambda in a call it cannot resolve yet only partially, and its later
        // rounds then trip over it (a compiler crash on JDK 17): refuse it here, cleanly.
        return cx.failed(Codes.LAMBDA, "a lambda cannot be bound in " + g.derivativesQualifiedName() + "." + g.name()
            + "(...) while that class is being generated; hint: pass a method reference, or take the"
            + " function object as a parameter", a);
      }
      args.add(coerce(cx.expr(a, path), bound.get(i).type()));
    }
    return new Expr.PrimalCall(g.derivativesQualifiedName(), g.name(), args, type);
  }

  /**
   * The function {@code FooDerivatives.g(bound...)} takes as an object when {@code FooDerivatives} is
   * generated in this very compilation, or empty when the call does not look like one: javac cannot
   * resolve the call before jgrad has written the class, so the call is matched by its spelling, from
   * the written class name back to the {@code @Differentiable} method {@code Foo.g}.
   */
  private Optional<Callee> factoryTarget(MethodInvocationTree call) {
    return DerivativeCallTarget.owner(call, cx.unit, cx.callees.elements).flatMap(owner -> owner.getEnclosedElements()
        .stream().filter(e -> e.getKind() == ElementKind.METHOD
            && e.getSimpleName().contentEquals(((MemberSelectTree) call.getMethodSelect()).getIdentifier())
            && CalleeResolver.isDifferentiable((ExecutableElement) e))
        .findFirst().map(e -> cx.callees.resolve((ExecutableElement) e)));
  }
}
