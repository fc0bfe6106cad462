package io.jgrad.processor;

import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.source.util.Trees;
import io.jgrad.processor.check.Codes;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.element.Element;
import javax.tools.Diagnostic;

/**
 * Finds calls to a forward-mode entry point that was not generated because the function reaches a
 * {@code @CustomVjp} rule, and reports each at the call with the path to the rule, instead of a bare
 * "cannot find symbol" (JAX raises this as a TypeError at run time).
 */
final class MissingForwardScanner {
  private MissingForwardScanner() {}

  /** {@code reverseOnly}: "owner#name" of each reverse-only function, with its path to the rule. */
  static void scan(RoundEnvironment round, Trees trees, Map<String, String> reverseOnly) {
    Set<CompilationUnitTree> units = new LinkedHashSet<>();
    for (Element e : round.getRootElements()) {
      TreePath path = trees.getPath(e);
      if (path != null) {
        units.add(path.getCompilationUnit());
      }
    }
    for (CompilationUnitTree unit : units) {
      new TreePathScanner<Void, Void>() {
        @Override
        public Void visitMethodInvocation(MethodInvocationTree call, Void unused) {
          if (call.getMethodSelect() instanceof MemberSelectTree select) {
            String method = select.getIdentifier().toString();
            String receiver = select.getExpression().toString();
            if ((method.endsWith("Jvp") || method.endsWith("Hvp")) && receiver.endsWith("Derivatives")) {
              String function = method.substring(0, method.length() - 3);
              String simpleClass = receiver.substring(receiver.lastIndexOf('.') + 1);
              String owner = simpleClass.substring(0, simpleClass.length() - "Derivatives".length())
                  .replace('_', '.');
              for (Map.Entry<String, String> entry : reverseOnly.entrySet()) {
                String key = entry.getKey();
                if (key.endsWith("#" + function) && key.substring(0, key.indexOf('#')).endsWith(owner)) {
                  trees.printMessage(Diagnostic.Kind.ERROR, "[" + Codes.NO_FORWARD_MODE + "] " + receiver + "."
                      + method + " does not exist: forward mode cannot pass a @CustomVjp rule ("
                      + entry.getValue() + "); hint: use " + function + "Vjp or " + function + "Grad",
                      call, unit);
                }
              }
            }
          }
          return super.visitMethodInvocation(call, unused);
        }
      }.scan(unit, null);
    }
  }
}
