package io.jgrad.bench.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes the source of a module with many {@code @Differentiable} methods, for timing javac with
 * and without the processor. The bodies cycle through the subset's shapes: straight-line scalar
 * code, a branch, a loop over an array, a call to another differentiable method.
 */
final class GeneratedModule {
  static final int CLASSES = 10;
  static final int METHODS_PER_CLASS = 10;

  private GeneratedModule() {}

  /** Writes the sources under {@code dir}; returns their paths. */
  static List<Path> write(Path dir) throws IOException {
    Path pkg = Files.createDirectories(dir.resolve("gen"));
    List<Path> files = new ArrayList<>();
    for (int c = 0; c < CLASSES; c++) {
      StringBuilder s = new StringBuilder();
      s.append("package gen;\n\nimport io.jgrad.annotations.Differentiable;\n\n");
      s.append("public final class Module").append(c).append(" {\n");
      for (int m = 0; m < METHODS_PER_CLASS; m++) {
        s.append(method(m, c * METHODS_PER_CLASS + m));
      }
      s.append("}\n");
      Path file = pkg.resolve("Module" + c + ".java");
      Files.writeString(file, s);
      files.add(file);
    }
    return files;
  }

  private static String method(int m, int k) {
    String name = "f" + k;
    String body = switch (m % 4) {
      case 0 -> "double a = Math.sin(x) * y + Math.exp(-x * x) / (1 + y * y);\n"
          + "    double b = Math.log1p(a * a) - Math.sqrt(1 + x * x);\n"
          + "    return a * b + Math.tanh(" + k + " * x - y);\n";
      case 1 -> "double r;\n"
          + "    if (x > y) {\n"
          + "      r = Math.pow(x, 2) - Math.cos(y) * " + k + ";\n"
          + "    } else {\n"
          + "      r = Math.atan2(x, 1 + y * y) + Math.hypot(x, y);\n"
          + "    }\n"
          + "    return r * r;\n";
      case 2 -> "double s = 0;\n"
          + "    for (int i = 0; i < 8; i++) {\n"
          + "      s += Math.sin(x * i + " + k + ") * y;\n"
          + "      y = y * 0.5 + x;\n"
          + "    }\n"
          + "    return s;\n";
      default -> "return f" + (k - 1) + "(x, y) * Math.cosh(x / (1 + y * y));\n";
    };
    return "  @Differentiable\n  public static double " + name + "(double x, double y) {\n    " + body + "  }\n\n";
  }
}
