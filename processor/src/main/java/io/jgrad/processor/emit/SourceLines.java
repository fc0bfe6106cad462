package io.jgrad.processor.emit;

import java.util.ArrayList;
import java.util.List;

/**
 * Wraps the lines of a generated source that are longer than {@link #LIMIT} columns, as the last
 * step before it is written: a comment or Javadoc line at a space, a code line at a space between
 * tokens (after a comma or an opening parenthesis, before an operator, at the outermost nesting that
 * fits), a string literal that still does not fit split into a concatenation. Breaking at a space
 * outside literals and comments never changes what Java reads, so every emitter's output is wrapped
 * at once, deterministically.
 */
public final class SourceLines {
  /** The longest line a generated source has, in columns. */
  public static final int LIMIT = 100;

  /** The extra indentation of a wrapped code line, as JavaPoet indents its own wrapped lines. */
  private static final String CONTINUATION = "    ";

  private SourceLines() {}

  /** {@code source} with each line longer than {@link #LIMIT} wrapped. */
  public static String wrap(String source) {
    List<String> out = new ArrayList<>();
    boolean javadoc = false;
    for (String line : source.split("\n", -1)) {
      String trimmed = line.stripLeading();
      String indent = line.substring(0, line.length() - trimmed.length());
      javadoc |= trimmed.startsWith("/**");
      if (line.length() <= LIMIT) {
        out.add(line);
      } else if (javadoc && trimmed.startsWith("* ")) {
        // A block tag's text goes on indented under it.
        String more = trimmed.startsWith("* @") ? "*     " : "* ";
        comment(line, indent.length() + 2, indent + more, out);
      } else if (trimmed.startsWith("// ")) {
        comment(line, indent.length() + 3, indent + "// ", out);
      } else {
        code(line, indent + CONTINUATION, out);
      }
      javadoc &= !trimmed.contains("*/");
    }
    return String.join("\n", out);
  }

  /**
   * A comment line whose text starts at {@code textStart}, broken at spaces (outside inline tags
   * where it can), each further line starting with {@code prefix}.
   */
  private static void comment(String line, int textStart, String prefix, List<String> out) {
    String rest = line;
    int start = textStart;
    while (rest.length() > LIMIT) {
      int at = commentBreak(rest, start);
      String next = at < 0 ? rest : prefix + rest.substring(at + 1).stripLeading();
      if (next.length() >= rest.length()) {
        break;
      }
      out.add(rest.substring(0, at).stripTrailing());
      rest = next;
      start = prefix.length();
    }
    out.add(rest);
  }

  /** The space to break a comment line at: the last that fits, outside {@code {@...}} if one does. */
  private static int commentBreak(String line, int start) {
    int outside = -1;
    int any = -1;
    int depth = 0;
    for (int i = start; i < line.length(); i++) {
      char c = line.charAt(i);
      depth += c == '{' ? 1 : c == '}' && depth > 0 ? -1 : 0;
      if (c != ' ' || i == start) {
        continue;
      }
      if (i <= LIMIT) {
        any = i;
        outside = depth == 0 ? i : outside;
      } else if (any < 0) {
        return i; // one word longer than the line: it stays whole on a line of its own
      }
    }
    return outside > start ? outside : any;
  }

  /** A code line broken between tokens, each further line indented by {@code continuation}. */
  private static void code(String line, String continuation, List<String> out) {
    String rest = line;
    int start = line.length() - line.stripLeading().length();
    while (rest.length() > LIMIT) {
      int at = codeBreak(rest, start, continuation.length());
      int quote = at > 0 ? -1 : stringBreak(rest, start);
      String first;
      String next;
      if (at > 0) {
        first = rest.substring(0, at).stripTrailing();
        next = continuation + rest.substring(at).stripLeading();
      } else if (quote > 0) {
        // "...text " + "more...": a constant expression of the same value.
        first = rest.substring(0, quote) + "\"";
        next = continuation + "+ \"" + rest.substring(quote);
      } else {
        break;
      }
      if (next.length() >= rest.length()) {
        break; // a break this close to the indentation would not shorten anything
      }
      out.add(first);
      rest = next;
      start = continuation.length();
    }
    out.add(rest);
  }

  /** A place to break a code line: where the next line starts, its nesting, and after what. */
  private record Cut(int at, int depth, boolean afterOpening) {}

