package io.jgrad.processor.check;

import io.jgrad.processor.diag.Codes;
import io.jgrad.processor.diag.Report;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeMirror;

/**
 * Refuses checked exceptions in the {@code throws} clause of a method generated code calls: the
 * calls sit in lambdas (pullbacks, function objects) that cannot throw them, and a clause carried onto
 * some generated methods but not others would be an error in generated code. Unchecked ones need
 * nothing.
 */
final class Exceptions {
  private Exceptions() {}

  /** Reports each checked exception {@code method} declares; {@code what} names it in the message. */
  static void checked(ExecutableElement method, String what, Report report) {
    for (TypeMirror thrown : method.getThrownTypes()) {
      // An unresolved type is javac's error already.
      if (thrown.getKind() == javax.lang.model.type.TypeKind.DECLARED && !isUnchecked(thrown)) {
        report.error(Codes.CHECKED_THROWS, what + " declares the checked exception "
            + ((DeclaredType) thrown).asElement().getSimpleName() + ", which the"
            + " generated derivatives cannot throw (their pullbacks and function objects are lambdas); hint:"
            + " catch it inside and rethrow it as an unchecked exception (UncheckedIOException)", method);
      }
    }
  }

  /** Whether {@code thrown} is a {@code RuntimeException} or an {@code Error}, or a subclass of one. */
  private static boolean isUnchecked(TypeMirror thrown) {
    for (TypeMirror t = thrown; t instanceof DeclaredType d; ) {
      TypeElement e = (TypeElement) d.asElement();
      String name = e.getQualifiedName().toString();
      if (name.equals("java.lang.RuntimeException") || name.equals("java.lang.Error")) {
        return true;
      }
      t = e.getSuperclass();
    }
    return false;
  }
}
