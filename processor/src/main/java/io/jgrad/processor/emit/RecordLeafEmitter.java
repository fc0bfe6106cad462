package io.jgrad.processor.emit;

import com.palantir.javapoet.MethodSpec;
import io.jgrad.processor.ir.Callee;
import io.jgrad.processor.ir.Derived;
import java.util.List;

/**
 * The leaf functions {@code f_flat_<leaf>} of a function with a record result and their
 * derivatives, in {@code Internal}: a derivative call read at one leaf of the record
 * ({@code fJvp(x, v).tangent().a()}) goes through their tangent functions.
 */
public final class RecordLeafEmitter {
  private RecordLeafEmitter() {}

  /** Each leaf function of {@code flat} (the whole record's function), its value and its derivatives. */
  public static void emit(Callee flat, List<Derived> leaves, Members members) {
    for (int i = 0; i < leaves.size(); i++) {
      Derived d = leaves.get(i);
      Callee leaf = d.signature();
      String read = flat.recordResult().shape().leaves().get(i).read("");
      MethodSpec.Builder value = DerivativesEmitter.entryPoint(leaf.name(), leaf,
          "Leaf {@code $L} of {@code $L}'s record, as a number function of its own.\n", read, flat.name())
          .returns(DerivativesEmitter.resultType(leaf))
          .addStatement("return $L($L)$L", flat.name(), String.join(", ", flat.paramNames()), read);
      members.of(leaf).addMethod(value.build());
      DerivativesEmitter.emit(d, members);
    }
  }
}
