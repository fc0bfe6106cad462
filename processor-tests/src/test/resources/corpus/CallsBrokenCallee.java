// Mistake: a clean function calls one with errors; the caller is reported with the chain.
package corpus;
import io.jgrad.annotations.Differentiable;
class CallsBrokenCallee {
  @Differentiable
  static double broken(double x) {
    double y = x;
    synchronized (CallsBrokenCallee.class) { // ERROR jgrad.Synchronized
      y = x * x;
    }
    return y;
  }

  @Differentiable
  static double caller(double x) { return broken(x) + 1; } // ERROR jgrad.NotDifferentiable
}
