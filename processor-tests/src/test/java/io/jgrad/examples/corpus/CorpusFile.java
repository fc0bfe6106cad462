package io.jgrad.examples.corpus;

import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One source of the bad-input corpus and the diagnostics it must produce, read from markers at the
 * ends of its lines: {@code // ERROR jgrad.A jgrad.B}, {@code // WARNING jgrad.C}, or
 * {@code // JAVAC-ERROR} for an error javac reports itself. A JAVAC-ERROR marker that says
 * "stops annotation processing" is one javac reports before processors run (an annotation on an
 * element its target does not allow), so no class of that compilation gets derivatives.
 */
record CorpusFile(String name, String className, String text, Set<String> expected,
    boolean processingRuns) {
  private static final Pattern MARKER = Pattern.compile("//\\s*(ERROR|WARNING|JAVAC-ERROR)\\b(.*)$");
  private static final Pattern PACKAGE = Pattern.compile("(?m)^package\\s+([\\w.]+);");

  /** Parses {@code text}, the contents of the file {@code name} ({@code Foo.java}). */
  static CorpusFile parse(String name, String text) {
    Set<String> expected = new TreeSet<>();
    boolean processingRuns = true;
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      Matcher m = MARKER.matcher(lines[i]);
      if (!m.find()) {
        continue;
      }
      String kind = m.group(1);
      String rest = m.group(2).trim();
      if (kind.equals("JAVAC-ERROR")) {
        expected.add(entry(i + 1, "ERROR", "javac"));
        processingRuns &= !rest.contains("stops annotation processing");
        continue;
      }
      for (String code : rest.split("\\s+")) {
        if (!code.startsWith("jgrad.")) {
          throw new IllegalArgumentException(name + ":" + (i + 1) + ": not a code: " + code);
        }
        expected.add(entry(i + 1, kind, code));
      }
    }
    Matcher pkg = PACKAGE.matcher(text);
    String simple = name.substring(0, name.length() - ".java".length());
    return new CorpusFile(name, pkg.find() ? pkg.group(1) + "." + simple : simple, text, expected,
        processingRuns);
  }

  /** How an expected or actual diagnostic is compared: line, kind and code ("javac" for javac's own). */
  static String entry(long line, String kind, String code) {
    return String.format("line %3d %s %s", line, kind, code);
  }
}
