package io.jgrad.bench.peer;

import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Gradients;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat64;

/**
 * The workloads as TensorFlow graphs (graph mode, float64): each function fetches its value (where
 * the reference has one) and then {@code tf.gradients} of it with respect to the placeholders.
 */
public final class TensorFlowPeer {
  private TensorFlowPeer() {}

  /** {@code sin(x)·y}: fetches value, ∂/∂x, ∂/∂y. */
  public static TfFunction f() {
    Graph g = new Graph();
    Ops tf = Ops.create(g);
    Placeholder<TFloat64> x = scalar(tf);
    Placeholder<TFloat64> y = scalar(tf);
    Operand<TFloat64> out = tf.math.mul(tf.math.sin(x), y);
    return withGradients(g, tf, out, List.of(x, y), true);
  }

  /** {@code log(1 + e^x)}: fetches the derivative (TensorFlow differentiates the plain formula). */
  public static TfFunction log1pexp() {
    Graph g = new Graph();
    Ops tf = Ops.create(g);
    Placeholder<TFloat64> x = scalar(tf);
    Operand<TFloat64> out = tf.math.log(tf.math.add(tf.constant(1.0), tf.math.exp(x)));
    return withGradients(g, tf, out, List.of(x), false);
  }

  /** Rosenbrock over a vector of {@code n}: fetches the gradient, vectorised with slices. */
  public static TfFunction rosenbrock(int n) {
    Graph g = new Graph();
    Ops tf = Ops.create(g);
    Placeholder<TFloat64> x = tf.placeholder(TFloat64.class, Placeholder.shape(Shape.of(n)));
    // int32 begin/size: with int64 ones TensorFlow cannot build Slice's gradient (int32 vs int64)
    Operand<TFloat64> head = tf.slice(x, tf.constant(new int[] {0}), tf.constant(new int[] {n - 1}));
    Operand<TFloat64> tail = tf.slice(x, tf.constant(new int[] {1}), tf.constant(new int[] {n - 1}));
    Operand<TFloat64> a = tf.math.sub(tail, tf.math.square(head));
    Operand<TFloat64> b = tf.math.sub(tf.constant(1.0), head);
    Operand<TFloat64> terms = tf.math.add(tf.math.mul(tf.constant(100.0), tf.math.square(a)), tf.math.square(b));
    Operand<TFloat64> out = tf.sum(terms, tf.constant(0));
    return withGradients(g, tf, out, List.of(x), false);
  }

  /** The MLP loss; the samples are a graph constant, {@code w} and {@code b} are fed: fetches ∂/∂w, ∂/∂b. */
  public static TfFunction mlp(double[] samples, int dim) {
    Graph g = new Graph();
    Ops tf = Ops.create(g);
    double[][] rows = new double[samples.length / dim][dim];
    for (int i = 0; i < rows.length; i++) {
      System.arraycopy(samples, i * dim, rows[i], 0, dim);
    }
    Placeholder<TFloat64> w = tf.placeholder(TFloat64.class, Placeholder.shape(Shape.of(dim)));
    Placeholder<TFloat64> b = scalar(tf);
    Operand<TFloat64> z = tf.math.add(tf.linalg.matMul(tf.constant(rows), tf.reshape(w, tf.constant(new long[] {dim, 1}))), b);
    Operand<TFloat64> t = tf.math.tanh(z);
    Operand<TFloat64> out = tf.sum(tf.math.square(t), tf.constant(new int[] {0, 1}));
    return withGradients(g, tf, out, List.of(w, b), false);
  }

  /** Explicit Euler unrolled into the graph, {@code steps} steps: fetches ∂/∂(a, b, c, d). */
  public static TfFunction euler(double u0, double v0, double dt, int steps) {
    Graph g = new Graph();
    Ops tf = Ops.create(g);
    List<Placeholder<TFloat64>> p = List.of(scalar(tf), scalar(tf), scalar(tf), scalar(tf));
    Operand<TFloat64> h = tf.constant(dt);
    Operand<TFloat64> u = tf.constant(u0);
    Operand<TFloat64> v = tf.constant(v0);
    for (int i = 0; i < steps; i++) {
      Operand<TFloat64> uv = tf.math.mul(u, v);
      Operand<TFloat64> du = tf.math.sub(tf.math.mul(p.get(0), u), tf.math.mul(p.get(1), uv));
      Operand<TFloat64> dv = tf.math.sub(tf.math.mul(p.get(3), uv), tf.math.mul(p.get(2), v));
      u = tf.math.add(u, tf.math.mul(h, du));
      v = tf.math.add(v, tf.math.mul(h, dv));
    }
    return withGradients(g, tf, tf.math.add(u, v), p, false);
  }

  private static Placeholder<TFloat64> scalar(Ops tf) {
    return tf.placeholder(TFloat64.class, Placeholder.shape(Shape.scalar()));
  }

  private static TfFunction withGradients(
      Graph g, Ops tf, Operand<TFloat64> out, List<Placeholder<TFloat64>> inputs, boolean fetchValue) {
    Gradients grads = tf.gradients(out, inputs);
    List<Operand<?>> fetches = new ArrayList<>();
    if (fetchValue) {
      fetches.add(out);
    }
    for (int i = 0; i < inputs.size(); i++) {
      fetches.add(grads.dy(i));
    }
    return new TfFunction(g, inputs, fetches);
  }
}
