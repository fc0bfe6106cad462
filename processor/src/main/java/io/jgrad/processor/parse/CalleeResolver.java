package io.jgrad.processor.parse;

import io.jgrad.annotations.NonDiff;
import io.jgrad.processor.ir.Callee;
import io.jgrad.processor.ir.DiffSpec;
import io.jgrad.processor.ir.Names;
import io.jgrad.processor.ir.RecordShape;
import io.jgrad.processor.ir.Type;
import io.jgrad.processor.ir.TypeMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.RecordComponentElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.util.Elements;

/**
 * Builds the {@link Callee} of a differentiable method from its signature and annotations, which a
 * class file keeps, so a function compiled into an earlier jar is called like one in this compilation.
 */
public final class CalleeResolver {
  /** The element utilities this resolver looks types up with. */
  final Elements elements;

  public CalleeResolver(Elements elements) {
    this.elements = elements;
  }

  /** Whether jgrad generates derivatives for {@code method}. */
  public static boolean isDifferentiable(ExecutableElement method) {
    return DiffSpec.of(method).isPresent();
  }

  /**
   * Whether {@code method} differentiates {@code p} when its type has a derivative: {@code p} is not
   * {@code @NonDiff}, and the method's {@code wrt} names it or is empty (all).
   */
  static boolean selected(ExecutableElement method, VariableElement p) {
    List<String> wrt = DiffSpec.of(method).map(DiffSpec::wrt).orElse(List.of());
    return p.getAnnotation(NonDiff.class) == null && (wrt.isEmpty() || wrt.contains(p.getSimpleName().toString()));
  }

  /** The qualified name of the generated class for {@code type}: {@code Outer_InnerDerivatives}. */
  public static String derivativesName(TypeElement type) {
    List<String> simpleNames = new ArrayList<>();
    Element e = type;
    while (e instanceof TypeElement) {
      simpleNames.add(0, e.getSimpleName().toString());
      e = e.getEnclosingElement();
    }
    String pkg = e instanceof PackageElement p ? p.getQualifiedName().toString() : "";
    String simple = String.join("_", simpleNames) + "Derivatives";
    return pkg.isEmpty() ? simple : pkg + "." + simple;
  }

  /** The callee of a differentiable method; parameter types outside the subset map to null. */
  public Callee resolve(ExecutableElement method) {
    TypeElement owner = (TypeElement) method.getEnclosingElement();
    String derivatives = derivativesName(owner);
    List<String> names = parameterNames(method, derivatives);
    List<Callee.Param> params = new ArrayList<>();
    List<? extends VariableElement> ps = method.getParameters();
    for (int i = 0; i < ps.size(); i++) {
      VariableElement p = ps.get(i);
      Type type = TypeMapper.map(p.asType());
      boolean heldConstant = type != null && type.isDifferentiable() && p.getAnnotation(NonDiff.class) != null;
      boolean differentiated = type != null && type.isDifferentiable() && selected(method, p);
      params.add(new Callee.Param(names.get(i), type, differentiated,
          type == Type.OBJECT ? TypeMapper.javaType(p.asType()) : TypeMapper.narrowInt(p.asType()), heldConstant));
    }
    String name = method.getSimpleName().toString();
    int deeper = deeperRulePrimals(derivatives, name);
    return new Callee(owner.getQualifiedName().toString(), derivatives, name, List.copyOf(params),
        TypeMapper.map(method.getReturnType()), hasForwardMode(method, derivatives),
        DiffSpec.of(method).map(DiffSpec::order).orElse(1), null, deeper >= 0, null, 0, Math.max(0, deeper));
  }

  /**
   * How many rule primals a compiled class has below {@code fRulePrimal} ({@code fRulePrimalRulePrimal},
   * ...), -1 where it has none.
   */
  private int deeperRulePrimals(String derivatives, String name) {
    int deeper = -1;
    for (String primal = Callee.rulePrimalName(name); hasGenerated(internalOf(derivatives), primal);
        primal = Callee.rulePrimalName(primal)) {
      deeper++;
    }
    return deeper;
  }

  /**
   * A {@code @CustomVjp} function has no forward mode, nor has a compiled function whose generated
   * class has no {@code fJvp}; functions of this compilation are settled by the processor.
   */
  private boolean hasForwardMode(ExecutableElement method, String derivatives) {
    return DiffSpec.of(method).map(s -> s.kind() != DiffSpec.Kind.CUSTOM_VJP).orElse(true)
        && (elements.getTypeElement(derivatives) == null || hasGenerated(derivatives, method.getSimpleName() + "Jvp"));
  }

