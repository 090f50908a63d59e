package org.grrmspark.udf.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestApiKey {

  @TempDir Path tmp;

  private static final Function<String, String> ENV = Map.of("K", "from-env", "BLANK", "  ")::get;

  private static ClientSettings.Builder base() {
    return ClientSettings.builder().endpoints("http://127.0.0.1:8000");
  }

  @Test
  void fileWinsOverEnvironment() throws Exception {
    Path f = Files.writeString(tmp.resolve("key"), "  from-file\r\n");
    ApiKey key = ApiKey.load(base().apiKeyEnv("K").apiKeyFile(f.toString()).build(), ENV);
    assertEquals("Bearer from-file", key.authorizationHeader());
  }

  @Test
  void environmentWhenNoFile() {
    assertEquals(
        "Bearer from-env", ApiKey.load(base().apiKeyEnv("K").build(), ENV).authorizationHeader());
  }

  @Test
  void absentOrBlankMeansNoKey() throws Exception {
    assertFalse(ApiKey.load(base().apiKeyEnv("UNSET").build(), ENV).present());
    assertFalse(ApiKey.load(base().apiKeyEnv("BLANK").build(), ENV).present());
    assertFalse(ApiKey.load(base().apiKeyEnv(null).build(), ENV).present());
    Path empty = Files.writeString(tmp.resolve("empty"), "\n");
    assertFalse(ApiKey.load(base().apiKeyFile(empty.toString()).build(), ENV).present());
  }

  @Test
  void neverPrinted() {
    ApiKey key = ApiKey.load(base().apiKeyEnv("K").build(), ENV);
    assertEquals("ApiKey[***]", key.toString());
    assertEquals("got Bearer *** twice: ***", key.redact("got Bearer from-env twice: from-env"));
    assertEquals(null, key.redact(null));
    assertEquals("text", ApiKey.none().redact("text"));
    assertEquals("ApiKey[none]", ApiKey.none().toString());
  }

  @Test
  void unreadableFileNamesThePathOnly() {
    Path missing = tmp.resolve("nope");
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () -> ApiKey.load(base().apiKeyFile(missing.toString()).build(), ENV));
    assertTrue(e.getMessage().contains(missing.toString()));
  }
}
