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
    return switch (mirror.getKind()) {
      case DOUBLE -> Type.DOUBLE;
      case FLOAT -> Type.FLOAT;
      case INT, SHORT, BYTE, CHAR -> Type.INT;
      case LONG -> Type.LONG;
      case BOOLEAN -> Type.BOOLEAN;
      case ARRAY -> {
        Type element = map(((ArrayType) mirror).getComponentType());
        yield Arrays.stream(Type.values()).filter(t -> t.isArray() && t.element() == element).findFirst().orElse(null);
      }
      case DECLARED -> declared((DeclaredType) mirror);
      default -> null;
    };
  }

  /** The IR type of a class or interface type: a String, an enum, an interface, a function object. */
  private static Type declared(DeclaredType declared) {
    TypeElement typeElement = (TypeElement) declared.asElement();
    String name = typeElement.getQualifiedName().toString();
    if (name.equals("java.lang.String")) {
      return Type.OBJECT;
    }
    // Type arguments would need spelling out in generated signatures: not yet.
    boolean opaque = typeElement.getKind() == ElementKind.ENUM || typeElement.getKind() == ElementKind.INTERFACE;
    return Arrays.stream(Type.values()).filter(t -> t.isFunctionObject() && t.javaName().equals(name)).findFirst()
        .orElse(opaque && declared.getTypeArguments().isEmpty() ? Type.OBJECT : null);
  }

  /** The qualified name of a declared type (what generated signatures spell), else null. */
  public static String javaType(TypeMirror mirror) {
    return mirror instanceof DeclaredType d ? ((TypeElement) d.asElement()).getQualifiedName().toString() : null;
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
