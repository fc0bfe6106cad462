package io.jgrad.processor.emit;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import io.jgrad.processor.ir.Callee;
import io.jgrad.processor.ir.Names;
import io.jgrad.processor.ir.RecordSignature;
import io.jgrad.processor.ir.Type;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code fHvp} of a function with a record parameter that has an array component: H·v in the
 * gradient's shape, in one pass (reverse mode over the flat function's tangent program, as for array
 * parameters) where the tangent function has reverse mode and no custom rule is reached, else one
 * forward-over-forward pass per number of the result.
 */
final class RecordArrayHvp {
  private RecordArrayHvp() {}

  /**
   * {@code fHvp}, in one pass where {@code onePass} (reverse over forward gives Hᵀ·v, which is H·v
   * where no custom rule makes H asymmetric).
   */
  static MethodSpec hvp(RecordSignature sig, boolean onePass) {
    Callee flat = sig.flat();
    MethodSpec.Builder m = RecordEntryEmitter.method(sig, "Hvp", "The Hessian of {@code $L} times the vector v"
        + " ({@code jvp(grad(f))}), in the gradient's\nshape: a record direction and a record result for a"
        + " record parameter; " + (onePass ? "one pass, reverse mode\nover the tangent program."
            : "one forward-over-forward\npass per number of the result, since a custom rule is reached or the"
            + " tangent program\nhas no reverse mode."));
    Names names = RecordHigherOrderEmitter.names(sig);
    List<String> vs = SecondOrderEmitter.hvpDirections(sig.differentiatedParams().stream()
        .map(p -> new Callee.Param(p.name(), Type.DOUBLE, true)).toList(), names);
    List<String> direction = RecordHigherOrderEmitter.directions(sig, m, vs);
    checkDirections(sig, m, direction);
    List<String> primals = RecordHigherOrderEmitter.primals(sig);
    Map<String, String> components = new HashMap<>();
    if (onePass) {
      Callee tangent = flat.tangentFunction();
      String gradient = names.fresh("gradient");
      List<String> args = RecordHigherOrderEmitter.concat(primals, direction);
      m.addStatement("$T $L =$W$T.$LGrad($L)", RuntimeTypes.home(tangent).nestedClass(tangent.gradRecordName()),
          gradient, RuntimeTypes.home(tangent), tangent.name(), CodeBlock.join(args.stream()
              .map(a -> CodeBlock.of("$L", a)).toList(), ",$W"));
      flat.differentiatedParams().forEach(p -> components.put(p.name(), gradient + "." + p.name() + "()"));
    } else {
      nPasses(sig, m, names, primals, direction, components);
    }
    m.returns(RecordEntryEmitter.gradType(sig));
    m.addStatement("return $L", RecordEntryEmitter.userGradient(sig,
        (path, flatName, t, primal) -> components.get(flatName), null));
    return m.build();
  }

  /**
   * Component (k, j) of H·v as {@code fSecondOrder(p, eₖⱼ, v)}, into one local per flat differentiated
   * parameter, named in {@code components}.
   */
  private static void nPasses(RecordSignature sig, MethodSpec.Builder m, Names names, List<String> primals,
      List<String> direction, Map<String, String> components) {
    Callee flat = sig.flat();
    List<Callee.Param> diff = flat.differentiatedParams();
    String kernel = HigherOrderEmitter.kernelName(flat, 2);
    String index = names.fresh("j");
    for (int k = 0; k < diff.size(); k++) {
      Callee.Param p = diff.get(k);
      String primal = primals.get(flat.params().indexOf(p));
      String out = names.fresh("hv" + Names.capitalized(p.name().replace("_", "")));
      components.put(p.name(), out);
      if (!p.type().isArray()) {
        m.addStatement("$L $L = $L", p.type().javaName(), out, narrowed(flat, p.type(), RecordHigherOrderEmitter
            .tangent(kernel, RecordHigherOrderEmitter.concat(RecordHigherOrderEmitter.concat(primals,
                units(flat, primals, k, null)), direction))));
        continue;
      }
      m.addStatement("$L $L = new $L[$L.length]", p.type().javaName(), out, p.type().element().javaName(), primal);
      m.beginControlFlow("for (int $L = 0; $L < $L.length; $L++)", index, index, primal, index);
      String unit = names.fresh("e");
      m.addStatement("$L $L = $T.$L($L.length, $L)", p.type().javaName(), unit, TangentLeaves.JACOBIANS,
          p.type() == Type.FLOAT_ARRAY ? "floatUnit" : "unit", primal, index);
      m.addStatement("$L[$L] = $L", out, index, narrowed(flat, p.type().element(), RecordHigherOrderEmitter
          .tangent(kernel, RecordHigherOrderEmitter.concat(RecordHigherOrderEmitter.concat(primals,
              units(flat, primals, k, unit)), direction))));
      m.endControlFlow();
    }
  }

  /**
   * The unit direction over the flat differentiated parameters, its one on parameter k ({@code unit},
   * the unit array, where that is an array), zeros elsewhere.
   */
  private static List<String> units(Callee flat, List<String> primals, int k, String unit) {
    List<String> out = new ArrayList<>();
    List<Callee.Param> diff = flat.differentiatedParams();
    for (int i = 0; i < diff.size(); i++) {
      Callee.Param p = diff.get(i);
      out.add(i == k ? (p.type().isArray() ? unit : Terms.one(p.type()))
          : Terms.zeroLike(p.type(), primals.get(flat.params().indexOf(p))));
    }
    return out;
  }

  /** A double kernel's tangent read into a component of {@code type}: cast where that is a float. */
  private static CodeBlock narrowed(Callee flat, Type type, CodeBlock tangent) {
    return type == Type.FLOAT && flat.returnType() != Type.FLOAT ? CodeBlock.of("(float) $L", tangent) : tangent;
  }

  /**
   * Each array leaf of a direction ({@code direction}: one flat argument per flat differentiated
   * parameter) checked against its primal's length on entry, naming both.
   */
  static void checkDirections(RecordSignature sig, MethodSpec.Builder m, List<String> direction) {
    Callee flat = sig.flat();
    List<String> primals = RecordHigherOrderEmitter.primals(sig);
    List<Callee.Param> diff = flat.differentiatedParams();
    for (int k = 0; k < diff.size(); k++) {
      if (diff.get(k).type().isArray()) {
        String primal = primals.get(flat.params().indexOf(diff.get(k)));
        m.addStatement("$T.checkDirection($L, $L, $S, $S)", RuntimeTypes.TANGENTS, primal, direction.get(k),
            primal, direction.get(k));
      }
    }
  }
}
