package org.grrmspark.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every citation of the project's own docs names a page and a section that exist, and nothing cites
 * a document outside the repository (docs/design.md §9.5). A citation is {@code docs/<page>.md},
 * optionally followed by sections: {@code §5}, {@code §5.2, §6}, {@code §3.1–§3.3}, or the words
 * {@code section 5}. Sections are the numbered headings of the page ({@code ## 5.}, {@code ###
 * 5.2}).
 */
class TestDocCitations {

  /** This file spells the forbidden forms out, so it is not scanned. */
  private static final String SELF = "TestDocCitations.java";

  private static final Pattern CITATION = Pattern.compile("docs/([A-Za-z0-9_-]+)\\.md");
  private static final Pattern SECTION_NUMBER = Pattern.compile("\\d+(?:\\.\\d+)*");
  private static final Pattern FENCE = Pattern.compile("```+\\s*[\\w-]*\\s*");
  private static final Pattern HEADING = Pattern.compile("^#{1,6}\\s+(\\d+(?:\\.\\d+)*)\\.?\\s");

  /** What a clone of the repository does not have, and how to cite instead. */
  private static final List<Forbidden> FORBIDDEN =
      List.of(
          new Forbidden(
              Pattern.compile("(?:\\.\\./)+shared(?!/data\\b)"),
              "cites ../" + "shared, which a clone does not have; cite docs/<page>.md"),
          new Forbidden(
              Pattern.compile("(?<![\\w.-])spec" + "/[\\w-]+\\.md"),
              "cites a spec" + "/*.md file outside the repository; cite docs/<page>.md"),
          new Forbidden(
              Pattern.compile("(?<![\\w/.-])(?:style|stack|grrm-protocol|agreement|vllm-api)\\.md"),
              "cites a reference file outside the repository; cite docs/design.md, docs/protocol.md,"
                  + " docs/statistics.md or docs/vllm.md"));

  /** Outside docs/, a page is cited by its path from the repository root. */
  private static final Forbidden UNQUALIFIED =
      new Forbidden(
          Pattern.compile("(?<![\\w/.-])(?:design|protocol|statistics|vllm)\\.md"),
          "cites a doc page without its folder; write docs/<page>.md");

  private record Forbidden(Pattern pattern, String message) {}

  @Test
  void everyCitationNamesAnExistingPageAndSection() throws IOException {
    Path root = repoRoot();
    Map<String, Set<String>> pages = pages(root);
    assertTrue(
        pages.keySet().containsAll(List.of("design", "protocol", "statistics", "vllm")),
        "docs/ should hold design.md, protocol.md, statistics.md and vllm.md, found "
            + pages.keySet());

    List<String> problems = new ArrayList<>();
    int citations = 0;
    for (Path file : scannedFiles(root)) {
      String rel = root.relativize(file).toString().replace('\\', '/');
      String text = Files.readString(file, StandardCharsets.UTF_8);
      citations += check(rel, text, pages, problems);
    }
    assertTrue(
        problems.isEmpty(),
        () -> problems.size() + " bad doc citation(s):\n" + String.join("\n", problems));
    // The code cites the docs in well over a hundred places; a scan finding few has gone blind.
    assertTrue(citations >= 100, "only " + citations + " doc citations found under " + root);
  }

  @Test
  void theCheckNamesFileLineAndWhatIsWrong() {
    Map<String, Set<String>> pages =
        Map.of("protocol", Set.of("3", "5", "5.2"), "vllm", Set.of("3.1", "3.3"));
    List<String> problems = new ArrayList<>();
    String text =
        String.join(
            "\n",
            "/** Fine (docs/protocol.md §5.2), (docs/protocol.md section 3), (docs/vllm.md §3.1–§3.3). */",
            "/** No such section (docs/protocol.md §7), nor here (docs/protocol.md §3, §4). */",
            "/** No such page (docs/nothing.md). Across a line break: docs/protocol.md",
            " * §6 and §5. Outside the repository: ../"
                + "shared/"
                + "design.md, spec"
                + "/"
                + "agreement.md \"One group\",",
            " * style" + ".md, grrm-protocol" + ".md section 5, and a bare protocol" + ".md.",
            " * Data is fine: ../" + "shared/data/x.jsonl */");
    int found = check("udf/Example.java", text, pages, problems);
    assertEquals(7, found);
    assertEquals(
        List.of(
            "udf/Example.java:2: docs/protocol.md has no section §7",
            "udf/Example.java:2: docs/protocol.md has no section §4",
            "udf/Example.java:3: docs/nothing.md does not exist",
            "udf/Example.java:3: docs/protocol.md has no section §6",
            "udf/Example.java:4: cites ../"
                + "shared, which a clone does not have; cite docs/<page>.md",
            "udf/Example.java:4: cites a spec"
                + "/*.md file outside the repository; cite docs/<page>.md",
            "udf/Example.java:5: cites a reference file outside the repository; cite docs/design.md,"
                + " docs/protocol.md, docs/statistics.md or docs/vllm.md",
            "udf/Example.java:5: cites a reference file outside the repository; cite docs/design.md,"
                + " docs/protocol.md, docs/statistics.md or docs/vllm.md",
            "udf/Example.java:5: cites a doc page without its folder; write docs/<page>.md"),
        problems);
  }

