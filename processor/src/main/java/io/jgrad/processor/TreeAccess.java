package io.jgrad.processor;

import com.sun.source.util.Trees;
import io.jgrad.annotations.Differentiable;
import io.jgrad.processor.diag.Codes;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.tools.Diagnostic;

/**
 * javac's Tree API for this compilation, through which jgrad reads method bodies; under a compiler
 * without it (Eclipse's ecj, in Eclipse and VS Code) jgrad reports its own error instead of crashing.
 */
final class TreeAccess {
  private TreeAccess() {}

  /** How many wrappers deep an environment is unwrapped; build tools wrap it once. */
  private static final int MAX_WRAPPERS = 4;

  /**
   * javac's {@link Trees}, or empty under a compiler that has none. Gradle (incremental processing)
   * and IntelliJ's build wrap javac's environment, which {@link Trees#instance} refuses: the wrapped
   * one is used then.
   */
  static Optional<Trees> of(ProcessingEnvironment env) {
    ProcessingEnvironment current = env;
    for (int depth = 0; depth <= MAX_WRAPPERS && current != null; depth++) {
      try {
        return Optional.of(Trees.instance(current));
      } catch (IllegalArgumentException e) {
        // Not javac's own environment: a wrapper around it, or another compiler's.
        current = unwrapped(current);
      } catch (LinkageError e) {
        // A runtime without the jdk.compiler module has no Tree API at all.
        return Optional.empty();
      }
    }
    return Optional.empty();
  }

  /**
   * One error per class, at one of its annotated methods (its first {@code @Differentiable} one, else
   * its first rule): every method of the class is affected, and one message per class keeps an IDE's
   * problem list readable.
   */
  static void reportUnsupported(Map<TypeElement, List<ExecutableElement>> byClass, ProcessingEnvironment env) {
    String compiler = env.getClass().getName();
    for (Map.Entry<TypeElement, List<ExecutableElement>> entry : byClass.entrySet()) {
      env.getMessager().printMessage(Diagnostic.Kind.ERROR, "[" + Codes.UNSUPPORTED_COMPILER + "] jgrad reads"
          + " method bodies through javac's Tree API (com.sun.source.util.Trees), which this compiler ("
          + compiler + ") does not provide, so no " + entry.getKey().getSimpleName() + "Derivatives was"
          + " generated. Compile with javac (Maven, Gradle, IntelliJ IDEA). Eclipse and VS Code compile with"
          + " ecj: there, turn annotation processing off for this project (Project > Properties > Java"
          + " Compiler > Annotation Processing; with m2e also Preferences > Maven > Annotation Processing >"
          + " \"Do not automatically configure/execute annotation processors\"), let mvn compile write the"
          + " sources into target/generated-sources/annotations and make that folder a source folder",
          firstInSource(entry.getKey(), entry.getValue()));
    }
  }

  /**
   * The first {@code @Differentiable} method of {@code methods} in declaration order, else the first of
   * them: ecj's annotated elements come in no fixed order, a class's enclosed elements in source order.
   */
  private static ExecutableElement firstInSource(TypeElement type, List<ExecutableElement> methods) {
    List<ExecutableElement> declared = type.getEnclosedElements().stream().filter(methods::contains)
        .map(ExecutableElement.class::cast).toList();
    return declared.stream().filter(m -> m.getAnnotation(Differentiable.class) != null).findFirst()
        .orElse(declared.isEmpty() ? methods.get(0) : declared.get(0));
  }

  /** The environment {@code env} wraps, or null when it wraps none that can be found. */
  private static ProcessingEnvironment unwrapped(ProcessingEnvironment env) {
    ProcessingEnvironment jetBrains = jetBrainsUnwrapped(env);
    if (jetBrains != null && jetBrains != env) {
      return jetBrains;
    }
    // Gradle's IncrementalProcessingEnvironment keeps javac's environment in a field.
    for (Class<?> c = env.getClass(); c != null && c != Object.class; c = c.getSuperclass()) {
      for (Field f : c.getDeclaredFields()) {
        if (ProcessingEnvironment.class.isAssignableFrom(f.getType())
            && !java.lang.reflect.Modifier.isStatic(f.getModifiers())) {
          try {
            f.setAccessible(true);
            Object inner = f.get(env);
            if (inner instanceof ProcessingEnvironment p && p != env) {
              return p;
            }
          } catch (ReflectiveOperationException | RuntimeException e) {
            // A module or security manager that forbids the access: nothing to unwrap here.
          }
        }
      }
    }
    return null;
  }

  /** IntelliJ's wrapper, through the unwrapping method JetBrains documents for processors; else null. */
  private static ProcessingEnvironment jetBrainsUnwrapped(ProcessingEnvironment env) {
    try {
      ClassLoader loader = env.getClass().getClassLoader();
      if (loader == null) {
        return null;
      }
      Class<?> wrappers = loader.loadClass("org.jetbrains.jps.javac.APIWrappers");
      Method unwrap = wrappers.getDeclaredMethod("unwrap", Class.class, Object.class);
      return ProcessingEnvironment.class.cast(unwrap.invoke(null, ProcessingEnvironment.class, env));
    } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
      // Not inside IntelliJ's build.
      return null;
    }
  }
}
