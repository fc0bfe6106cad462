package io.jgrad.bench.check;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Checks, before anything is timed, that every implementation in a benchmark class computes what
 * the hand-written reference computes. Methods are named {@code <implementation>_<operation>}; the
 * reference for an operation is {@code hand_<operation>} (a benchmark itself or a plain method).
 * A mismatch throws, so JMH stops that benchmark instead of timing a wrong answer.
 */
public final class CrossCheck {
  /** AD tools differ from the reference only by rounding (summation order, fused operations). */
  private static final double AD_TOLERANCE = 1e-9;
  /** Central differences lose about a third of the digits to truncation and cancellation. */
  private static final double FD_TOLERANCE = 1e-5;

  private CrossCheck() {}

  /** Runs every {@code impl_op} method of {@code bench} once and compares it with {@code hand_op}. */
  public static void verify(Object bench) {
    List<String> failures = new ArrayList<>();
    for (Method m : implementations(bench.getClass())) {
      String name = m.getName();
      if (name.startsWith("hand_")) {
        continue;
      }
      String op = name.substring(name.indexOf('_') + 1);
      double[] expected = Flatten.of(call(bench, reference(bench.getClass(), op)));
      double[] actual = Flatten.of(call(bench, m));
      String problem = compare(expected, actual, name.startsWith("fd") ? FD_TOLERANCE : AD_TOLERANCE);
      if (problem != null) {
        failures.add(name + ": " + problem);
      }
    }
    if (!failures.isEmpty()) {
      throw new IllegalStateException(
          bench.getClass().getSimpleName() + " disagrees with the hand-written reference:\n  "
              + String.join("\n  ", failures));
    }
  }

  /** The public no-argument {@code impl_op} methods of {@code type}, in a stable order. */
  public static List<Method> implementations(Class<?> type) {
    return Arrays.stream(type.getMethods())
        .filter(m -> m.getParameterCount() == 0 && m.getName().contains("_"))
        .filter(m -> !Modifier.isStatic(m.getModifiers()) && m.getReturnType() != void.class)
        .sorted(Comparator.comparing(Method::getName))
        .toList();
  }

  /**
   * {@code null} when {@code actual} matches {@code expected} to a tolerance relative to the
   * largest reference component, else a description of the worst component.
   */
  static String compare(double[] expected, double[] actual, double tolerance) {
    if (expected.length != actual.length) {
      return "length " + actual.length + ", expected " + expected.length;
    }
    double scale = 1;
    for (double e : expected) {
      scale = Math.max(scale, Math.abs(e));
    }
    int worst = -1;
    double worstError = tolerance * scale;
    for (int i = 0; i < expected.length; i++) {
      double error = Math.abs(expected[i] - actual[i]);
      if (!(error <= worstError)) { // NaN counts as a mismatch
        worst = i;
        worstError = Double.isNaN(error) ? Double.POSITIVE_INFINITY : error;
      }
    }
    return worst < 0
        ? null
        : "component " + worst + " is " + actual[worst] + ", expected " + expected[worst]
            + " (tolerance " + tolerance + " × " + scale + ")";
  }

  private static Method reference(Class<?> type, String op) {
    try {
      return type.getMethod("hand_" + op);
    } catch (NoSuchMethodException e) {
      throw new IllegalStateException(type.getSimpleName() + " has no reference hand_" + op, e);
    }
  }

  private static Object call(Object bench, Method m) {
    try {
      return m.invoke(bench);
    } catch (InvocationTargetException e) {
      throw new IllegalStateException(m.getName() + " failed", e.getCause());
    } catch (IllegalAccessException e) {
      throw new IllegalStateException(m.getName() + " is not accessible", e);
    }
  }
}
