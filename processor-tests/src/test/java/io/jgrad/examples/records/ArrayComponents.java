package io.jgrad.examples.records;

import io.jgrad.annotations.CustomJvp;
import io.jgrad.annotations.CustomVjp;
import io.jgrad.annotations.Differentiable;
import io.jgrad.runtime.Fwd;
import io.jgrad.runtime.Jvp;
import io.jgrad.runtime.RecordFwd;

/** Records with array components: their tangents and gradients are records with arrays of the same length. */
final class ArrayComponents {
  private ArrayComponents() {}

  /** A weight vector with a scale, and a label that gets no tangent. */
  record Layer(double[] w, double scale, String label) {}

  /** scale · Σ w[i]². */
  @Differentiable
  static double energy(Layer layer) {
    double s = 0;
    for (int i = 0; i < layer.w().length; i++) {
      s += layer.w()[i] * layer.w()[i];
    }
    return s * layer.scale();
  }

  /** A record built from an array parameter, passed on: energy(Layer(x, c)) + c·x[0]. */
  @Differentiable
  static double build(double[] x, double c) {
    Layer layer = new Layer(x, c, "built");
    return energy(layer) + c * x[0];
  }

  /** A record result with an array component: every weight times k, the scale too. */
  @Differentiable
  static Layer scaled(Layer layer, double k) {
    double[] out = new double[layer.w().length];
    for (int i = 0; i < out.length; i++) {
      out[i] = layer.w()[i] * k;
    }
    return new Layer(out, layer.scale() * k, layer.label());
  }

  /** Both result components read the weights: (w·scale, Σ w). */
  @Differentiable
  static Layer mix(Layer layer) {
    double[] out = new double[layer.w().length];
    double total = 0;
    for (int i = 0; i < out.length; i++) {
      out[i] = layer.w()[i] * layer.scale();
      total += layer.w()[i];
    }
    return new Layer(out, total, layer.label());
  }

  /** A custom VJP rule on a record with an array: the gradient of Σ w[i]·scale, written by hand. */
  @CustomVjp(fwd = "weightedSumFwd", bwd = "weightedSumBwd")
  static double weightedSum(Layer layer) {
    double s = 0;
    for (int i = 0; i < layer.w().length; i++) {
      s += layer.w()[i];
    }
    return s * layer.scale();
  }

  static Fwd<Layer> weightedSumFwd(Layer layer) {
    return Fwd.of(weightedSum(layer), layer);
  }

  static Layer weightedSumBwd(Layer layer, double g) {
    double[] dw = new double[layer.w().length];
    double sum = 0;
    for (int i = 0; i < dw.length; i++) {
      dw[i] = layer.scale() * g;
      sum += layer.w()[i];
    }
    return new Layer(dw, sum * g, layer.label());
  }

  /** A custom JVP rule with a record result holding an array: 2·layer, its tangent built in a local array. */
  @CustomJvp(jvp = "doubledJvp")
  static Layer doubled(Layer layer) {
    double[] w = new double[layer.w().length];
    for (int i = 0; i < w.length; i++) {
      w[i] = 2 * layer.w()[i];
    }
    return new Layer(w, 2 * layer.scale(), layer.label());
  }

  static Jvp<Layer> doubledJvp(Layer layer, Layer layerDot) {
    double[] t = new double[layer.w().length];
    for (int i = 0; i < t.length; i++) {
      t[i] = 2 * layerDot.w()[i];
    }
    return Jvp.of(doubled(layer), new Layer(t, 2 * layerDot.scale(), layer.label()));
  }

  /** A custom VJP rule with a record result holding an array: 3·layer. */
  @CustomVjp(fwd = "tripledFwd", bwd = "tripledBwd")
  static Layer tripled(Layer layer) {
    double[] w = new double[layer.w().length];
    for (int i = 0; i < w.length; i++) {
      w[i] = 3 * layer.w()[i];
    }
    return new Layer(w, 3 * layer.scale(), layer.label());
  }

  static RecordFwd<Layer, Integer> tripledFwd(Layer layer) {
    return RecordFwd.of(tripled(layer), layer.w().length);
  }

  static Layer tripledBwd(Integer n, Layer g) {
    double[] w = new double[n];
    for (int i = 0; i < n; i++) {
      w[i] = 3 * g.w()[i];
    }
    return new Layer(w, 3 * g.scale(), g.label());
  }
}
