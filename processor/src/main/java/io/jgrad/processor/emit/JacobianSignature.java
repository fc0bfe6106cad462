package io.jgrad.processor.emit;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.ParameterSpec;
import io.jgrad.processor.ir.Callee;
import io.jgrad.processor.ir.Names;
import io.jgrad.processor.ir.RecordSignature;
import java.util.List;

/**
 * A function with an array or record result as {@code fJacobian} sees it, whether its signature has
 * records or not: the parameters as the user declared them, the leaves of each and of the result, and
 * whether it has a forward mode ({@code fJvp}) besides {@code fVjp}.
 *
 * @param owner the user's class, whose function gives the value that sizes the rows
 * @param home the derivatives class, which holds {@code fJvp}, {@code fVjp} and {@code fJacobian}
 */
record JacobianSignature(String name, ClassName owner, ClassName home, List<ParameterSpec> declared,
    List<Param> params, TangentLeaves result, boolean forward) {

  /** A parameter: its name, its leaves and whether it is differentiated. */
  record Param(String name, TangentLeaves leaves, boolean differentiated) {}

  JacobianSignature {
    declared = List.copyOf(declared);
    params = List.copyOf(params);
  }

  /** A function without records in its signature that returns an array. */
  static JacobianSignature of(Callee sig, boolean forward) {
    return new JacobianSignature(sig.name(), ClassName.bestGuess(sig.ownerQualifiedName()),
        RuntimeTypes.derivatives(sig), DerivativesEmitter.params(sig),
        sig.params().stream().map(p -> new Param(p.name(), TangentLeaves.of(p.type()), p.differentiated())).toList(),
        TangentLeaves.of(sig.returnType()), forward);
  }

  /** A function with records in its signature that returns a record or an array. */
  static JacobianSignature of(RecordSignature sig, boolean forward) {
    Callee flat = sig.flat();
    return new JacobianSignature(sig.name(), ClassName.bestGuess(flat.ownerQualifiedName()),
        RuntimeTypes.derivatives(flat),
        sig.params().stream().map(p -> ParameterSpec.builder(RecordEntryEmitter.userType(p), p.name()).build())
            .toList(),
        sig.params().stream().map(p -> new Param(p.name(), p.shape() != null ? TangentLeaves.of(p.shape())
            : TangentLeaves.of(p.param().type()), p.differentiated())).toList(),
        sig.result() != null ? TangentLeaves.of(sig.result()) : TangentLeaves.of(flat.returnType()), forward);
  }

  /** The differentiated parameters, in order: the Jacobian's blocks. */
  List<Param> differentiated() {
    return params.stream().filter(Param::differentiated).toList();
  }

  /** The parameters' names, as arguments. */
  String args() {
    return String.join(", ", params.stream().map(Param::name).toList());
  }

  /** The name of the record of the blocks: {@code FJacobian} for {@code f}. */
  String recordName() {
    return Names.capitalized(name) + "Jacobian";
  }
}
