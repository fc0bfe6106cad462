package io.jgrad.processor.emit;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterSpec;
import com.palantir.javapoet.TypeSpec;
import io.jgrad.processor.ir.Callee;
import io.jgrad.processor.ir.Names;
import io.jgrad.processor.ir.Type;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

/**
 * {@code fHessianByName} of a function of order 2 or more with several differentiated parameters:
 * the Hessian as the record {@code FHessian}, one component per parameter holding its row as the
 * gradient record {@code FGrad}, so that {@code h.x().y()} is ∂²f/∂x∂y (JAX's {@code hessian} with
 * several {@code argnums}), read from {@code fHessian}'s matrix.
 */
final class HessianByNameEmitter {
  private HessianByNameEmitter() {}

  /** Adds the record {@code FHessian} and {@code fHessianByName} of {@code sig} to {@code type}. */
  static void emit(Callee sig, TypeSpec.Builder type) {
    List<Callee.Param> diff = sig.differentiatedParams();
    String record = Names.capitalized(sig.name()) + "Hessian";
    ClassName home = RuntimeTypes.derivatives(sig);
    ClassName grad = home.nestedClass(sig.gradRecordName());
    type.addType(DerivativesEmitter.gradRecord(record, diff.stream()
            .map(p -> ParameterSpec.builder(grad, p.name()).build()).toList(),
        "The Hessian of {@code $L} by parameter name: component x is the row of x as a gradient\nrecord, so"
            + " that {@code h.x().y()} is ∂²f/∂x∂y.\n", sig.name()));
    String matrix = Names.fresh("hessian", new HashSet<>(sig.paramNames()));
    MethodSpec.Builder m = DerivativesEmitter.entryPoint(sig.name() + "HessianByName", sig,
        "The Hessian of {@code $L} addressed by parameter name ({@code jax.hessian} with one\nargnum per"
            + " parameter): component x is row x of {@code $LHessian} as a gradient record,\nso that"
            + " {@code .x().y()} is ∂²f/∂x∂y.\n", sig.name(), sig.name())
        .returns(home.nestedClass(record));
    m.addStatement("double[][] $L = $LHessian($L)", matrix, sig.name(), String.join(", ", sig.paramNames()));
    List<String> rows = new ArrayList<>();
    for (int i = 0; i < diff.size(); i++) {
      List<String> row = new ArrayList<>();
      for (int j = 0; j < diff.size(); j++) {
        row.add(Terms.convert(matrix + "[" + i + "][" + j + "]", Type.DOUBLE, diff.get(j).type()));
      }
      rows.add("new " + sig.gradRecordName() + "(" + String.join(", ", row) + ")");
    }
    m.addStatement("return new $L(\n$L)", record, String.join(",\n", rows));
    type.addMethod(m.build());
  }
}
