package io.jgrad.processor.ir;

import java.util.Arrays;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeMirror;

/**
 * Maps javac's types onto the IR's; {@code null} for a type outside the subset. Reference types
 * become non-differentiable values: {@code String}, enums and interfaces (the functional interfaces
 * of {@code java.util.function} among them) map to {@link Type#OBJECT}, jgrad's function objects to
 * {@link Type#FN1}/{@link Type#FN2}. Classes (a boxed {@code Double}, a record) are left out on
 * purpose: treating them as constants would silently drop derivatives a user expects.
 */
public final class TypeMapper {
  private TypeMapper() {}

  /** The IR type of {@code mirror}, or null. */
  public static Type map(TypeMirror mirror) {
    if (mirror == null) {
      return null;
    }
    switch (mirror.getKind()) {
      case DOUBLE:
        return Type.DOUBLE;
      case FLOAT:
        return Type.FLOAT;
      case INT:
      case SHORT:
      case BYTE:
      case CHAR:
        return Type.INT;
      case LONG:
        return Type.LONG;
      case BOOLEAN:
        return Type.BOOLEAN;
      case ARRAY:
        Type element = map(((ArrayType) mirror).getComponentType());
        return Arrays.stream(Type.values()).filter(t -> t.isArray() && t.element() == element).findFirst()
            .orElse(null);
      case DECLARED:
        DeclaredType declared = (DeclaredType) mirror;
        TypeElement typeElement = (TypeElement) declared.asElement();
        String name = typeElement.getQualifiedName().toString();
        if (name.equals("java.lang.String")) {
          return Type.OBJECT;
        }
        for (Type t : Type.values()) {
          if (t.isFunctionObject() && t.javaName().equals(name)) {
            return t;
          }
        }
        // Type arguments would need spelling out in generated signatures: not yet.
        boolean opaque = typeElement.getKind() == ElementKind.ENUM || typeElement.getKind() == ElementKind.INTERFACE;
        return opaque && declared.getTypeArguments().isEmpty() ? Type.OBJECT : null;
      default:
        return null;
    }
  }

  /** The qualified name of a declared type (what generated signatures spell), else null. */
  public static String javaType(TypeMirror mirror) {
    if (mirror instanceof DeclaredType declared) {
      return ((TypeElement) declared.asElement()).getQualifiedName().toString();
    }
    return null;
  }

  /**
   * The keyword of {@code char}, {@code byte} or {@code short}, which the IR carries as {@link Type#INT}
   * but generated signatures must spell as declared (an {@code int} could not be passed back to the
   * user's method); null for any other type.
   */
  public static String narrowInt(TypeMirror mirror) {
    String keyword = mirror.getKind().name().toLowerCase(java.util.Locale.ROOT);
    return NARROW_INTS.contains(keyword) ? keyword : null;
  }

  /** The integer types narrower than {@code int}, as Java spells them. */
  public static final java.util.Set<String> NARROW_INTS = java.util.Set.of("char", "byte", "short");
}
