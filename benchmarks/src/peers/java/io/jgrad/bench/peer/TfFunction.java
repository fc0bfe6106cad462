package io.jgrad.bench.peer;

import java.util.List;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.types.TFloat64;

/**
 * A TensorFlow graph run as a function: float64 placeholders in, fetched outputs out, on a
 * session pinned to one thread so it competes with single-threaded Java.
 */
public final class TfFunction implements AutoCloseable {
  private final Graph graph;
  private final Session session;
  private final List<Placeholder<TFloat64>> inputs;
  private final List<? extends Operand<?>> outputs;

  /** Takes ownership of {@code graph}. */
  public TfFunction(Graph graph, List<Placeholder<TFloat64>> inputs, List<? extends Operand<?>> outputs) {
    this.graph = graph;
    this.inputs = inputs;
    this.outputs = outputs;
    this.session = new Session(graph, ConfigProto.newBuilder()
        .setIntraOpParallelismThreads(1)
        .setInterOpParallelismThreads(1)
        .build());
  }

  /** Runs the graph on one array per placeholder (a length-1 array feeds a scalar); returns all outputs, concatenated. */
  public double[] run(double[]... feeds) {
    TFloat64[] tensors = new TFloat64[feeds.length];
    try {
      Session.Runner runner = session.runner();
      for (int i = 0; i < feeds.length; i++) {
        tensors[i] = inputs.get(i).shape().numDimensions() == 0 ? TFloat64.scalarOf(feeds[i][0]) : TFloat64.vectorOf(feeds[i]);
        runner.feed(inputs.get(i), tensors[i]);
      }
      outputs.forEach(runner::fetch);
      try (Result result = runner.run()) {
        int total = 0;
        for (int i = 0; i < result.size(); i++) {
          total += (int) result.get(i).size();
        }
        double[] out = new double[total];
        int offset = 0;
        for (int i = 0; i < result.size(); i++) {
          TFloat64 t = (TFloat64) result.get(i);
          int size = (int) t.size();
          t.copyTo(DataBuffers.of(out, false, false).offset(offset).narrow(size));
          offset += size;
        }
        return out;
      }
    } finally {
      for (TFloat64 t : tensors) {
        if (t != null) {
          t.close();
        }
      }
    }
  }

  @Override
  public void close() {
    session.close();
    graph.close();
  }
}
