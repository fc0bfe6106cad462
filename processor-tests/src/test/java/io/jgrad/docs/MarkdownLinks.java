package io.jgrad.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds relative links in markdown files that point at no file, or at no heading of the file they
 * name; anchors are computed as GitHub computes them, so a link that works here works there.
 */
public final class MarkdownLinks {
  /** {@code [text](target)} and {@code ![alt](target)}, the target up to a space or the closing parenthesis. */
  private static final Pattern INLINE = Pattern.compile("!?\\[[^\\]]*\\]\\(\\s*<?([^)\\s>]+)>?(?:\\s+\"[^\"]*\")?\\s*\\)");
  /** A reference definition, {@code [name]: target}. */
  private static final Pattern DEFINITION = Pattern.compile("^\\s{0,3}\\[[^\\]]+\\]:\\s*<?(\\S+?)>?(?:\\s.*)?$");
  private static final Pattern HEADING = Pattern.compile("^#{1,6}\\s+(.*?)\\s*#*\\s*$");
  private static final Pattern HTML_ANCHOR = Pattern.compile("<a\\s+(?:name|id)=\"([^\"]+)\"");

  private final Map<Path, Set<String>> anchors = new HashMap<>();

  /** Every broken relative link in {@code file}, as {@code file:line: target (why)}. */
  public List<String> broken(Path root, Path file) {
    List<String> problems = new ArrayList<>();
    List<String> lines = read(file);
    boolean fenced = false;
    for (int n = 0; n < lines.size(); n++) {
      String line = lines.get(n);
      if (line.stripLeading().startsWith("```")) {
        fenced = !fenced;
        continue;
      }
      if (fenced) {
        continue;
      }
      String text = withoutCodeSpans(line);
      List<String> targets = new ArrayList<>();
      Matcher m = INLINE.matcher(text);
      while (m.find()) {
        targets.add(m.group(1));
      }
      Matcher d = DEFINITION.matcher(text);
      if (d.matches()) {
        targets.add(d.group(1));
      }
      for (String target : targets) {
        String why = check(file, target);
        if (why != null) {
          problems.add(root.relativize(file) + ":" + (n + 1) + ": " + target + " (" + why + ")");
        }
      }
    }
    return problems;
  }

  /** Why {@code target}, written in {@code file}, does not resolve; null when it does or is not relative. */
  private String check(Path file, String target) {
    if (target.matches("^[a-zA-Z][a-zA-Z0-9+.-]*:.*")) {
      return null; // https:, mailto: ...: not a file of this repository
    }
    int hash = target.indexOf('#');
    String path = hash < 0 ? target : target.substring(0, hash);
    String anchor = hash < 0 ? null : target.substring(hash + 1);
    Path resolved = path.isEmpty() ? file : file.getParent().resolve(path).normalize();
    if (!Files.exists(resolved)) {
      return "no such file: " + resolved.getFileName();
    }
    if (anchor != null && !anchor.isEmpty()) {
      if (!resolved.toString().endsWith(".md")) {
        return "an anchor into a file that is not markdown";
      }
      if (!anchors(resolved).contains(anchor)) {
        return "no heading with the anchor #" + anchor + " in " + resolved.getFileName();
      }
    }
    return null;
  }

  private Set<String> anchors(Path md) {
    return anchors.computeIfAbsent(md, p -> {
      Set<String> found = new HashSet<>();
      Map<String, Integer> seen = new HashMap<>();
      boolean fenced = false;
      for (String line : read(p)) {
        if (line.stripLeading().startsWith("```")) {
          fenced = !fenced;
          continue;
        }
        if (fenced) {
          continue;
        }
        Matcher h = HEADING.matcher(line);
        if (h.matches()) {
          String slug = slug(h.group(1));
          int count = seen.merge(slug, 1, Integer::sum);
          found.add(count == 1 ? slug : slug + "-" + (count - 1)); // GitHub numbers repeated headings
        }
        Matcher a = HTML_ANCHOR.matcher(line);
        while (a.find()) {
          found.add(a.group(1));
        }
      }
      return found;
    });
  }

  /** GitHub's anchor for a heading: the text without markup, lower case, punctuation dropped, spaces as hyphens. */
  static String slug(String heading) {
    String text = heading.replaceAll("\\[([^\\]]*)\\]\\([^)]*\\)", "$1") // a link counts as its text
        .replaceAll("<[^>]+>", "")
        .replace("`", "").replace("*", "").replace("~", "");
    text = text.toLowerCase(Locale.ROOT);
    StringBuilder s = new StringBuilder();
    text.codePoints().forEach(c -> {
      if (Character.isLetterOrDigit(c) || c == '_' || c == '-') {
        s.appendCodePoint(c);
      } else if (c == ' ') {
        s.append('-');
      }
    });
    return s.toString();
  }

  private static String withoutCodeSpans(String line) {
    return line.replaceAll("`[^`]*`", "``");
  }

  private static List<String> read(Path p) {
    try {
      return Files.readAllLines(p, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
