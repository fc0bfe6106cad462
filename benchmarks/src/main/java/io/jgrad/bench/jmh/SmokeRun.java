package io.jgrad.bench.jmh;

import io.jgrad.bench.check.CrossCheck;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;

/**
 * Runs every benchmark of a class once per parameter value, outside JMH: the set-up (and so the
 * cross-check), then each {@code @Benchmark} method. The smoke test's engine; it measures nothing.
 */
public final class SmokeRun {
  private SmokeRun() {}

  /**
   * Runs {@code type}'s benchmarks once for each value of its {@code @Param} field (at most one, an
   * {@code int}: the workloads' size), if any; returns what ran.
   */
  public static List<String> run(Class<?> type) throws ReflectiveOperationException {
    List<String> ran = new ArrayList<>();
    Field param = paramField(type);
    String[] values = param == null ? new String[] {""} : param.getAnnotation(Param.class).value();
    for (String value : values) {
      Object bench = type.getConstructor().newInstance();
      if (param != null) {
        param.setInt(bench, Integer.parseInt(value));
      }
      for (Method m : type.getMethods()) {
        if (m.isAnnotationPresent(Setup.class)) {
          invoke(bench, m);
        }
      }
      for (Method m : CrossCheck.implementations(type)) {
        if (m.isAnnotationPresent(Benchmark.class)) {
          invoke(bench, m);
          ran.add(type.getSimpleName() + "." + m.getName() + (param == null ? "" : "[" + value + "]"));
        }
      }
    }
    return ran;
  }

  private static Field paramField(Class<?> type) {
    for (Field f : type.getFields()) {
      if (f.isAnnotationPresent(Param.class)) {
        return f;
      }
    }
    return null;
  }

  private static void invoke(Object bench, Method m) throws IllegalAccessException {
    try {
      m.invoke(bench);
    } catch (InvocationTargetException e) {
      throw new IllegalStateException(m.getName() + " failed", e.getCause());
    }
  }
}