  @Test
  void pagesInsideDocsMayLinkEachOtherByName() {
    List<String> problems = new ArrayList<>();
    check(
        "docs/README.md",
        "| [design.md](design.md) | see docs/design.md §2 |",
        Map.of("design", Set.of("2")),
        problems);
    assertEquals(List.of(), problems);
  }

  /**
   * Checks one file's text, adding a {@code file:line: problem} line per bad citation, and returns
   * how many doc citations it holds.
   */
  static int check(String rel, String text, Map<String, Set<String>> pages, List<String> problems) {
    int citations = 0;
    Matcher m = CITATION.matcher(text);
    while (m.find()) {
      citations++;
      String page = m.group(1);
      Set<String> sections = pages.get(page);
      if (sections == null) {
        problems.add(rel + ":" + line(text, m.start()) + ": docs/" + page + ".md does not exist");
        continue;
      }
      for (String section : citedSections(text, m.end())) {
        if (!sections.contains(section)) {
          problems.add(
              rel
                  + ":"
                  + line(text, m.start())
                  + ": docs/"
                  + page
                  + ".md has no section §"
                  + section);
        }
      }
    }
    List<Forbidden> rules = new ArrayList<>(FORBIDDEN);
    if (!rel.startsWith("docs/")) {
      rules.add(UNQUALIFIED);
    }
    // Report in text order so a file's problems read top to bottom.
    Map<Integer, List<String>> byOffset = new TreeMap<>();
    for (Forbidden f : rules) {
      Matcher fm = f.pattern().matcher(text);
      while (fm.find()) {
        byOffset
            .computeIfAbsent(fm.start(), k -> new ArrayList<>())
            .add(rel + ":" + line(text, fm.start()) + ": " + f.message());
      }
    }
    byOffset.values().forEach(problems::addAll);
    return citations;
  }

  /**
   * The section numbers right after a citation: {@code §N} or {@code section(s) N}, joined by
   * commas, {@code and} or a dash, possibly across a line break with a comment prefix.
   */
  static List<String> citedSections(String text, int from) {
    List<String> out = new ArrayList<>();
    int i = from;
    int n = text.length();
    while (true) {
      while (i < n && " \t\r\n*/#,`}–-".indexOf(text.charAt(i)) >= 0) {
        i++;
      }
      if (text.startsWith("and ", i)) {
        i += 4;
        continue;
      }
      if (i < n && text.charAt(i) == '§') {
        i++;
      } else if (text.startsWith("sections ", i)) {
        i += "sections ".length();
      } else if (text.startsWith("section ", i)) {
        i += "section ".length();
      } else {
        return out;
      }
      Matcher num = SECTION_NUMBER.matcher(text).region(i, n);
      if (!num.lookingAt()) {
        return out;
      }
      // "§5." at the end of a sentence: the period is not part of the number.
      out.add(num.group());
      i = num.end();
    }
  }

  /** Page name to the section numbers of its headings, for every docs/*.md. */
  static Map<String, Set<String>> pages(Path root) throws IOException {
    Map<String, Set<String>> pages = new TreeMap<>();
    try (Stream<Path> files = Files.list(root.resolve("docs"))) {
      for (Path p : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".md"))::iterator) {
        String name = p.getFileName().toString();
        Set<String> sections = new TreeSet<>();
        boolean fenced = false;
        for (String l : Files.readAllLines(p, StandardCharsets.UTF_8)) {
          if (FENCE.matcher(l).matches()) {
            fenced = !fenced;
          }
          Matcher h = HEADING.matcher(l);
          if (!fenced && h.find()) {
            sections.add(h.group(1));
          }
        }
        pages.put(name.substring(0, name.length() - ".md".length()), sections);
      }
    }
    return pages;
  }

  /** Sources, build files, scripts and docs: everything a contributor reads. */
  static List<Path> scannedFiles(Path root) throws IOException {
    try (Stream<Path> all = Files.walk(root)) {
      return all.filter(Files::isRegularFile)
          .filter(p -> !skipped(root.relativize(p)))
          .filter(p -> scanned(root.relativize(p)))
          .sorted()
          .toList();
    }
  }

  private static boolean skipped(Path rel) {
    for (Path part : rel) {
      String s = part.toString();
      if (s.equals("target")
          || s.equals("node_modules")
          || (s.startsWith(".") && !s.equals(".ci"))) {
        return true;
      }
    }
    return rel.getFileName().toString().equals(SELF);
  }

  private static boolean scanned(Path rel) {
    String name = rel.getFileName().toString();
    String top = rel.getNameCount() > 1 ? rel.getName(0).toString() : "";
    return name.matches(".*\\.(java|sh|yaml|yml|xml|md|properties|ipynb|conf)")
        || ((top.equals("scripts") || top.equals(".ci")) && !name.contains("."));
  }

  /**
   * The repository root: the nearest directory up from the working directory with a pom and docs/.
   */
  static Path repoRoot() {
    Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath();
    for (Path d = dir; d != null; d = d.getParent()) {
      if (Files.isRegularFile(d.resolve("pom.xml")) && Files.isDirectory(d.resolve("docs"))) {
        return d;
      }
    }
    throw new UncheckedIOException(
        new IOException("no directory with pom.xml and docs/ above " + dir));
  }

  private static int line(String text, int offset) {
    int line = 1;
    for (int i = 0; i < offset; i++) {
      if (text.charAt(i) == '\n') {
        line++;
      }
    }
    return line;
  }
}
