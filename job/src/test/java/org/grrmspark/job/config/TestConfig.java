package org.grrmspark.job.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.grrmspark.udf.client.ClientSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestConfig {
  private static final Path ROOT = Path.of(System.getProperty("user.dir")).getParent();

  @Test
  void shippedYamlHoldsEveryKeyWithItsDefault() {
    GrrmConfig fromFile = new ConfigLoader().file(ROOT.resolve("conf/grrm.yaml")).build();
    Map<String, Object> defaults = GrrmConfig.defaults().asMap();
    assertEquals(defaults, fromFile.asMap());
  }

  @Test
  void shippedYamlNamesEveryKeyExplicitly() throws Exception {
    String yaml = Files.readString(ROOT.resolve("conf/grrm.yaml"));
    for (String key : ConfigKeys.all().keySet()) {
      String leaf = key.substring(key.lastIndexOf('.') + 1);
      assertTrue(yaml.contains("  " + leaf + ":"), "conf/grrm.yaml lacks " + key);
    }
  }

  @Test
  void readmeTableListsEveryKey() throws Exception {
    String readme = Files.readString(ROOT.resolve("README.md"));
    for (String key : ConfigKeys.all().keySet()) {
      assertTrue(readme.contains("| `" + key + "` |"), "README config table lacks " + key);
    }
  }

  @Test
  void layersApplyInOrder(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("my.yaml");
    Files.writeString(
        file, "plan:\n  max_group_size: 3\nendpoints:\n  urls: [http://a:1, http://b:2]\n");
    GrrmConfig c =
        new ConfigLoader().file(file).set("plan.max_group_size=5").set("sampling.seed=9").build();
    assertEquals(5, c.integer(ConfigKeys.MAX_GROUP_SIZE));
    assertEquals(List.of("http://a:1", "http://b:2"), c.list(ConfigKeys.ENDPOINT_URLS));
    assertEquals(9L, c.value(ConfigKeys.SEED));
    assertEquals(
        List.of("x", "y"),
        new ConfigLoader().set("endpoints.urls=x, y").build().list(ConfigKeys.ENDPOINT_URLS));
    assertNull(
        new ConfigLoader()
            .set("sampling.seed=9")
            .set("sampling.seed=")
            .build()
            .value(ConfigKeys.SEED));
  }

  @Test
  void misspelledKeyFailsNamingItAndTheLikelyKey(@TempDir Path dir) throws Exception {
    ConfigException e =
        assertThrows(ConfigException.class, () -> new ConfigLoader().set("plan.max_grup_size=4"));
    assertEquals(
        "unknown configuration key 'plan.max_grup_size' in --set (did you mean 'plan.max_group_size'?)",
        e.getMessage());
    Path file = dir.resolve("bad.yaml");
    Files.writeString(file, "endpoints:\n  max_inflight: 3\n");
    e = assertThrows(ConfigException.class, () -> new ConfigLoader().file(file));
    assertEquals(
        "unknown configuration key 'endpoints.max_inflight' in "
            + file
            + " (did you mean 'endpoints.max_in_flight'?)",
        e.getMessage());
  }

  @Test
  void outOfRangeAndWrongTypesFailNamingTheKey() {
    ConfigException e =
        assertThrows(
            ConfigException.class,
            () -> new ConfigLoader().set("endpoints.max_in_flight=-1").build());
    assertEquals(
        "configuration key endpoints.max_in_flight must be in 1..100000, got -1", e.getMessage());
    e =
        assertThrows(
            ConfigException.class, () -> new ConfigLoader().set("plan.max_group_size=9").build());
    assertEquals("configuration key plan.max_group_size must be in 2..8, got 9", e.getMessage());
    e = assertThrows(ConfigException.class, () -> new ConfigLoader().set("plan.dedup=yes"));
    assertEquals(
        "configuration key plan.dedup must be a boolean (true or false), got 'yes'",
        e.getMessage());
    e =
        assertThrows(
            ConfigException.class, () -> new ConfigLoader().set("output.mode=append").build());
    assertEquals(
        "configuration key output.mode must be one of error, overwrite, resume, got 'append'",
        e.getMessage());
    e =
        assertThrows(
            ConfigException.class,
            () -> new ConfigLoader().set("parse.usable_statuses=OK,GOOD").build());
    assertEquals("configuration key parse.usable_statuses unknown status 'GOOD'", e.getMessage());
  }

  @Test
  void requiredValuesNameTheirFlag() {
    ConfigException e =
        assertThrows(
            ConfigException.class,
            () -> GrrmConfig.defaults().required(ConfigKeys.ENDPOINT_URLS, "--endpoints"));
    assertEquals("endpoints.urls is required (--endpoints)", e.getMessage());
  }

  @Test
  void settingsForExecutorsCarryTheConfiguredValues() {
    GrrmConfig c =
        new ConfigLoader()
            .set("endpoints.urls=http://127.0.0.1:9000")
            .set("endpoints.max_in_flight=7")
            .set("sampling.temperature=1.0")
            .set("parse.lenient=true")
            .build();
    assertEquals(7, c.judgeSettings().client().maxInFlightPerEndpoint());
    // The limits a load signal may lift to (7 x burst 4) fill the slots; one budget more waits
    // queued.
    assertEquals(35, c.judgeSettings().window());
    assertEquals(
        14,
        new ConfigLoader()
            .set("endpoints.urls=http://127.0.0.1:9000")
            .set("endpoints.max_in_flight=7")
            .set("endpoints.load_signal=off")
            .build()
            .judgeSettings()
            .window(),
        "no signal: twice the budget");
    assertEquals(
        2.5,
        new ConfigLoader()
            .set("endpoints.urls=http://127.0.0.1:9000")
            .set("endpoints.burst_factor=2.5")
            .build()
            .clientSettings()
            .burstFactor());
    assertEquals(1.0, c.judgeSettings().sampling().temperature());
    assertTrue(c.judgeSettings().lenient());
    assertEquals(4, c.planSettings().maxGroupSize());
  }

  @Test
  void readmeTableHoldsEveryDeclaredKeyWithItsDefault() throws Exception {
    Map<String, String> table = readmeConfigTable();
    assertEquals(
        List.copyOf(ConfigKeys.all().keySet()),
        List.copyOf(table.keySet()),
        "README's configuration table: every declared key and no other, in declaration order");
    for (ConfigKey k : ConfigKeys.all().values()) {
      String cell = table.get(k.name());
      if (k.defaultValue() == null) {
        assertTrue(
            cell.equals("(none)") || cell.equals("(derived)"),
            k.name() + ": unset by default, README says " + cell);
      } else {
        assertEquals(readmeForm(k.defaultValue()), cell, "README's default of " + k.name());
      }
    }
  }

  @Test
  void registryIsTheDeclarationsInSourceOrder() throws Exception {
    String src =
        Files.readString(
            ROOT.resolve("job/src/main/java/org/grrmspark/job/config/ConfigKeys.java"));
    Matcher m =
        Pattern.compile(
                "public static final ConfigKey \\w+ =\\s*(?:ConfigKey\\.\\w+|new ConfigKey)\\(\\s*\"([^\"]+)\"")
            .matcher(src);
    List<String> declared = new ArrayList<>();
    while (m.find()) {
      declared.add(m.group(1));
    }
    assertEquals(
        src.split("public static final ConfigKey ", -1).length - 1,
        declared.size(),
        "every ConfigKey constant's name read from its declaration");
    assertEquals(declared, List.copyOf(ConfigKeys.all().keySet()));
  }

  @Test
  void shippedYamlListsEveryKeyInDeclarationOrder() throws Exception {
    // A leaf is a line "  name: value"; its path is the names of the lines indented above it.
    List<String> leaves = new ArrayList<>();
    List<String> path = new ArrayList<>();
    Matcher m =
        Pattern.compile("(?m)^( *)([a-z_0-9]+):(.*)$")
            .matcher(Files.readString(ROOT.resolve("conf/grrm.yaml")));
    while (m.find()) {
      int depth = m.group(1).length() / 2;
      path.subList(Math.min(depth, path.size()), path.size()).clear();
      path.add(m.group(2));
      String value = m.group(3).strip();
      if (!value.isEmpty() && !value.startsWith("#")) {
        leaves.add(String.join(".", path));
      }
    }
    assertEquals(
        List.copyOf(ConfigKeys.all().keySet()),
        leaves,
        "conf/grrm.yaml: every key once, in declaration order");
  }

  @Test
  void clientDefaultsAreTheConfigurationDefaults() {
    GrrmConfig c = new ConfigLoader().set("endpoints.urls=http://127.0.0.1:9000").build();
    assertEquals(
        ClientSettings.builder().endpoints("http://127.0.0.1:9000").build(), c.clientSettings());
  }

  /** Key to default cell of the README's configuration table, backticks removed. */
  private static Map<String, String> readmeConfigTable() throws Exception {
    String readme = Files.readString(ROOT.resolve("README.md"));
    String section = readme.substring(readme.indexOf("\n## Configuration\n"));
    section = section.substring(0, section.indexOf("\n## ", 1));
    Matcher m = Pattern.compile("(?m)^\\| `([^`]+)` \\| (.*?) \\| ").matcher(section);
    Map<String, String> table = new LinkedHashMap<>();
    while (m.find()) {
      assertNull(
          table.put(m.group(1), m.group(2).replace("`", "")),
          "README lists " + m.group(1) + " twice");
    }
    return table;
  }

  /**
   * A default as the README writes it: lists comma-separated ([] when empty), line breaks as \n.
   */
  private static String readmeForm(Object value) {
    if (value instanceof List<?> l) {
      return l.isEmpty() ? "[]" : String.join(",", l.stream().map(Object::toString).toList());
    }
    return value.toString().replace("\n", "\\n");
  }
}
