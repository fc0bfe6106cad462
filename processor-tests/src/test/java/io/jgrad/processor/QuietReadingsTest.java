package io.jgrad.processor;

import static com.google.common.truth.Truth.assertThat;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.Arrays;
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
import javax.tools.Diagnostic;
import org.junit.jupiter.api.Test;

/**
 * The optional readings for kernels (a {@code @CustomVjp} rule's pullbacks, a record rule
 * function's flat body) drop what they refuse, but a processor bug inside them is reported as
 * {@code [jgrad.Internal]} at the method, never swallowed: the bug is simulated by element
 * lookups that throw while that reading runs.
 */
class QuietReadingsTest {
  /** javac's environment (in a field, as jgrad finds it) whose element lookups fail inside {@code reading}. */
  private static final class FailingInside implements ProcessingEnvironment {
    private final ProcessingEnvironment delegate;
    private final String reading;

    FailingInside(ProcessingEnvironment delegate, String reading) {
      this.delegate = delegate;
      this.reading = reading;
    }

    @Override public Map<String, String> getOptions() { return delegate.getOptions(); }
    @Override public Messager getMessager() { return delegate.getMessager(); }
    @Override public Filer getFiler() { return delegate.getFiler(); }
    @Override public Types getTypeUtils() { return delegate.getTypeUtils(); }
    @Override public SourceVersion getSourceVersion() { return delegate.getSourceVersion(); }
    @Override public Locale getLocale() { return delegate.getLocale(); }

    @Override
    public Elements getElementUtils() {
      Elements elements = delegate.getElementUtils();
      return (Elements) Proxy.newProxyInstance(Elements.class.getClassLoader(), new Class<?>[] {Elements.class},
          (proxy, method, args) -> {
            if (Arrays.stream(Thread.currentThread().getStackTrace())
                .anyMatch(f -> f.getMethodName().equals(reading))) {
              throw new IllegalStateException("simulated bug in " + reading);
            }
            try {
              return method.invoke(elements, args);
            } catch (InvocationTargetException e) {
              throw e.getCause();
            }
          });
    }
  }

  /** jgrad over that environment. */
  private static final class Failing extends AbstractProcessor {
    private final JgradProcessor jgrad = new JgradProcessor();
    private final String reading;

    Failing(String reading) {
      this.reading = reading;
    }

    @Override
    public synchronized void init(ProcessingEnvironment env) {
      super.init(env);
      jgrad.init(new FailingInside(env, reading));
    }

    @Override public Set<String> getSupportedAnnotationTypes() { return jgrad.getSupportedAnnotationTypes(); }
    @Override public SourceVersion getSupportedSourceVersion() { return jgrad.getSupportedSourceVersion(); }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
      return jgrad.process(annotations, round);
    }
  }

  private static String internalError(String reading, String body) {
    Compilation c = Compiler.javac().withProcessors(new Failing(reading)).compile(JavaFileObjects.forSourceString(
        "example.Examples", """
            package example;
            import io.jgrad.annotations.*;
            import io.jgrad.runtime.*;
            final class Examples {
              @Differentiable
              static double sq(double x) { return x * x; }
              BODY
            }
            """.replace("BODY", body)));
    assertThat(c.status()).isEqualTo(Compilation.Status.FAILURE);
    return c.errors().stream().map(d -> d.getMessage(Locale.ROOT)).filter(m -> m.contains("[jgrad.Internal]"))
        .findFirst().orElseThrow(() -> new AssertionError(c.diagnostics().stream()
            .map(Diagnostic::toString).toList().toString()));
  }

  @Test
  void aBugReadingARulesPullbacksIsReported() {
    assertThat(internalError("quietPullbacks", """
        @CustomVjp(fwd = "sFwd", bwd = "sBwd")
          static double s(double x) { return sq(x); }
          static Fwd<Double> sFwd(double x) { return Fwd.of(sq(x), x); }
          static double sBwd(Double x, double g) { return 2 * x * g; }
        """)).contains("simulated bug in quietPullbacks");
  }

  @Test
  void aBugReadingARecordRuleFunctionsBodyIsReported() {
    assertThat(internalError("quietFlatBody", """
        record Point(double x, double y) {}
          @CustomJvp(jvp = "rJvp")
          static double r(Point p) { return sq(p.x()) + p.y(); }
          static Dual rJvp(Point p, Point pDot) { return Dual.of(r(p), 2 * p.x() * pDot.x() + pDot.y()); }
        """)).contains("simulated bug in quietFlatBody");
  }
}