  /**
   * Whether {@code c}'s derivatives class has the member {@code name} in {@code Internal}: true
   * while it is not compiled yet (this compilation generates it), else what the compiled class has
   * (a library built by an older jgrad may lack it).
   */
  boolean hasInternal(Callee c, String name) {
    return elements.getTypeElement(c.derivativesQualifiedName()) == null
        || hasGenerated(internalOf(c.derivativesQualifiedName()), name);
  }

  /** The nested class of a compiled derivatives class that holds the members for generated callers. */
  private static String internalOf(String derivatives) {
    return derivatives + "." + Callee.INTERNAL_CLASS;
  }

  /**
   * Whether the compiled generated class {@code generatedClass} (a derivatives class or its nested
   * {@code Internal}) has the method {@code name}: {@code fJvp}, or {@code fRulePrimal} in
   * {@code Internal} where second derivatives read its output through custom rules' bodies
   * ({@link Callee#rulePrimal}); for functions of this compilation the processor settles it.
   */
  private boolean hasGenerated(String generatedClass, String name) {
    TypeElement generated = elements.getTypeElement(generatedClass);
    return generated != null && generated.getEnclosedElements().stream()
        .anyMatch(e -> e.getKind() == ElementKind.METHOD && e.getSimpleName().contentEquals(name));
  }

  /**
   * Parameter names as the generated gradient record spells them. A class file compiled without
   * {@code -parameters} has lost them, but its generated record kept them: read them from there.
   */
  private List<String> parameterNames(ExecutableElement method, String derivatives) {
    List<String> names = method.getParameters().stream().map(p -> p.getSimpleName().toString()).toList();
    TypeElement generated = elements.getTypeElement(derivatives);
    if (generated == null) {
      return names;
    }
    String base = Names.capitalized(method.getSimpleName().toString());
    // FGrad exists for two or more differentiated parameters; FTangentGrad (the parameters, then
    // their tangents), in Internal, for an order-2 function of one, and FPullbackGrad (the parameter,
    // then the cotangent) for one without forward mode; F_flatGrad, in Internal, for a function with
    // records, its components the differentiated leaves (p_x, p_y, k).
    List<Element> members = new ArrayList<>(generated.getEnclosedElements());
    TypeElement internal = elements.getTypeElement(internalOf(derivatives));
    if (internal != null) {
      members.addAll(internal.getEnclosedElements());
    }
    List<String> components = recordComponents(members, Set.of(base + "Grad", base + "TangentGrad", base + "PullbackGrad"));
    if (components != null) {
      // Components are the differentiated parameters in order: map them back onto the list.
      return mergeRecordNames(method, names, components, false);
    }
    List<String> leaves = recordComponents(members, Set.of(base + "_flatGrad"));
    return leaves == null ? names : mergeRecordNames(method, names, leaves, true);
  }

  /** The component names of the first record among {@code members} named one of {@code names}, or null. */
  private static List<String> recordComponents(List<Element> members, Set<String> names) {
    return members.stream()
        .filter(m -> m.getKind() == ElementKind.RECORD && names.contains(m.getSimpleName().toString()))
        .findFirst().map(m -> m.getEnclosedElements().stream().filter(RecordComponentElement.class::isInstance)
            .map(c -> c.getSimpleName().toString()).toList())
        .orElse(null);
  }

  /**
   * The names of a callee compiled without {@code -parameters} (its class file says {@code arg0}),
   * taken from a generated record's components: one per differentiated parameter, a record parameter
   * included; or, from the flat gradient ({@code byLeaf}), one per differentiated leaf, a record
   * parameter's name being its first leaf's less the leaf's suffix ({@code p} of {@code p_x}).
   */
  private static List<String> mergeRecordNames(
      ExecutableElement method, List<String> names, List<String> components, boolean byLeaf) {
    List<String> merged = new ArrayList<>(names);
    int next = 0;
    for (int i = 0; i < names.size() && next < components.size(); i++) {
      VariableElement p = method.getParameters().get(i);
      if (!selected(method, p)) {
        continue;
      }
      Type type = TypeMapper.map(p.asType());
      RecordShape shape = RecordShape.of(p.asType());
      boolean record = shape != null && shape.differentiable();
      if (record && byLeaf) {
        List<RecordShape.Leaf> leaves = shape.leaves().stream().filter(RecordShape.Leaf::differentiable).toList();
        String first = components.get(next);
        String suffix = "_" + leaves.get(0).suffix();
        if (first.endsWith(suffix)) {
          merged.set(i, first.substring(0, first.length() - suffix.length()));
        }
        next += leaves.size();
      } else if (record || (type != null && type.isDifferentiable())) {
        merged.set(i, components.get(next++));
      }
    }
    return merged;
  }
}
