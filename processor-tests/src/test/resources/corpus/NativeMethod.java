// Mistake: a native method has no body to differentiate.
package corpus;
import io.jgrad.annotations.Differentiable;
class NativeMethod {
  @Differentiable
  static native double fast(double x); // ERROR jgrad.UnsupportedStatement
}
