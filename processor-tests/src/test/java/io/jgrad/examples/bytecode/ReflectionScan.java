package io.jgrad.examples.bytecode;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What in a class file counts as reflection: any mention of {@code java/lang/reflect}, a call to
 * {@code Class.forName} (or the {@code Class} methods that look members up by name), and any use of
 * {@code MethodHandles}, {@code MethodHandles.Lookup} or {@code MethodHandle} members. Every class
 * with an {@code invokedynamic} (a lambda, a record's {@code equals}, string concatenation) names
 * {@code MethodHandles$Lookup} in its bootstrap descriptors and its InnerClasses attribute; that is
 * the JVM linking the call site, not code looking anything up, so only calls to and field reads of
 * these classes' members count, not the bare class names.
 */
final class ReflectionScan {
  private static final Set<String> HANDLE_CLASSES = Set.of(
      "java/lang/invoke/MethodHandles", "java/lang/invoke/MethodHandles$Lookup", "java/lang/invoke/MethodHandle");
  private static final Set<String> CLASS_LOOKUPS = Set.of("forName", "getMethod", "getMethods",
      "getDeclaredMethod", "getDeclaredMethods", "getField", "getDeclaredField", "getConstructor",
      "getDeclaredConstructor", "newInstance");

  private ReflectionScan() {}

  /** The reflective uses in {@code classFile}, described; empty when there are none. */
  static List<String> findings(byte[] classFile) throws IOException {
    ConstantPool pool = ConstantPool.read(classFile);
    List<String> out = new ArrayList<>();
    for (String s : pool.utf8()) {
      if (s.contains("java/lang/reflect/")) {
        out.add("mentions " + s);
      }
    }
    for (ConstantPool.MemberRef m : pool.memberRefs()) {
      if (HANDLE_CLASSES.contains(m.owner())
          || (m.owner().equals("java/lang/Class") && CLASS_LOOKUPS.contains(m.name()))) {
        out.add("calls " + m.owner() + "." + m.name() + m.descriptor());
      }
    }
    return out;
  }

  /** Whether the class links an {@code invokedynamic} through the lambda factory (it has a lambda). */
  static boolean usesLambdas(byte[] classFile) throws IOException {
    return ConstantPool.read(classFile).memberRefs().stream()
        .anyMatch(m -> m.owner().equals("java/lang/invoke/LambdaMetafactory"));
  }
}
