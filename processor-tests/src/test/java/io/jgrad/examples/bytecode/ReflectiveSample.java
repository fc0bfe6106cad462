package io.jgrad.examples.bytecode;

import java.lang.invoke.MethodHandles;
import java.lang.reflect.Method;

/** A class that does what generated code must never do, so the scan is shown to find it. */
final class ReflectiveSample {
  private ReflectiveSample() {}

  static Object byName(String name) throws Exception {
    return Class.forName(name);
  }

  static Object handle() throws Exception {
    return MethodHandles.lookup().findStatic(Math.class, "sin",
        java.lang.invoke.MethodType.methodType(double.class, double.class));
  }

  static Method method() throws Exception {
    return Math.class.getMethod("cos", double.class);
  }
}
