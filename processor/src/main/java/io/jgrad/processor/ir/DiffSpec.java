package io.jgrad.processor.ir;

import io.jgrad.annotations.CustomJvp;
import io.jgrad.annotations.CustomVjp;
import io.jgrad.annotations.Differentiable;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import javax.lang.model.element.ExecutableElement;

/**
 * What a method's jgrad annotation asks for, whichever annotation it is: derivatives from the body
 * ({@code @Differentiable}) or from a forward-mode rule ({@code @CustomJvp}).
 */
public record DiffSpec(Kind kind, int order, List<String> wrt, String jvp, List<String> jvps, String fwd,
    String bwd, boolean checkpointLoops) {
  /** Where the derivatives come from. */
  public enum Kind {
    BODY,
    CUSTOM_JVP,
    CUSTOM_VJP
  }

  /** The spec of {@code method}, empty when it carries no jgrad annotation. */
  public static Optional<DiffSpec> of(ExecutableElement method) {
    Differentiable d = method.getAnnotation(Differentiable.class);
    if (d != null) {
      return Optional.of(new DiffSpec(Kind.BODY, d.order(), Arrays.asList(d.wrt()), "", List.of(), "", "",
          d.checkpointLoops()));
    }
    CustomJvp c = method.getAnnotation(CustomJvp.class);
    if (c != null) {
      return Optional.of(new DiffSpec(Kind.CUSTOM_JVP, c.order(), Arrays.asList(c.wrt()), c.jvp(),
          Arrays.asList(c.jvps()), "", "", false));
    }
    CustomVjp v = method.getAnnotation(CustomVjp.class);
    if (v != null) {
      return Optional.of(new DiffSpec(Kind.CUSTOM_VJP, v.order(), Arrays.asList(v.wrt()), "", List.of(),
          v.fwd(), v.bwd(), false));
    }
    return Optional.empty();
  }

  /** How many of jgrad's method annotations {@code method} carries; more than one is an error. */
  public static int annotationCount(ExecutableElement method) {
    return (int) Stream.of(Differentiable.class, CustomJvp.class, CustomVjp.class)
        .filter(a -> method.getAnnotation(a) != null).count();
  }

  /** Every rule name the annotation gives ({@code jvp}, {@code jvps}, {@code fwd}, {@code bwd}), empty ones left out. */
  public List<String> ruleNames() {
    return Stream.concat(jvps.stream(), Stream.of(jvp, fwd, bwd)).filter(n -> !n.isEmpty()).toList();
  }

  /** The annotation's name as the user wrote it, for messages. */
  public String annotation() {
    return switch (kind) {
      case BODY -> "@Differentiable";
      case CUSTOM_JVP -> "@CustomJvp";
      case CUSTOM_VJP -> "@CustomVjp";
    };
  }
}
