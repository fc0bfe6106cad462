package io.jgrad.processor.emit;

import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeSpec;
import io.jgrad.processor.ir.Callee;
import javax.lang.model.element.Modifier;

/**
 * Where the emitters put a generated class's members: the API users call goes into the derivatives
 * class itself, what only generated code calls into its nested class {@code Internal}, so that a
 * user's completion list on the derivatives class shows the API alone.
 */
public final class Members {
  private final TypeSpec.Builder api;
  private final TypeSpec.Builder internal;

  /** The members of {@code api}, with a fresh {@code Internal} for the others. */
  public Members(TypeSpec.Builder api) {
    this.api = api;
    this.internal = TypeSpec.classBuilder(Callee.INTERNAL_CLASS)
        .addModifiers(Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
        .addJavadoc("Members for jgrad's generated code only; they may change without notice.\n")
        .addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PRIVATE).build());
  }

  /** The derivatives class: the API. */
  public TypeSpec.Builder api() {
    return api;
  }

  /** The nested class {@code Internal}. */
  public TypeSpec.Builder internal() {
    return internal;
  }

  /** Where the generated members of {@code sig} go ({@link Callee#internal}). */
  TypeSpec.Builder of(Callee sig) {
    return sig.internal() ? internal : api;
  }

  /** The derivatives class, with {@code Internal} nested last where it has members beyond its constructor. */
  public TypeSpec build() {
    TypeSpec nested = internal.build();
    if (nested.methodSpecs().size() > 1 || !nested.typeSpecs().isEmpty()) {
      api.addType(nested);
    }
    return api.build();
  }
}
