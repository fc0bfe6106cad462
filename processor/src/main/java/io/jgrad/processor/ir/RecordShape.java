package io.jgrad.processor.ir;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.RecordComponentElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeMirror;

/**
 * A record type as jgrad sees it (the notebook's pytrees): its components in order, each a leaf value
 * (a scalar, {@code int}, {@code String}...) or a nested record. Differentiable code never holds a
 * record: every record value is scalarized into one local per leaf ({@code p_x}, {@code p_b_b0}).
 */
public record RecordShape(String qualifiedName, List<Component> components) {
  /**
   * One component: a leaf of IR type {@code type} (with its Java type for a reference, or its
   * {@code char}/{@code byte}/{@code short}) or a nested record.
   */
  public record Component(String name, Type type, String javaType, RecordShape nested) {}

  /** A leaf of the tree: the component names from the root and its type. */
  public record Leaf(List<String> path, Type type, String javaType) {
    /** The suffix of a scalarized local: {@code b_b0} for {@code r.b().b0()}. */
    public String suffix() {
      return String.join("_", path);
    }

    /** How Java reads this leaf from {@code base}: {@code base.b().b0()}. */
    public String read(String base) {
      return base + path.stream().map(c -> "." + c + "()").collect(Collectors.joining());
    }

    /** Whether the leaf has a tangent: a number or an array of numbers. */
    public boolean differentiable() {
      return type.isDifferentiable();
    }
  }

  /**
   * The shape of {@code mirror} when it is a non-generic, non-private record whose components are
   * scalars, {@code int}/{@code long}/{@code boolean}, strings, enums or such records; else null.
   */
  public static RecordShape of(TypeMirror mirror) {
    return of(mirror, 0);
  }

  private static RecordShape of(TypeMirror mirror, int depth) {
    if (depth > 8 || !isRecord(mirror) || !((DeclaredType) mirror).getTypeArguments().isEmpty()) {
      return null;
    }
    TypeElement element = (TypeElement) ((DeclaredType) mirror).asElement();
    for (var e = element; e != null; e = e.getEnclosingElement() instanceof TypeElement t ? t : null) {
      if (e.getModifiers().contains(Modifier.PRIVATE)) {
        return null;
      }
    }
    List<Component> components = new ArrayList<>();
    for (RecordComponentElement c : element.getRecordComponents()) {
      TypeMirror t = c.asType();
      RecordShape nested = of(t, depth + 1);
      if (nested != null) {
        components.add(new Component(c.getSimpleName().toString(), null, null, nested));
        continue;
      }
      Type type = TypeMapper.map(t);
      if (type == null || type == Type.INT_ARRAY || type.isFunctionObject()) {
        return null;
      }
      components.add(new Component(c.getSimpleName().toString(), type,
          type == Type.OBJECT ? TypeMapper.javaType(t) : TypeMapper.narrowInt(t), null));
    }
    return new RecordShape(element.getQualifiedName().toString(), List.copyOf(components));
  }

  /**
   * Whether {@code mirror} is a user's record type (supported or not); jgrad's runtime records
   * ({@code Dual}, {@code Grad2}, {@code Fwd}...) keep their own meaning.
   */
  public static boolean isRecord(TypeMirror mirror) {
    return mirror instanceof DeclaredType d && d.asElement().getKind() == ElementKind.RECORD
        && !((TypeElement) d.asElement()).getQualifiedName().toString().startsWith("io.jgrad.runtime.");
  }

  /**
   * The first record type in {@code mirror}'s tree (itself or a nested component's) that code in
   * package {@code pkg} cannot name: neither public nor in that package, or inside such a class; else null.
   */
  public static String inaccessibleFrom(TypeMirror mirror, String pkg) {
    if (!isRecord(mirror)) {
      return null;
    }
    TypeElement element = (TypeElement) ((DeclaredType) mirror).asElement();
    for (javax.lang.model.element.Element e = element; e instanceof TypeElement t; e = e.getEnclosingElement()) {
      if (!t.getModifiers().contains(Modifier.PUBLIC) && !packageName(t).equals(pkg)) {
        return element.getQualifiedName().toString();
      }
    }
    return element.getRecordComponents().stream().map(c -> inaccessibleFrom(c.asType(), pkg))
        .filter(Objects::nonNull).findFirst().orElse(null);
  }

  /** The package of {@code e}'s class, where its generated derivatives live. */
  public static String packageName(javax.lang.model.element.Element e) {
    return e == null ? "" : e instanceof javax.lang.model.element.PackageElement p ? p.getQualifiedName().toString()
        : packageName(e.getEnclosingElement());
  }

  /** The leaves, depth first, in component order. */
  public List<Leaf> leaves() {
    List<Leaf> out = new ArrayList<>();
    collect(List.of(), out);
    return out;
  }

  private void collect(List<String> prefix, List<Leaf> out) {
    for (Component c : components) {
      List<String> path = Stream.concat(prefix.stream(), Stream.of(c.name())).toList();
      if (c.nested() != null) {
        c.nested().collect(path, out);
      } else {
        out.add(new Leaf(path, c.type(), c.javaType()));
      }
    }
  }

  /** Whether some leaf has a tangent. */
  public boolean differentiable() {
    return leaves().stream().anyMatch(Leaf::differentiable);
  }

  /** The index of the first leaf of component {@code name} and how many leaves it spans. */
  public int[] span(String name) {
    int start = 0;
    for (Component c : components) {
      int size = c.nested() == null ? 1 : c.nested().leaves().size();
      if (c.name().equals(name)) {
        return new int[] {start, size};
      }
      start += size;
    }
    return null;
  }

  /** The component called {@code name}, or null. */
  public Component component(String name) {
    return components.stream().filter(c -> c.name().equals(name)).findFirst().orElse(null);
  }
}
