package io.jgrad.processor.parse;

import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.source.util.Trees;
import io.jgrad.processor.ir.DiffSpec;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.util.ElementFilter;

/**
 * Whether a differentiable function has forward mode, known while bodies are still being read: it
 * has none when it is a {@code @CustomVjp} function or calls, directly, through its {@code jvp} rules
 * or through derivative calls, one that has none. The processor settles this for generation after
 * reading ({@code CallerPaths}); a derivative call needs it earlier, to choose between the callee's
 * tangent function and its pullback functions.
 */
final class ForwardReach {
  private final Trees trees;
  private final CalleeResolver callees;
  /** The functions looked at so far: a cycle is reported elsewhere, and each body is scanned once. */
  private final Set<ExecutableElement> seen = new HashSet<>();

  private ForwardReach(Trees trees, CalleeResolver callees) {
    this.trees = trees;
    this.callees = callees;
  }

  /** Whether {@code function} has forward mode. */
  static boolean hasForwardMode(ExecutableElement function, Trees trees, CalleeResolver callees) {
    return !new ForwardReach(trees, callees).reverseOnly(function);
  }

  private boolean reverseOnly(ExecutableElement function) {
    if (!seen.add(function)) {
      return false;
    }
    Optional<DiffSpec> spec = DiffSpec.of(function);
    if (spec.isEmpty()) {
      return false;
    }
    if (!callees.resolve(function).forward()) {
      return true;
    }
    if (trees.getPath(function) == null) {
      return false; // compiled elsewhere: its generated class said it has forward mode
    }
    // A @CustomJvp function's derivatives come from its rules, a body function's from its body.
    List<String> rules = Stream.concat(Stream.of(spec.get().jvp()), spec.get().jvps().stream())
        .filter(n -> !n.isEmpty()).toList();
    List<ExecutableElement> read = spec.get().kind() == DiffSpec.Kind.CUSTOM_JVP
        ? ElementFilter.methodsIn(function.getEnclosingElement().getEnclosedElements()).stream()
            .filter(m -> rules.contains(m.getSimpleName().toString())).toList()
        : List.of(function);
    return read.stream().map(trees::getPath).anyMatch(p -> p != null && callsReverseOnly(p));
  }

  /** Whether the method at {@code path} calls a function without forward mode, or takes a derivative of one. */
  private boolean callsReverseOnly(TreePath path) {
    boolean[] found = {false};
    new TreePathScanner<Void, Void>() {
      @Override
      public Void visitMethodInvocation(MethodInvocationTree call, Void unused) {
        Element element = trees.getElement(getCurrentPath());
        Optional<ExecutableElement> callee = element instanceof ExecutableElement e && CalleeResolver.isDifferentiable(e)
            ? Optional.of(e)
            : DerivativeCallTarget.of(call, path.getCompilationUnit(), callees.elements)
                .filter(t -> DerivativeCallTarget.DIFFERENTIATED.contains(t.suffix()))
                .map(DerivativeCallTarget::function);
        if (callee.isPresent() && reverseOnly(callee.get())) {
          found[0] = true;
          return null;
        }
        return super.visitMethodInvocation(call, unused);
      }
    }.scan(path, null);
    return found[0];
  }
}
