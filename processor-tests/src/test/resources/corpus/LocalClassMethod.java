// Mistake: jgrad annotations on methods of a local class and of an anonymous class: javac never
// hands them to a processor, and no generated class could call them.
package corpus;
import io.jgrad.annotations.Differentiable;
import java.util.function.DoubleUnaryOperator;
class LocalClassMethod {
  static double run(double x) {
    class Square {
      @Differentiable
      static double square(double v) { // ERROR jgrad.LocalClass
        return v * v;
      }
    }
    DoubleUnaryOperator cube = new DoubleUnaryOperator() {
      @Differentiable
      public double applyAsDouble(double v) { // ERROR jgrad.LocalClass
        return v * v * v;
      }
    };
    return Square.square(x) + cube.applyAsDouble(x);
  }
}
