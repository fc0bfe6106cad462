package io.jgrad.processor;

import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePathScanner;
import com.sun.source.util.Trees;
import io.jgrad.processor.diag.Codes;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import javax.tools.Diagnostic;

/**
 * Finds calls to a generated method that was not generated because an option is missing, the
 * function reaches a {@code @CustomVjp} rule or its shape has no such method ({@code fHessian}
 * without {@code order = 2}, {@code fBatch} without {@code @Batched}, {@code fJvp} through a
 * {@code @CustomVjp}, {@code fJacobian} of a number, {@code fHessianByName} of one parameter), and
 * reports each at the call with what would make it or what to call instead, instead of javac's bare
 * "cannot find symbol".
 */
final class MissingMethodScanner {
  private MissingMethodScanner() {}

  /**
   * What this round generated for one function: its annotation as written ({@code @Differentiable}),
   * its order, whether it is {@code @Batched}, and, when it has no forward mode, the path to the
   * {@code @CustomVjp} rule that takes it away (null otherwise); whether it returns a number, and
   * how many parameters it differentiates, whether one of them an array, and whether it has
   * {@code fHvp} by reverse over reverse without forward mode (a function of arrays, or of records
   * over their leaves).
   */
  record Generated(String annotation, int order, boolean batched, String noForward, boolean numberResult,
      int differentiated, boolean arrayParameter, boolean reverseHvp) {}

  /**
   * What a generated method needs: forward mode, order 2, {@code @Batched}, a result other than a
   * number ({@code fJacobian}), several differentiated numbers ({@code fHessianByName}).
   */
  private enum Need { FORWARD, ORDER_2, BATCHED, NOT_A_NUMBER, SEVERAL_NUMBERS }

  /**
   * A suffix of generated names, what a method of that suffix needs, and the reverse-mode method to
   * use instead where forward mode is missing.
   */
  private record Suffix(String suffix, Set<Need> needs, String reverse) {}

  /** Longest first, so that {@code fJvpBatch} is read as {@code f} + {@code JvpBatch}, not {@code fJvp} + {@code Batch}. */
  private static final List<Suffix> SUFFIXES = List.of(
      new Suffix("GradBatchSession", Set.of(Need.BATCHED), null),
      new Suffix("JvpBatchSession", Set.of(Need.BATCHED, Need.FORWARD), "GradBatchSession"),
      new Suffix("BatchSession", Set.of(Need.BATCHED), null),
      new Suffix("GradBatch", Set.of(Need.BATCHED), null),
      new Suffix("JvpBatch", Set.of(Need.BATCHED, Need.FORWARD), "GradBatch"),
      new Suffix("HessianByName", Set.of(Need.ORDER_2, Need.SEVERAL_NUMBERS), null),
      new Suffix("Jacobian", Set.of(Need.NOT_A_NUMBER), null),
      new Suffix("Hessian", Set.of(Need.ORDER_2), null),
      new Suffix("Batch", Set.of(Need.BATCHED), null),
      new Suffix("Hvp", Set.of(Need.ORDER_2, Need.FORWARD), "Hessian"),
      new Suffix("Jvp", Set.of(Need.FORWARD), "Vjp or {f}Grad"));

  /**
   * Scans {@code units}, the round's sources; {@code generated}: "owner#name" of each function this
   * round generated code for; {@code explained} hears each call reported.
   */
  static void scan(Set<CompilationUnitTree> units, Trees trees, Map<String, Generated> generated,
      BiConsumer<Tree, CompilationUnitTree> explained) {
    for (CompilationUnitTree unit : units) {
      new TreePathScanner<Void, Void>() {
        @Override
        public Void visitMethodInvocation(MethodInvocationTree call, Void unused) {
          if (call.getMethodSelect() instanceof MemberSelectTree select) {
            String receiver = select.getExpression().toString();
            if (receiver.endsWith("Derivatives")) {
              String message = explain(receiver, select.getIdentifier().toString(), generated);
              if (message != null) {
                trees.printMessage(Diagnostic.Kind.ERROR, message, call, unit);
                explained.accept(call, unit);
              }
            }
          }
          return super.visitMethodInvocation(call, unused);
        }
      }.scan(unit, null);
    }
  }

  /** Why {@code receiver.method} was not generated, with the fix; null when it was or is not jgrad's. */
  private static String explain(String receiver, String method, Map<String, Generated> generated) {
    String simpleClass = receiver.substring(receiver.lastIndexOf('.') + 1);
    String owner = simpleClass.substring(0, simpleClass.length() - "Derivatives".length()).replace('_', '.');
    for (Suffix s : SUFFIXES) {
      if (!method.endsWith(s.suffix()) || method.length() == s.suffix().length()) {
        continue;
      }
      String function = method.substring(0, method.length() - s.suffix().length());
      for (Map.Entry<String, Generated> entry : generated.entrySet()) {
        String key = entry.getKey();
        if (!key.endsWith("#" + function) || !key.substring(0, key.indexOf('#')).endsWith(owner)) {
          continue;
        }
        Generated g = entry.getValue();
        String missing = "[%s] " + receiver + "." + method + " does not exist: ";
        // A function of arrays or records reaching a @CustomVjp rule may have fHvp, reverse over reverse.
        boolean reverseHvp = s.suffix().equals("Hvp") && g.reverseHvp();
        if (s.needs().contains(Need.FORWARD) && g.noForward() != null && !reverseHvp) {
          return String.format(missing, Codes.NO_FORWARD_MODE) + "forward mode cannot pass a @CustomVjp rule ("
              + g.noForward() + "); hint: use " + function + s.reverse().replace("{f}", function);
        }
        if (s.needs().contains(Need.NOT_A_NUMBER) && g.numberResult()) {
          return String.format(missing, Codes.NOT_GENERATED) + "fJacobian is generated only for functions"
              + " with an array or record result, and " + function + " returns a number; hint: use " + function
              + "Grad (the Jacobian of a number is its gradient)";
        }
        if (s.needs().contains(Need.SEVERAL_NUMBERS) && (g.differentiated() < 2 || g.arrayParameter())) {
          // Checked before the order: no order gives such a function an fHessianByName.
          return String.format(missing, Codes.NOT_GENERATED) + "fHessianByName is generated only for several"
              + " differentiated parameters, none of them an array; hint: use " + function
              + (g.differentiated() < 2 ? "Hessian" : "Hvp") + (g.order() < 2 ? ", with order = 2 on " + function
              : "");
        }
        if (s.needs().contains(Need.ORDER_2) && g.order() < 2) {
          return String.format(missing, Codes.NOT_GENERATED) + "second derivatives are generated only at"
              + " order 2; hint: add order = 2 to " + g.annotation() + " on " + function;
        }
        if (s.needs().contains(Need.BATCHED) && !g.batched()) {
          return String.format(missing, Codes.NOT_GENERATED) + "batched kernels are generated only for"
              + " @Batched functions; hint: add @Batched to " + function;
        }
        // generated: the suffix read is right and the method exists
        return null;
      }
    }
    return null;
  }
}
