// Mistake: NestedAndUnderscoreClash.Inner and a top-level NestedAndUnderscoreClash_Inner both map to
// NestedAndUnderscoreClash_InnerDerivatives; the second one to be written is reported.
package corpus;
import io.jgrad.annotations.Differentiable;
class NestedAndUnderscoreClash {
  static class Inner {
    @Differentiable
    static double f(double x) { return x * x; }
  }
}

class NestedAndUnderscoreClash_Inner { // ERROR jgrad.NameClash
  @Differentiable
  static double g(double x) { return x * x; }
}
