package io.jgrad.processor.ir;

import java.util.ArrayList;
import java.util.List;

/**
 * A differentiable function with records in its signature, scalarized at the IR boundary: a record
 * parameter becomes one flat parameter per leaf ({@code p_x}, {@code p_y}); a body gives one flat
 * function {@code f_flat} returning its number or its whole record, a rule with a record result one
 * flat function per leaf ({@code f_flat_x}, {@code f_flat_y}), whose derivatives the usual pipeline
 * generates. The public
 * {@code fJvp}/{@code fVjp}/{@code fGrad} pack and unpack records around them.
 */
public record RecordSignature(String owner, String derivatives, String name, List<UserParam> params,
    Type scalarResult, RecordShape result, List<Callee> flat, boolean forward) {

  /** A parameter as the user declared it: a record ({@code shape} set) or a plain one ({@code param}). */
  public record UserParam(String name, RecordShape shape, Callee.Param param, boolean differentiated) {
    /** The flat parameters this one becomes. */
    public List<Callee.Param> flat() {
      if (shape == null) {
        return List.of(param);
      }
      List<Callee.Param> out = new ArrayList<>();
      for (RecordShape.Leaf leaf : shape.leaves()) {
        out.add(new Callee.Param(name + "_" + leaf.suffix(), leaf.type(), differentiated && leaf.differentiable(),
            leaf.javaType(), false));
      }
      return out;
    }
  }

  /** The name the user knows a flat function by: {@code f} for {@code f_flat_x}. */
  public static String userName(String name) {
    int i = name.indexOf("_flat");
    return i < 0 ? name : name.substring(0, i);
  }

  /**
   * The result leaf flat function {@code flatIndex} returns (flat functions exist for the
   * differentiable leaves only).
   */
  public int leafOf(int flatIndex) {
    int seen = -1;
    List<RecordShape.Leaf> leaves = result.leaves();
    for (int i = 0; i < leaves.size(); i++) {
      if (leaves.get(i).differentiable() && ++seen == flatIndex) {
        return i;
      }
    }
    throw new IllegalArgumentException("no flat function " + flatIndex);
  }

  /** The flat function of result leaf {@code leaf}, or -1 for a leaf without a tangent. */
  public int flatOf(int leaf) {
    List<RecordShape.Leaf> leaves = result.leaves();
    if (!leaves.get(leaf).differentiable()) {
      return -1;
    }
    int n = 0;
    for (int i = 0; i < leaf; i++) {
      n += leaves.get(i).differentiable() ? 1 : 0;
    }
    return n;
  }

  /**
   * The function a caller calls for differentiable leaf {@code leaf} of the record result: the one
   * flat function reading that leaf, or a rule's flat function of that leaf.
   */
  public Callee leafCall(int leaf) {
    Callee first = flat.get(0);
    return first.recordResult() != null ? first.readingLeaf(leaf) : flat.get(flatOf(leaf));
  }

  /** The name of the generated primal of result leaf {@code leaf}: {@code f_flat_n}. */
  public String primalLeaf(RecordShape.Leaf leaf) {
    return name + "_flat_" + leaf.suffix();
  }

  /** The user's parameters that are differentiated. */
  public List<UserParam> differentiatedParams() {
    return params.stream().filter(UserParam::differentiated).toList();
  }
}
