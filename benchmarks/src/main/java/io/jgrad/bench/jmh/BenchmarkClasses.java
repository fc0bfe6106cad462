package io.jgrad.bench.jmh;

import java.io.PrintStream;
import java.util.List;
import java.util.TreeSet;
import org.openjdk.jmh.runner.BenchmarkList;
import org.openjdk.jmh.runner.BenchmarkListEntry;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.options.VerboseMode;

/** The benchmark classes JMH's annotation processor found in this build (the peers' too under {@code -Ppeers}). */
public final class BenchmarkClasses {
  private BenchmarkClasses() {}

  /** Every class with a {@code @Benchmark} method, by name. */
  public static List<Class<?>> all() {
    var out = OutputFormatFactory.createFormatInstance(new PrintStream(PrintStream.nullOutputStream()), VerboseMode.SILENT);
    TreeSet<String> names = new TreeSet<>();
    for (BenchmarkListEntry e : BenchmarkList.defaultList().getAll(out, List.of())) {
      names.add(e.getUserClassQName());
    }
    return names.stream().<Class<?>>map(BenchmarkClasses::load).toList();
  }

  private static Class<?> load(String name) {
    try {
      return Class.forName(name);
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException("JMH lists " + name + " but it is not on the class path", e);
    }
  }
}
