package io.jgrad.processor.emit;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.MethodSpec;
import io.jgrad.processor.ir.Callee;
import io.jgrad.processor.ir.Derived;
import io.jgrad.processor.ir.Names;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.Modifier;

/**
 * The derivatives of an order-n function above the second: the private kernels of orders 3 to n
 * (forward mode over the tangent program of the kernel below), the tangent functions
 * {@code fTangent<k>} with their forward mode for callers (2 ≤ k < n), and {@code fDerivative}, the
 * n-th directional derivative (from order 2 on).
 */
final class HigherOrderEmitter {
  private HigherOrderEmitter() {}

  /** The private kernel of order k ({@code fSecondOrder} for k = 2, else {@code fOrder<k>}). */
  static String kernelName(Callee sig, int k) {
    return sig.name() + (k == 2 ? "SecondOrder" : "Order" + k);
  }

  /** Adds the kernels of orders 3 to n, the tangent functions 2 to n - 1 and {@code fDerivative}. */
  static void emit(Derived d, Members members) {
    Callee sig = d.signature();
    int n = d.higherOrders().size() + 1;
    for (int k = 3; k <= n; k++) {
      Derived.ForwardOverForward kernel = d.higherOrders().get(k - 2);
      MethodSpec.Builder m = MethodSpec.methodBuilder(kernelName(sig, k))
          .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
          .addJavadoc("The derivative of order $L of {@code $L} along the tangents, the last direction's as the"
              + " Dual's tangent: forward mode over the tangent program of order $L.\n", k, sig.name(), k - 1)
          .returns(DerivativesEmitter.jvpType(sig));
      m.addParameters(DerivativesEmitter.params(kernel.kernel()));
      DerivativesEmitter.printForward(m, sig, kernel.program());
      members.api().addMethod(m.build());
    }
    Names names = Names.of(sig.paramNames(), List.of());
    List<List<String>> directions = directions(sig, n, names);
    if (sig.recordResult() != null) {
      return; // a record result's kernels serve its fDerivative only: its callers stop at order 1
    }
    // Callers go through tangent functions of number results only (OrderLimits).
    for (int k = 2; k < n && !sig.returnType().isArray(); k++) {
      emitTangentFunction(sig, k, directions, members);
      emitTangentJvp(sig, k, directions, names, members);
    }
    if (sig.internal() && n > 1) {
      // A rule primal's objects read its highest derivative here (DerivativeObjects).
      emitTangentFunction(sig, n, directions, members);
    } else if (!sig.internal()) {
      MethodSpec.Builder derivative = DerivativesEmitter.entryPoint(sig.name() + "Derivative", sig,
          "The derivative of order $L of {@code $L} along directions 1 to $L, each with one component per"
              + " differentiated parameter" + (sig.returnType().isArray()
                  ? ":\ncomponent k is that of result component k ({@code jvp} applied $L times).\n" : ".\n"),
          sig.returnType().isArray() ? new Object[] {n, sig.name(), n, n} : new Object[] {n, sig.name(), n})
          .returns(DerivativesEmitter.typeName(sig.returnType()));
      directions.forEach(group -> SecondOrderEmitter.addTangents(derivative, sig.differentiatedParams(), group));
      directions.forEach(group -> ArrayHessianEmitter.checkDirections(derivative, sig.differentiatedParams(), group));
      derivative.addStatement("return $L($L).tangent()", kernelName(sig, n), arguments(sig, directions));
      members.api().addMethod(derivative.build());
    }
  }

  /** {@code fDerivative}'s n direction groups, fresh in {@code names}: {@code xDot1, yDot1, ..., xDotn, yDotn}. */
  static List<List<String>> directions(Callee sig, int n, Names names) {
    List<List<String>> directions = new ArrayList<>();
    for (int group = 1; group <= n; group++) {
      String suffix = "Dot" + group;
      directions.add(sig.differentiatedParams().stream().map(p -> names.fresh(p.name() + suffix)).toList());
    }
    return directions;
  }

  /**
   * {@code fTangent<k>(p, v1, ..., vk) = Dᵏf(p)[v1, ..., vk]}, in {@code Internal}: what callers of
   * order above k call.
   */
  private static void emitTangentFunction(Callee sig, int k, List<List<String>> directions, Members members) {
    String name = Callee.tangentFunctionName(sig.name(), k);
    List<List<String>> vs = directions.subList(0, k);
    MethodSpec.Builder tangent = DerivativesEmitter.entryPoint(name, sig,
        "The derivative of order $L of {@code $L} along the tangents, as a function of its own.\n", k, sig.name())
        .returns(DerivativesEmitter.typeName(sig.returnType()));
    vs.forEach(group -> SecondOrderEmitter.addTangents(tangent, sig.differentiatedParams(), group));
    tangent.addStatement("return $T.$L($L).tangent()", RuntimeTypes.derivatives(sig), kernelName(sig, k),
        arguments(sig, vs));
    members.internal().addMethod(tangent.build());
  }

  /**
   * The forward mode of {@code fTangent<k>}, {@code fTangent<k>Jvp(p, v1, ..., vk, u, w1, ..., wk)},
   * whose tangent is {@code Dᵏ⁺¹f(p)[v1, ..., vk, u] + Σᵢ Dᵏf(p)[v1, ..., wᵢ, ..., vk]} (multilinear in
   * the v's), in {@code Internal}.
   */
  private static void emitTangentJvp(Callee sig, int k, List<List<String>> directions, Names names,
      Members members) {
    ClassName outer = RuntimeTypes.derivatives(sig);
    String name = Callee.tangentFunctionName(sig.name(), k);
    List<List<String>> vs = directions.subList(0, k);
    List<String> u = sig.differentiatedParams().stream().map(p -> names.fresh(p.name() + "Dir")).toList();
    List<List<String>> ws = vs.stream().map(group -> group.stream().map(v -> names.fresh(v + "Dir")).toList())
        .toList();
    ClassName dual = RuntimeTypes.dual(sig.returnType());
    MethodSpec.Builder jvp = DerivativesEmitter.entryPoint(name + "Jvp", sig,
        "Forward mode of {@code $L}: along the primal direction and each tangent's direction.\n", name)
        .returns(dual);
    vs.forEach(group -> SecondOrderEmitter.addTangents(jvp, sig.differentiatedParams(), group));
    SecondOrderEmitter.addTangents(jvp, sig.differentiatedParams(), u);
    ws.forEach(group -> SecondOrderEmitter.addTangents(jvp, sig.differentiatedParams(), group));
    String next = names.fresh("next");
    List<List<String>> withU = new ArrayList<>(vs);
    withU.add(u);
    jvp.addStatement("$T $L = $T.$L($L)", dual, next, outer, kernelName(sig, k + 1), arguments(sig, withU));
    StringBuilder sum = new StringBuilder(next + ".tangent()");
    for (int i = 0; i < k; i++) {
      List<List<String>> replaced = new ArrayList<>(vs);
      replaced.set(i, ws.get(i));
      sum.append(" + ").append(name).append("(").append(arguments(sig, replaced)).append(")");
    }
    jvp.addStatement("return $T.of($L.value(), $L)", dual, next, sum);
    members.internal().addMethod(jvp.build());
  }

  /** The primal parameters, then each group of directions, as call arguments. */
  private static String arguments(Callee sig, List<List<String>> groups) {
    List<String> out = new ArrayList<>(sig.paramNames());
    groups.forEach(out::addAll);
    return String.join(", ", out);
  }
}
