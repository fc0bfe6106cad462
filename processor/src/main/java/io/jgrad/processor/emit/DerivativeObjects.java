package io.jgrad.processor.emit;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import io.jgrad.processor.ir.Callee;
import java.util.ArrayList;
import java.util.List;

/**
 * The partial derivatives of a {@code DiffFn1}/{@code DiffFn2} object of an order-n function as
 * objects of their own, to order n: the object reached by the partials {@code path} (one index per
 * order) computes {@code D^ℓf(p)[e_path...]} through the tangent function of order ℓ, its forward mode
 * through that function's {@code Jvp}, its reverse mode through the tangent function of order ℓ + 1;
 * at order n its {@code jvp} and {@code vjp} throw, naming the order to compile with, and its partials
 * are the interface's, which throw too.
 *
 * @param sig the function whose tangent functions the objects call ({@code f}, or its rule primal)
 * @param order the order of {@code sig}'s derivatives
 * @param fn the object's interface
 * @param all the function's parameters' names
 * @param diffNames the differentiated parameters' names, the object's own parameters
 * @param dots the names of the object's tangent parameters in {@code jvp}
 */
record DerivativeObjects(Callee sig, int order, ClassName fn, List<String> all, List<String> diffNames,
    List<String> dots) {

  /**
   * The partial-derivative methods of the object reached by {@code path}: objects one order up; none
   * at the function's order, where the interface's own methods throw.
   */
  List<MethodSpec> partials(List<Integer> path) {
    List<MethodSpec> out = new ArrayList<>();
    for (int k = 0; k < diffNames.size() && path.size() < order; k++) {
      MethodSpec.Builder m = FunctionObjectEmitter.override(Callee.partialMethod(k, diffNames.size()), fn, List.of());
      List<Integer> next = new ArrayList<>(path);
      next.add(k);
      out.add(m.addStatement("return $L", object(next)).build());
    }
    return out;
  }

  /** The object reached by the partials {@code path}, of order ℓ = path's length. */
  private TypeSpec object(List<Integer> path) {
    int level = path.size();
    List<String> at = arguments(path);
    MethodSpec.Builder value = FunctionObjectEmitter.override("value", TypeName.DOUBLE,
        diffNames).addStatement("return $L", tangentCall(level, at));
    List<String> params = new ArrayList<>(diffNames);
    params.addAll(dots);
    MethodSpec.Builder jvp = FunctionObjectEmitter.override("jvp", RuntimeTypes.DUAL, params);
    MethodSpec.Builder vjp = FunctionObjectEmitter.override("vjp", diffNames.size() == 1 ? RuntimeTypes.SCALAR_VJP
        : ParameterizedTypeName.get(RuntimeTypes.VJP, RuntimeTypes.GRAD2), diffNames);
    if (level >= order) {
      beyondOrder(jvp);
      beyondOrder(vjp);
    } else {
      // Forward mode of tangent function ℓ: along the primals' tangents, the basis directions held.
      List<String> jvpArgs = new ArrayList<>(at);
      jvpArgs.addAll(FunctionObjectEmitter.tangents(sig, dots));
      for (int i = 0; i < level * diffNames.size(); i++) {
        jvpArgs.add(FunctionObjectEmitter.basis(sig, i % diffNames.size(), false));
      }
      jvp.addStatement("return $T.$LJvp($L)$L", RuntimeTypes.internal(sig), Callee.tangentFunctionName(sig.name(), level),
          String.join(", ", jvpArgs), FunctionObjectEmitter.toDual(sig));
      String outBar = FunctionObjectEmitter.free("outBar", all);
      List<String> components = new ArrayList<>();
      for (int i = 0; i < diffNames.size(); i++) {
        List<String> next = new ArrayList<>(at);
        for (int j = 0; j < diffNames.size(); j++) {
          next.add(FunctionObjectEmitter.basis(sig, j, i == j));
        }
        components.add(outBar + " * " + tangentCall(level + 1, next));
      }
      // One component per line: the calls are long.
      if (diffNames.size() == 1) {
        vjp.addCode("return new $T($L,\n$>$>$L -> $L);\n$<$<", RuntimeTypes.SCALAR_VJP, tangentCall(level, at), outBar,
            components.get(0));
      } else {
        vjp.addCode("return new $T<>($L, $L -> new $T(\n$>$>$L));\n$<$<", RuntimeTypes.VJP, tangentCall(level, at),
            outBar, RuntimeTypes.GRAD2, String.join(",\n", components));
      }
    }
    TypeSpec.Builder object = FunctionObjectEmitter.anonymous(fn, value, jvp, vjp);
    partials(path).forEach(object::addMethod);
    return object.build();
  }

  /** The function's parameters, then the basis vector of each partial on {@code path}. */
  private List<String> arguments(List<Integer> path) {
    List<String> out = new ArrayList<>(FunctionObjectEmitter.arguments(sig, all));
    for (int k : path) {
      for (int j = 0; j < diffNames.size(); j++) {
        out.add(FunctionObjectEmitter.basis(sig, j, k == j));
      }
    }
    return out;
  }

  /** A call of tangent function {@code level} ({@code fDerivative} at the order of a user's function). */
  private String tangentCall(int level, List<String> args) {
    boolean derivative = level == order && !sig.internal();
    ClassName home = derivative ? RuntimeTypes.derivatives(sig) : RuntimeTypes.internal(sig);
    String name = derivative ? sig.name() + "Derivative" : Callee.tangentFunctionName(sig.name(), level);
    return home.simpleName() + "." + name + "(" + String.join(", ", args) + ")";
  }

  /** A derivative beyond the function's order: an exception naming the order to compile with. */
  private MethodSpec.Builder beyondOrder(MethodSpec.Builder m) {
    String function = sig.internal() ? "this function's rule primal" : sig.name();
    return m.addStatement("throw new $T($S)", UnsupportedOperationException.class, function + " has derivatives to"
        + " order " + order + " only; compile it with order = " + (order + 1));
  }
}
