// Mistake: a default method of an interface is an instance method.
package corpus;
import io.jgrad.annotations.Differentiable;
interface InterfaceDefaultMethod {
  @Differentiable
  default double square(double x) { // ERROR jgrad.NotStatic
    return x * x;
  }
}
