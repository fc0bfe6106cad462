package io.jgrad.quickstart;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The numbers the Quick start's {@code Main} prints for f(x, y) = sin(x) y at (2, 3), checked against
 * their closed forms: f = 3 sin 2, df/dx = 3 cos 2, grad = (3 cos 2, sin 2), pullback of 10 = 30 cos 2.
 */
final class PrintedValues {
  private PrintedValues() {}

  private static final double RELATIVE = 1e-12;
  private static final String NUMBER = "(-?[0-9][0-9.eE+-]*|NaN|-?Infinity)";
  private static final Pattern JVP = Pattern.compile(
      "^f\\(2, 3\\) = " + NUMBER + ", its derivative along x = " + NUMBER + "$", Pattern.MULTILINE);
  private static final Pattern GRAD = Pattern.compile(
      "^grad f\\(2, 3\\) = \\(" + NUMBER + ", " + NUMBER + "\\)$", Pattern.MULTILINE);
  private static final Pattern PULLBACK = Pattern.compile("^pullback of 10 = " + NUMBER + "$", Pattern.MULTILINE);

  static void check(String output) {
    Matcher jvp = find(JVP, output);
    close("f(2, 3)", 3 * Math.sin(2), jvp.group(1), output);
    close("df/dx(2, 3)", 3 * Math.cos(2), jvp.group(2), output);
    Matcher grad = find(GRAD, output);
    close("grad x", 3 * Math.cos(2), grad.group(1), output);
    close("grad y", Math.sin(2), grad.group(2), output);
    close("pullback of 10", 30 * Math.cos(2), find(PULLBACK, output).group(1), output);
  }

  private static Matcher find(Pattern p, String output) {
    // Maven's console colour codes may precede the program's first line.
    Matcher m = p.matcher(output.replace("\r\n", "\n").replaceAll("\u001B\\[[0-9;]*m", ""));
    assertTrue(m.find(), () -> "no line matching " + p.pattern() + " in the output:\n" + output);
    return m;
  }

  private static void close(String what, double expected, String printed, String output) {
    double actual = Double.parseDouble(printed);
    assertTrue(Math.abs(actual - expected) <= RELATIVE * Math.abs(expected),
        () -> what + ": printed " + printed + ", closed form " + expected + "\n" + output);
  }
}
