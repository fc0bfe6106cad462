package io.jgrad.processor.parse;

import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.ImportTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import io.jgrad.processor.ir.Callee;
import java.util.Optional;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;

/**
 * Reads {@code FooDerivatives.g(bound...)}, a function object taken in a differentiable body, when
 * {@code FooDerivatives} is generated in this very compilation: javac cannot resolve the call before
 * jgrad has written the class, so the call is matched by its spelling, from the written class name
 * back to the {@code @Differentiable} method {@code Foo.g}, and typed from that method's signature.
 */
final class FactoryCallResolver {
  private static final String SUFFIX = "Derivatives";

  private FactoryCallResolver() {}

  /** The function a factory call names: its class and method. */
  record Target(TypeElement owner, ExecutableElement method, Callee callee) {}

  /** The function {@code call} takes as an object, or empty when it does not look like a factory call. */
  static Optional<Target> resolve(MethodInvocationTree call, CompilationUnitTree unit, Elements elements,
      CalleeResolver callees) {
    if (!(call.getMethodSelect() instanceof MemberSelectTree select)) {
      return Optional.empty();
    }
    String written = select.getExpression().toString();
    String simple = written.substring(written.lastIndexOf('.') + 1);
    if (!simple.endsWith(SUFFIX) || simple.length() == SUFFIX.length()) {
      return Optional.empty();
    }
    TypeElement owner = null;
    for (String candidate : candidates(written, unit)) {
      // Outer_InnerDerivatives is generated for Outer.Inner.
      String name = candidate.substring(0, candidate.length() - SUFFIX.length());
      int dot = name.lastIndexOf('.');
      String qualified = name.substring(0, dot + 1) + name.substring(dot + 1).replace('_', '.');
      try {
        owner = elements.getTypeElement(qualified);
      } catch (RuntimeException malformed) {
        owner = null; // a name javac rejects cannot be one of ours
      }
      if (owner != null && CalleeResolver.derivativesName(owner).equals(candidate)) {
        break;
      }
      owner = null;
    }
    if (owner == null) {
      return Optional.empty();
    }
    for (Element e : owner.getEnclosedElements()) {
      if (e.getKind() == ElementKind.METHOD && e.getSimpleName().contentEquals(select.getIdentifier())
          && CalleeResolver.isDifferentiable((ExecutableElement) e)) {
        ExecutableElement method = (ExecutableElement) e;
        return Optional.of(new Target(owner, method, callees.resolve(method)));
      }
    }
    return Optional.empty();
  }

  /** The qualified names {@code written} may stand for: as written, in this package, or imported. */
  private static java.util.List<String> candidates(String written, CompilationUnitTree unit) {
    java.util.List<String> out = new java.util.ArrayList<>();
    out.add(written);
    if (unit != null && !written.contains(".")) {
      if (unit.getPackageName() != null) {
        out.add(unit.getPackageName() + "." + written);
      }
      for (ImportTree i : unit.getImports()) {
        String imported = i.getQualifiedIdentifier().toString();
        if (!i.isStatic() && imported.endsWith("." + written)) {
          out.add(imported);
        }
      }
    }
    return out;
  }
}
