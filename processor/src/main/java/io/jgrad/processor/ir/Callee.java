package io.jgrad.processor.ir;

import java.util.List;

/**
 * What a caller needs to know of a differentiable function: its owner, name, parameters, which of
 * them are differentiated, where its derivatives are generated, and whether it has forward mode
 * (a function that reaches a {@code @CustomVjp} rule has reverse mode only), and its {@code order}. Built from the method's
 * signature and annotations alone, so it works for functions compiled into an earlier jar.
 */
public record Callee(
    String ownerQualifiedName,
    String derivativesQualifiedName,
    String name,
    List<Param> params,
    Type returnType,
    boolean forward,
    int order) {

  /** One parameter; {@code differentiated} is true when it gets a tangent and a gradient. */
  public record Param(String name, Type type, boolean differentiated) {}

  /**
   * The tangent of this function as a function of its own: {@code fTangent(p..., v...) = J·v}, whose
   * forward mode {@code fTangentJvp} the generated class of an order-2 function provides. Second
   * order of a caller goes through it.
   */
  public Callee tangentFunction() {
    List<Param> all = new java.util.ArrayList<>(params);
    for (Param p : differentiatedParams()) {
      all.add(new Param(p.name() + "Dot", p.type(), true));
    }
    return new Callee(derivativesQualifiedName, derivativesQualifiedName, name + "Tangent", List.copyOf(all),
        returnType, true, 1);
  }

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
