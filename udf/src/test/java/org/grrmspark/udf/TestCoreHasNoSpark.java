package org.grrmspark.udf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.grrmspark.udf.judge.Drain;
import org.junit.jupiter.api.Test;

/**
 * The core packages of udf import nothing from Spark (docs/design.md §2.1): every compiled class
 * outside {@code org.grrmspark.udf.spark} is read, and any class, descriptor or signature in its
 * constant pool that names {@code org/apache/spark} or {@code scala/} makes it an offender. Reading
 * the class files, not the sources, also catches fully qualified names and types that arrive
 * through a signature.
 */
class TestCoreHasNoSpark {
  private static final List<String> FORBIDDEN = List.of("org/apache/spark", "scala/");

  @Test
  void coreClassesReferenceNeitherSparkNorScala() throws IOException, URISyntaxException {
    Path classes = Path.of(Drain.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    Path root = classes.resolve("org/grrmspark/udf");
    Path adapters = root.resolve("spark");
    List<String> offenders = new ArrayList<>();
    int scanned = 0;
    try (Stream<Path> files = Files.walk(root)) {
      for (Path f :
          files
              .filter(p -> p.toString().endsWith(".class") && !p.startsWith(adapters))
              .sorted()
              .toList()) {
        scanned++;
        TreeSet<String> refs = sparkReferences(Files.readAllBytes(f));
        if (!refs.isEmpty()) {
          offenders.add(classes.relativize(f) + " references " + String.join(", ", refs));
        }
      }
    }
    assertEquals(
        List.of(),
        offenders,
        "core classes of udf must not use Spark or Scala; move Spark code to "
            + "org.grrmspark.udf.spark");
    // The walk found the core: an empty or misplaced directory would pass the check above unseen.
    assertTrue(scanned > 100, "only " + scanned + " core classes under " + root);
    assertTrue(
        Files.exists(root.resolve("plan/JudgePlanner.class")),
        "no plan/JudgePlanner.class under " + root);
  }

  @Test
  void scannerFindsTheReferencesOfAKnownSparkClass() throws IOException {
    byte[] row;
    try (InputStream in = ClassLoader.getSystemResourceAsStream("org/apache/spark/sql/Row.class")) {
      row = in.readAllBytes();
    }
    TreeSet<String> refs = sparkReferences(row);
    assertTrue(refs.contains("org/apache/spark/sql/Row"), refs.toString());
    assertTrue(refs.stream().anyMatch(r -> r.startsWith("scala/")), refs.toString());
  }

  @Test
  void scannerFindsNothingInAPlainJavaClass() throws IOException {
    byte[] plain;
    try (InputStream in = Drain.class.getResourceAsStream("Drain.class")) {
      plain = in.readAllBytes();
    }
    assertEquals(new TreeSet<>(), sparkReferences(plain));
  }

  /**
   * The forbidden names in a class file's constant pool (JVMS §4.4): each Utf8 entry (class names,
   * descriptors, signatures) cut to the forbidden name it contains, up to the next ';', '<' or '('.
   */
  static TreeSet<String> sparkReferences(byte[] classFile) throws IOException {
    DataInputStream in = new DataInputStream(new ByteArrayInputStream(classFile));
    if (in.readInt() != 0xCAFEBABE) {
      throw new IOException("not a class file");
    }
    in.readUnsignedShort(); // minor
    in.readUnsignedShort(); // major
    int count = in.readUnsignedShort();
    TreeSet<String> out = new TreeSet<>();
    for (int i = 1; i < count; i++) {
      int tag = in.readUnsignedByte();
      switch (tag) {
        case 1 -> {
          String s = in.readUTF();
          for (String f : FORBIDDEN) {
            for (int at = s.indexOf(f); at >= 0; at = s.indexOf(f, at + 1)) {
              // A name starts the entry (a class entry) or follows 'L' (a descriptor or signature).
              if (at == 0 || "L;<(".indexOf(s.charAt(at - 1)) >= 0) {
                int end = at;
                while (end < s.length() && ";<()[".indexOf(s.charAt(end)) < 0) {
                  end++;
                }
                out.add(s.substring(at, end));
              }
            }
          }
        }
        case 7, 8, 16, 19, 20 -> in.skipBytes(2);
        case 15 -> in.skipBytes(3);
        case 3, 4, 9, 10, 11, 12, 17, 18 -> in.skipBytes(4);
        case 5, 6 -> {
          in.skipBytes(8);
          i++; // a long or double takes two entries
        }
        default -> throw new IOException("unknown constant pool tag " + tag + " at entry " + i);
      }
    }
    return out;
  }
}
