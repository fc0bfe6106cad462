package io.jgrad.processor.parse;

import io.jgrad.processor.ir.RecordShape;
import io.jgrad.processor.ir.RecordSignature;
import java.util.List;

/**
 * Where component {@code i} of a flat gradient sits in the gradient a record rule's backward pass
 * returns: argument {@code argument} of {@code new FGrad(...)} (of {@code arguments}; the value itself
 * for one), and in it, for a record ({@code shape} set), leaf {@code leaf} of {@code shape.leaves()}.
 */
record RecordGradientLeaf(int argument, int arguments, RecordShape shape, int leaf) {

  /** Where component {@code component} of {@code records}'s flat gradient is. */
  static RecordGradientLeaf of(RecordSignature records, int component) {
    List<RecordSignature.UserParam> diff = records.differentiatedParams();
    int seen = 0;
    for (int a = 0; a < diff.size(); a++) {
      RecordSignature.UserParam p = diff.get(a);
      if (p.shape() == null) {
        if (seen++ == component) {
          return new RecordGradientLeaf(a, diff.size(), null, -1);
        }
        continue;
      }
      List<RecordShape.Leaf> leaves = p.shape().leaves();
      for (int l = 0; l < leaves.size(); l++) {
        if (leaves.get(l).differentiable() && seen++ == component) {
          return new RecordGradientLeaf(a, diff.size(), p.shape(), l);
        }
      }
    }
    throw new IllegalArgumentException("no component " + component + " in the gradient of " + records.name());
  }
}
