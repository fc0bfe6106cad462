package io.jgrad.sample;

import java.io.File;
import java.io.IOException;
import java.util.function.DoubleUnaryOperator;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** Writes the notebook's clip-gradient figure: sin, its gradient, clip_sin and its clipped gradient on [0, 10]. */
final class ClipGradientPlot {
  private ClipGradientPlot() {}

  static void write(File file) throws IOException {
    XYSeriesCollection data = new XYSeriesCollection();
    data.addSeries(series("sin(t)", PlainExamples::sin));
    data.addSeries(series("grad(sin)(t)", PlainExamplesDerivatives::sinGrad));
    data.addSeries(series("clip_sin(t)", CustomExamples::clipSin));
    data.addSeries(series("grad(clip_sin)(t)", CustomExamplesDerivatives::clipSinGrad));
    JFreeChart chart = ChartFactory.createXYLineChart("clip_gradient", "t", "value", data,
        PlotOrientation.VERTICAL, true, false, false);
    ChartUtils.saveChartAsPNG(file, chart, 800, 500);
  }

  private static XYSeries series(String name, DoubleUnaryOperator f) {
    XYSeries s = new XYSeries(name);
    for (int i = 0; i < 1000; i++) {
      double t = 10.0 * i / 999;
      s.add(t, f.applyAsDouble(t));
    }
    return s;
  }
}
