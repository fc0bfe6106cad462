package io.jgrad.processor;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * docs/diagnostics.md read as data: one section per code ({@code ### jgrad.Code}, marked
 * "(warning)" for warnings), each with the Java blocks that follow a "Wrong" and a "Fixed" line.
 */
final class DiagnosticsReference {
  private static final Pattern SECTION = Pattern.compile("^### (jgrad\\.\\w+)(.*)$", Pattern.MULTILINE);
  private static final Pattern EXAMPLE =
      Pattern.compile("^(Wrong|Fixed)[^\\n]*:\\n\\n```java\\n(.*?)^```", Pattern.MULTILINE | Pattern.DOTALL);
  /** A top-level type declared by the example itself: then it is a whole file, not class members. */
  private static final Pattern TOP_LEVEL_TYPE =
      Pattern.compile("^(?:(?:public|final|abstract|sealed)\\s+)*(?:class|record|interface|enum)\\s", Pattern.MULTILINE);
  /** What the page says every example is compiled with. */
  private static final String HEADER = "package example;\n\nimport io.jgrad.annotations.*;\nimport io.jgrad.runtime.*;\n"
      + "import java.util.function.*;\n\n";

  /** One code's section: whether it is a warning, and its examples' sources as written. */
  record Section(String code, boolean warning, List<String> wrong, List<String> fixed) {}

  private DiagnosticsReference() {}

  /** The sections of {@code page}, in page order, by code; a section runs to the next code's heading. */
  static Map<String, Section> parse(String page) {
    List<MatchResult> heads = SECTION.matcher(page).results().toList();
    Map<String, Section> sections = new LinkedHashMap<>();
    for (int i = 0; i < heads.size(); i++) {
      MatchResult h = heads.get(i);
      int end = i + 1 < heads.size() ? heads.get(i + 1).start() : page.length();
      List<String> wrong = new ArrayList<>();
      List<String> fixed = new ArrayList<>();
      Matcher e = EXAMPLE.matcher(page.substring(h.end(), end));
      while (e.find()) {
        (e.group(1).equals("Wrong") ? wrong : fixed).add(e.group(2));
      }
      String code = h.group(1);
      if (sections.put(code, new Section(code, h.group(2).contains("(warning)"), wrong, fixed)) != null) {
        throw new IllegalArgumentException("two sections for " + code);
      }
    }
    return sections;
  }

  /** The compilation unit an example stands for, as the page describes it. */
  static String compilationUnit(String example) {
    if (TOP_LEVEL_TYPE.matcher(example).find()) {
      return HEADER + example;
    }
    StringBuilder unit = new StringBuilder(HEADER).append("final class Examples {\n");
    for (String line : example.split("\n", -1)) {
      unit.append(line.isEmpty() ? "" : "  " + line).append('\n');
    }
    return unit.append("}\n").toString();
  }
}