  /**
   * Where to break a code line: the position the next line starts at, among the spaces after a
   * comma, after an opening bracket, before a binary operator or after an arrow or an assignment.
   * Of the least nested of those whose first part fits: the first after which the rest fits on one
   * line indented by {@code continuation}; else, one level deeper, the first opening bracket whose
   * contents end the line ({@code call(} then its arguments); else the last. Without any: before
   * the last member selection that fits ({@code .method}); else the last space between tokens that
   * fits; -1 when none does.
   */
  private static int codeBreak(String line, int start, int continuation) {
    List<Cut> cuts = new ArrayList<>();
    int plain = -1;
    int dot = -1;
    int depth = 0;
    boolean inString = false;
    boolean inChar = false;
    for (int i = start; i < line.length() && i <= LIMIT; i++) {
      char c = line.charAt(i);
      if (inString || inChar) {
        if (c == '\\') {
          i++;
        } else if (c == (inString ? '"' : '\'')) {
          inString = inChar = false;
        }
        continue;
      }
      if (c == '"' || c == '\'') {
        inString = c == '"';
        inChar = c == '\'';
        continue;
      }
      if (c == '/' && i + 1 < line.length() && line.charAt(i + 1) == '/') {
        break; // a trailing comment: nothing to break after it
      }
      int cut = -1;
      // After an opening parenthesis of a call (not a cast's or a statement's) or a brace.
      boolean opens = c == '{' || c == '(' && i > 0 && (Character.isJavaIdentifierPart(line.charAt(i - 1))
          || line.charAt(i - 1) == '>');
      if ((c == ',' || opens) && i + 1 < line.length() && i + 1 <= LIMIT
          && ")]}".indexOf(line.charAt(i + 1)) < 0) {
        cut = i + 1;
      } else if (c == ' ' && i > start && operatorFollows(line, i + 1)) {
        cut = i;
      } else if (c == ' ' && i > start && (line.startsWith("->", i - 2) || line.startsWith(" =", i - 2))) {
        cut = i + 1;
      }
      if (c == ' ' && i > start) {
        plain = i;
      } else if (c == '.' && i > start && i + 1 < line.length() && Character.isJavaIdentifierStart(line.charAt(i + 1))
          && (Character.isLetter(line.charAt(i - 1)) || ")]_".indexOf(line.charAt(i - 1)) >= 0)) {
        dot = i; // a.b.C.method(...): before a member, not inside a number
      }
      // A generic type's brackets nest too (Vjp<A, B>), a comparison's do not (a < b has spaces).
      boolean generic = c == '<' && i > 0 && Character.isJavaIdentifierPart(line.charAt(i - 1));
      boolean genericEnd = c == '>' && line.charAt(i - 1) != '-' && line.charAt(i - 1) != ' ';
      depth += "([{".indexOf(c) >= 0 || generic ? 1 : ")]}".indexOf(c) >= 0 || genericEnd ? -1 : 0;
      // A break after an opening bracket is inside it: one level deeper than the bracket.
      if (cut > start && cut < line.length()) {
        cuts.add(new Cut(cut, depth, opens));
      }
    }
    if (cuts.isEmpty()) {
      return dot > 0 ? dot : plain;
    }
    int least = cuts.stream().mapToInt(Cut::depth).min().orElseThrow();
    java.util.function.Predicate<Cut> restFits = k -> continuation + line.length() - k.at() <= LIMIT;
    return cuts.stream().filter(k -> k.depth() == least && restFits.test(k)).findFirst()
        .or(() -> cuts.stream().filter(k -> k.depth() == least + 1 && k.afterOpening() && restFits.test(k)
            && endsLine(line, k.at() - 1)).findFirst())
        .or(() -> cuts.stream().filter(k -> k.depth() == least).reduce((a, b) -> b))
        .orElseThrow().at();
  }

  /** Whether the bracket opening at {@code open} closes the line: only closers, ';' or ',' after it. */
  private static boolean endsLine(String line, int open) {
    int depth = 0;
    boolean inString = false;
    for (int i = open; i < line.length(); i++) {
      char c = line.charAt(i);
      if (inString) {
        i += c == '\\' ? 1 : 0;
        inString = c != '"';
        continue;
      }
      inString = c == '"';
      depth += "([{".indexOf(c) >= 0 ? 1 : ")]}".indexOf(c) >= 0 ? -1 : 0;
      if (depth == 0) {
        return line.substring(i + 1).chars().allMatch(k -> ")]};,".indexOf(k) >= 0);
      }
    }
    return false;
  }

  /** Whether a binary operator followed by a space starts at {@code i}. */
  private static boolean operatorFollows(String line, int i) {
    for (String op : List.of("+ ", "- ", "* ", "/ ", "&& ", "|| ", "? ", ": ")) {
      if (line.startsWith(op, i)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Where to split the string literal that crosses the limit (else the last one, before what
   * crosses it): after its last clause that fits ({@code "...; "}), else its last word; -1 when
   * there is none. The next line starts with {@code + "}.
   */
  private static int stringBreak(String line, int start) {
    int open = -1;
    int split = -1;
    int last = -1;
    boolean clausal = false;
    for (int i = start; i < line.length(); i++) {
      char c = line.charAt(i);
      if (open < 0) {
        if (c == '\'') {
          i += line.charAt(i + 1) == '\\' ? 3 : 2;
        } else if (c == '"') {
          open = i;
        }
        continue;
      }
      if (c == '\\') {
        i++;
      } else if (c == '"') {
        if (i >= LIMIT - 1 && split > 0) {
          return split; // this literal crosses the limit
        }
        last = split > 0 ? split : last;
        open = -1;
        split = -1;
        clausal = false;
      } else if (c == ' ' && i + 2 <= LIMIT && i > open + 1) {
        // After a clause ("...; compile it") where one fits, else after the last word that fits.
        boolean clause = ",;:".indexOf(line.charAt(i - 1)) >= 0;
        split = clause || split < 0 || !clausal ? i + 1 : split;
        clausal |= clause;
      }
    }
    return last; // the last literal that can be split, where what follows it crosses the limit
  }
}
