package io.jgrad.processor.parse;

import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.source.util.Trees;
import io.jgrad.processor.ir.DiffSpec;
import io.jgrad.processor.ir.Type;
import io.jgrad.processor.ir.TypeMapper;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Stream;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.util.ElementFilter;

/**
 * What a differentiable function reaches through its calls, known while bodies are still being
 * read: whether it has forward mode, and whether its generated class has {@code fRulePrimal}. The
 * processor settles both for generation after reading ({@code CallerPaths}, {@code RulePrimals}); a
 * derivative call needs them earlier, to choose the function it is read as. A function reaches what
 * its body calls (its {@code jvp} rules' bodies for a {@code @CustomJvp} function) and what the
 * functions it calls or takes derivatives of reach.
 */
final class CalleeReach {
  private final Trees trees;
  private final CalleeResolver callees;
  /** Whether a function reaches it by what it is: a @CustomVjp function, a @CustomJvp rule. */
  private final Predicate<ExecutableElement> seed;
  /** Whether a call, of a method that is not differentiable, reaches it: a call through a function object. */
  private final Predicate<ExecutableElement> seedCall;
  /** The functions looked at so far: a cycle is reported elsewhere, and each body is scanned once. */
  private final Set<ExecutableElement> seen = new HashSet<>();

  private CalleeReach(Trees trees, CalleeResolver callees, Predicate<ExecutableElement> seed,
      Predicate<ExecutableElement> seedCall) {
    this.trees = trees;
    this.callees = callees;
    this.seed = seed;
    this.seedCall = seedCall;
  }

  /**
   * Whether {@code function} has forward mode: it has none when it is a {@code @CustomVjp} function
   * (or a compiled one whose class has no {@code fJvp}) or reaches one.
   */
  static boolean hasForwardMode(ExecutableElement function, Trees trees, CalleeResolver callees) {
    return !new CalleeReach(trees, callees, f -> !callees.resolve(f).forward(), m -> false).reaches(function);
  }

  /**
   * Whether the generated class of {@code function}, of order 2, has {@code fRulePrimal}: it reaches
   * a {@code @CustomJvp} rule or a call through a function object (a compiled function: its class
   * says).
   */
  static boolean hasRulePrimal(ExecutableElement function, Trees trees, CalleeResolver callees) {
    Predicate<ExecutableElement> seed = f -> trees.getPath(f) == null ? callees.resolve(f).rulePrimal()
        : DiffSpec.of(f).map(s -> s.kind() == DiffSpec.Kind.CUSTOM_JVP).orElse(false);
    Predicate<ExecutableElement> objectCall = m -> m.getSimpleName().contentEquals("value")
        && Optional.ofNullable(TypeMapper.map(m.getEnclosingElement().asType())).map(Type::isFunctionObject).orElse(false);
    return new CalleeReach(trees, callees, seed, objectCall).reaches(function);
  }

  /**
   * Whether {@code function} reaches a {@code @CustomJvp} rule other than itself whose result is not
   * a number: its tangent functions then have no reverse mode ({@code fTangentVjp}), which the
   * derivatives of a caller reading its tangent, gradient or Hessian go through.
   */
  static boolean reachesNonNumberRule(ExecutableElement function, Trees trees, CalleeResolver callees) {
    Predicate<ExecutableElement> seed = f -> !f.equals(function) && !f.getReturnType().getKind().isPrimitive()
        && DiffSpec.of(f).map(s -> s.kind() == DiffSpec.Kind.CUSTOM_JVP).orElse(false);
    return new CalleeReach(trees, callees, seed, m -> false).reaches(function);
  }

  private boolean reaches(ExecutableElement function) {
    Optional<DiffSpec> spec = DiffSpec.of(function);
    if (spec.isEmpty() || !seen.add(function)) {
      return false;
    }
    if (seed.test(function)) {
      return true;
    }
    // A @CustomJvp function's derivatives come from its rules, a body function's from its body; a
    // @CustomVjp function's from passes that are no seed; a compiled one's class said it all.
    List<String> rules = Stream.concat(Stream.of(spec.get().jvp()), spec.get().jvps().stream())
        .filter(n -> !n.isEmpty()).toList();
    List<ExecutableElement> read = switch (spec.get().kind()) {
      case CUSTOM_JVP -> ElementFilter.methodsIn(function.getEnclosingElement().getEnclosedElements()).stream()
          .filter(m -> rules.contains(m.getSimpleName().toString())).toList();
      case BODY -> List.of(function);
      case CUSTOM_VJP -> List.of();
    };
    return read.stream().map(trees::getPath).anyMatch(p -> p != null && callsReaching(p));
  }

  /** Whether the method at {@code path} makes a call that reaches it, or takes a derivative of a function that does. */
  private boolean callsReaching(TreePath path) {
    boolean[] found = {false};
    new TreePathScanner<Void, Void>() {
      @Override
      public Void visitMethodInvocation(MethodInvocationTree call, Void unused) {
        Element element = trees.getElement(getCurrentPath());
        boolean differentiable = element instanceof ExecutableElement e && CalleeResolver.isDifferentiable(e);
        Optional<ExecutableElement> callee = differentiable ? Optional.of((ExecutableElement) element)
            : DerivativeCallTarget.of(call, path.getCompilationUnit(), callees.elements)
                .filter(t -> DerivativeCallTarget.DIFFERENTIATED.contains(t.suffix()))
                .map(DerivativeCallTarget::function);
        if (!differentiable && element instanceof ExecutableElement e && seedCall.test(e)
            || callee.isPresent() && reaches(callee.get())) {
          found[0] = true;
          return null;
        }
        return super.visitMethodInvocation(call, unused);
      }
    }.scan(path, null);
    return found[0];
  }
}
