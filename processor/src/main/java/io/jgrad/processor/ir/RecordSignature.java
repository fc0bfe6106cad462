package io.jgrad.processor.ir;

import java.util.List;

/**
 * A differentiable function with records in its signature, scalarized at the IR boundary: a record
 * parameter becomes one flat parameter per leaf ({@code p_x}, {@code p_y}), and the function one
 * flat function {@code f_flat} returning its number or its whole record (its body's or its rule's),
 * whose derivatives the usual pipeline generates. The public {@code fJvp}/{@code fVjp}/{@code fGrad}
 * pack and unpack records around it.
 */
public record RecordSignature(String name, List<UserParam> params, RecordShape result, Callee flat) {

  /** A parameter as the user declared it: a record ({@code shape} set) or a plain one ({@code param}). */
  public record UserParam(String name, RecordShape shape, Callee.Param param, boolean differentiated) {
    /** The flat parameters this one becomes. */
    public List<Callee.Param> flat() {
      if (shape == null) {
        return List.of(param);
      }
      return shape.leaves().stream().map(leaf -> new Callee.Param(name + "_" + leaf.suffix(), leaf.type(),
          differentiated && leaf.differentiable(), leaf.javaType(), false)).toList();
    }
  }

  /** The name the user knows a flat function by: {@code f} for {@code f_flat}. */
  public static String userName(String name) {
    int i = name.indexOf("_flat");
    return i < 0 ? name : name.substring(0, i);
  }

  /** The user's parameters that are differentiated. */
  public List<UserParam> differentiatedParams() {
    return params.stream().filter(UserParam::differentiated).toList();
  }
}
