package io.jgrad.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.Filer;
import javax.annotation.processing.Messager;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;
import org.junit.jupiter.api.Test;

/**
 * Gradle's incremental processing hands processors a wrapper around javac's environment, which
 * {@code Trees.instance} refuses: jgrad must find javac's environment inside and generate as usual,
 * not take the wrapper for another compiler.
 */
class WrappedEnvironmentTest {
  /** Shaped as Gradle's {@code IncrementalProcessingEnvironment}: javac's environment in a private field. */
  private static final class GradleLikeEnvironment implements ProcessingEnvironment {
    private final ProcessingEnvironment delegate;

    GradleLikeEnvironment(ProcessingEnvironment delegate) {
      this.delegate = delegate;
    }

    @Override public Map<String, String> getOptions() { return delegate.getOptions(); }
    @Override public Messager getMessager() { return delegate.getMessager(); }
    @Override public Filer getFiler() { return delegate.getFiler(); }
    @Override public Elements getElementUtils() { return delegate.getElementUtils(); }
    @Override public Types getTypeUtils() { return delegate.getTypeUtils(); }
    @Override public SourceVersion getSourceVersion() { return delegate.getSourceVersion(); }
    @Override public Locale getLocale() { return delegate.getLocale(); }
  }

  /** jgrad, initialized with the wrapped environment as Gradle does. */
  private static final class UnderGradle extends AbstractProcessor {
    private final JgradProcessor jgrad = new JgradProcessor();

    @Override
    public synchronized void init(ProcessingEnvironment env) {
      super.init(env);
      jgrad.init(new GradleLikeEnvironment(env));
    }

    @Override public Set<String> getSupportedAnnotationTypes() { return jgrad.getSupportedAnnotationTypes(); }
    @Override public SourceVersion getSupportedSourceVersion() { return jgrad.getSupportedSourceVersion(); }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
      return jgrad.process(annotations, round);
    }
  }

  @Test
  void aWrappedJavacEnvironmentStillGetsItsDerivatives() {
    Compilation c = Compiler.javac().withProcessors(new UnderGradle()).compile(JavaFileObjects.forSourceString(
        "example.Examples", """
            package example;

            import io.jgrad.annotations.Differentiable;

            final class Examples {
              @Differentiable
              static double f(double x, double y) {
                return Math.sin(x) * y;
              }
            }
            """));
    assertThat(c).succeededWithoutWarnings();
    assertThat(c).generatedSourceFile("example.ExamplesDerivatives").contentsAsUtf8String()
        .contains("Dual fJvp(double x, double y, double xDot, double yDot)");
  }
}
