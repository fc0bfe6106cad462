package io.jgrad.processor.ir;

import java.util.List;

/**
 * What a caller needs to know of a differentiable function: its owner, name, parameters, which of
 * them are differentiated, where its derivatives are generated, and whether it has forward mode
 * (a function that reaches a {@code @CustomVjp} rule has reverse mode only). Built from the method's
 * signature and annotations alone, so it works for functions compiled into an earlier jar.
 */
public record Callee(
    String ownerQualifiedName,
    String derivativesQualifiedName,
    String name,
    List<Param> params,
    Type returnType,
    boolean forward) {

  /** One parameter; {@code differentiated} is true when it gets a tangent and a gradient. */
  public record Param(String name, Type type, boolean differentiated) {}

  /** The differentiated parameters, in order. */
  public List<Param> differentiatedParams() {
    return params.stream().filter(Param::differentiated).toList();
  }

  /** The name of the generated gradient record, used when more than one parameter is differentiated. */
  public String gradRecordName() {
    return Character.toUpperCase(name.charAt(0)) + name.substring(1) + "Grad";
  }

  /** Whether the gradient is one value (a scalar or an array) rather than a record. */
  public boolean hasSingleGradient() {
    return differentiatedParams().size() == 1;
  }
}
