// Mistake: 64 double parameters: the generated fJvp takes a value and a tangent for each, 256
// parameter slots, over the JVM's 255 (63 compile).
package corpus;
import io.jgrad.annotations.Differentiable;
class TooManyParameters {
  @Differentiable
  static double sum(double x0, // ERROR jgrad.TooManyParameters
      double x1, double x2, double x3, double x4, double x5, double x6, double x7,
      double x8, double x9, double x10, double x11, double x12, double x13, double x14, double x15,
      double x16, double x17, double x18, double x19, double x20, double x21, double x22, double x23,
      double x24, double x25, double x26, double x27, double x28, double x29, double x30, double x31,
      double x32, double x33, double x34, double x35, double x36, double x37, double x38, double x39,
      double x40, double x41, double x42, double x43, double x44, double x45, double x46, double x47,
      double x48, double x49, double x50, double x51, double x52, double x53, double x54, double x55,
      double x56, double x57, double x58, double x59, double x60, double x61, double x62, double x63) {
    return x0 + x63;
  }
}
