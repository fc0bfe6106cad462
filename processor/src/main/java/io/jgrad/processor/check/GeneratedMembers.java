package io.jgrad.processor.check;

import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import io.jgrad.processor.diag.Codes;
import io.jgrad.processor.diag.Report;
import io.jgrad.processor.ir.RecordShape;
import io.jgrad.processor.ir.Type;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.TypeKind;

/**
 * The members each function adds to a generated class, checked before the class is written: two
 * functions generating the same method or nested type ({@code loss} and {@code lossGrad} both give
 * {@code lossGrad(double)}) is {@code [jgrad.NameClash]}, a method over the JVM's 255 parameter slots
 * is {@code [jgrad.TooManyParameters]}, each at the user's declarations instead of in generated code.
 * Checking what was built covers every emitter at once. The class and its nested {@code Internal}
 * count as one: a method in each with one signature would let the nested one shadow the other.
 */
public final class GeneratedMembers {
  /** The JVM's limit on a method's parameter slots, {@code this} included (JVMS 4.3.3). */
  static final int MAX_SLOTS = 255;

  /** Where a function's members start: in each watched class, the counts of its methods and types. */
  private record Mark(ExecutableElement function, int[] methods, int[] types) {}

  /** A generated method as a message names it. */
  private record Named(String shown, MethodSpec method) {}

  /** A generated member with the function that added it. */
  private record Member(ExecutableElement function, String shown) {}

  private final TypeSpec.Builder type;
  private final TypeSpec.Builder internal;
  private final List<Mark> marks = new ArrayList<>();

  /**
   * Watches {@code type} and {@code internal}, the class nested in it for generated callers: what is
   * added after {@link #startOf} comes from that function.
   */
  public GeneratedMembers(TypeSpec.Builder type, TypeSpec.Builder internal) {
    this.type = type;
    this.internal = internal;
  }

  /** Notes that the members added from now on come from {@code function}. */
  public void startOf(ExecutableElement function) {
    marks.add(mark(function));
  }

  private Mark mark(ExecutableElement function) {
    TypeSpec now = type.build();
    TypeSpec nested = internal.build();
    return new Mark(function, new int[] {now.methodSpecs().size(), nested.methodSpecs().size()},
        new int[] {now.typeSpecs().size(), nested.typeSpecs().size()});
  }

  /** Reports clashes and methods over the slot limit, each at the functions that generated them. */
  public void check(Report report) {
    TypeSpec outer = type.build();
    List<TypeSpec> built = List.of(outer, internal.build());
    List<String> owners = List.of(outer.name(), outer.name() + "." + built.get(1).name());
    Map<String, Member> seen = new LinkedHashMap<>();
    Map<List<ExecutableElement>, List<String>> clashes = new LinkedHashMap<>();
    List<Mark> bounds = new ArrayList<>(marks);
    bounds.add(mark(null));
    for (int i = 0; i + 1 < bounds.size(); i++) {
      Mark m = bounds.get(i);
      Mark end = bounds.get(i + 1);
      // Its methods and nested types, each by the name a message shows.
      Map<MethodSpec, String> methods = new LinkedHashMap<>();
      Map<TypeSpec, String> types = new LinkedHashMap<>();
      for (int k = 0; k < built.size(); k++) {
        String owner = owners.get(k);
        for (MethodSpec method : built.get(k).methodSpecs().subList(m.methods()[k], end.methods()[k])) {
          methods.put(method, owner + "." + method.name());
          String signature = method.name() + "(" + method.parameters().stream()
              .map(p -> shown(erasure(p.type()))).collect(Collectors.joining(", ")) + ")";
          note(seen, clashes, "method " + signature, new Member(m.function(), owner + "." + signature));
        }
        for (TypeSpec nested : built.get(k).typeSpecs().subList(m.types()[k], end.types()[k])) {
          types.put(nested, owner + "." + nested.name());
          note(seen, clashes, "type " + nested.name(), new Member(m.function(), "the nested class " + owner + "."
              + nested.name()));
        }
      }
      tooManyParameters(m.function(), methods, types, report);
    }
    clashes.forEach((functions, shown) -> {
      String what = String.join(", ", shown.subList(0, Math.min(3, shown.size())))
          + (shown.size() > 3 ? " and " + (shown.size() - 3) + " more" : "");
      ExecutableElement first = functions.get(0);
      ExecutableElement second = functions.get(1);
      if (first == second) {
        report.error(Codes.NAME_CLASH, first.getSimpleName() + " would generate " + what + " twice; hint:"
            + " rename its parameters", first);
        return;
      }
      for (ExecutableElement at : functions) {
        report.error(Codes.NAME_CLASH, "the differentiable functions " + first.getSimpleName() + " and "
            + second.getSimpleName() + " would both generate " + what + "; hint: rename one of them", at);
      }
    });
  }

