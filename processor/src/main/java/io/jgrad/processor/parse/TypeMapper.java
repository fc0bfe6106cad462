package io.jgrad.processor.parse;

import io.jgrad.processor.ir.Type;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.element.TypeElement;

/** Maps javac's types onto the IR's; {@code null} for a type outside the subset. */
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
        if (element == Type.DOUBLE) {
          return Type.DOUBLE_ARRAY;
        }
        if (element == Type.FLOAT) {
          return Type.FLOAT_ARRAY;
        }
        return element == Type.INT ? Type.INT_ARRAY : null;
      case DECLARED:
        String name = ((TypeElement) ((DeclaredType) mirror).asElement()).getQualifiedName().toString();
        return name.equals("java.lang.String") ? Type.OBJECT : null;
      default:
        return null;
    }
  }
}