  private static void note(Map<String, Member> seen, Map<List<ExecutableElement>, List<String>> clashes,
      String key, Member member) {
    Member earlier = seen.putIfAbsent(key, member);
    if (earlier != null) {
      clashes.computeIfAbsent(List.of(earlier.function(), member.function()), k -> new ArrayList<>())
          .add(member.shown());
    }
  }

  /**
   * The method of {@code function} that takes the most slots, when over the limit, reported with how
   * many of the function's parameters (of the kinds it has) would fit: each method's slots are a
   * multiple of the function's own plus a few of its own (a cotangent, a backend).
   */
  private static void tooManyParameters(ExecutableElement function, Map<MethodSpec, String> methods,
      Map<TypeSpec, String> types, Report report) {
    List<Named> candidates = new ArrayList<>();
    methods.forEach((method, shown) -> candidates.add(new Named(shown, method)));
    types.forEach((nested, name) -> nested.methodSpecs().forEach(method -> candidates.add(new Named(
        method.isConstructor() ? "the constructor of " + name : name + "." + method.name(), method))));
    String worst = null;
    int worstSlots = 0;
    for (Named m : candidates) {
      int slots = slots(m.method());
      if (slots > worstSlots) {
        worst = m.shown();
        worstSlots = slots;
      }
    }
    if (worstSlots <= MAX_SLOTS) {
      return;
    }
    int n = 0;
    int own = 0;
    for (VariableElement p : function.getParameters()) {
      RecordShape shape = RecordShape.of(p.asType());
      if (shape != null) {
        for (RecordShape.Leaf leaf : shape.leaves()) {
          n++;
          own += leaf.type() == Type.DOUBLE || leaf.type() == Type.LONG ? 2 : 1;
        }
      } else {
        n++;
        own += p.asType().getKind() == TypeKind.DOUBLE || p.asType().getKind() == TypeKind.LONG ? 2 : 1;
      }
    }
    int copies = Math.max(1, Math.round((float) worstSlots / own));
    int extra = Math.max(0, worstSlots - copies * own);
    int allowed = (int) Math.floor((MAX_SLOTS - extra) / (copies * (double) own / n));
    report.error(Codes.TOO_MANY_PARAMETERS, "the generated " + worst + " would take " + worstSlots
        + " parameter slots, more than the JVM's " + MAX_SLOTS + " (a double or long takes two): "
        + function.getSimpleName() + " may have at most " + allowed + " parameters like its " + n
        + "; hint: pass the values as one double[] parameter", function);
  }

  /** A method's parameter slots: two per double or long, one per other value, one for {@code this}. */
  private static int slots(MethodSpec method) {
    int slots = method.modifiers().contains(Modifier.STATIC) ? 0 : 1;
    for (ParameterSpec p : method.parameters()) {
      slots += p.type().equals(TypeName.DOUBLE) || p.type().equals(TypeName.LONG) ? 2 : 1;
    }
    return slots;
  }

  /** A type as a message shows it: a class by its simple name. */
  private static String shown(TypeName t) {
    if (t instanceof ArrayTypeName a) {
      return shown(a.componentType()) + "[]";
    }
    return t instanceof com.palantir.javapoet.ClassName c ? c.simpleName() : t.toString();
  }

  /** A parameter type as overloading sees it: without type arguments. */
  private static TypeName erasure(TypeName t) {
    if (t instanceof ParameterizedTypeName p) {
      return p.rawType();
    }
    if (t instanceof ArrayTypeName a) {
      return ArrayTypeName.of(erasure(a.componentType()));
    }
    return t.withoutAnnotations();
  }
}
