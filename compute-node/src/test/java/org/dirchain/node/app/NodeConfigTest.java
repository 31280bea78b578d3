package org.dirchain.node.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NodeConfigTest {
    @TempDir
    Path dir;

    private Path write(String json) throws Exception {
        Path f = dir.resolve("node.json");
        Files.writeString(f, json);
        return f;
    }

    private static String config(String assets) {
        return """
                {"listen": {"host": "127.0.0.1", "port": 7443},
                 "chain": {"rpcUrl": "http://127.0.0.1:8545", "deployment": "deployment.json"},
                 "organisation": 4,
                 "signingKey": {"walletFile": "node-key.json", "passwordEnv": "NODE_KEY_PASSWORD"},
                 "assets": %s}
                """.formatted(assets);
    }

    @Test
    void readsAHospitalsOwnCsvRelativeToTheConfigFile() throws Exception {
        Files.createDirectories(dir.resolve("data"));
        Files.writeString(dir.resolve("data/patients.csv"), "age,region,hba1c\n54,north,7.2\n61,south,6.1\n");
        Path file = write(config("[{\"assetId\": 7, \"csv\": {\"file\": \"data/patients.csv\"}}]"));
        NodeConfig c = NodeConfig.read(file);
        var tables = ComputeNodeMain.tables(c, dir);
        assertEquals(2, tables.get(7L).rowCount());
        assertEquals("age:INTEGER,region:TEXT,hba1c:DECIMAL", tables.get(7L).schema().canonical());
        assertEquals("state", c.stateDirOrDefault(), "the journal of released answers goes next to the config by default");
    }

    @Test
    void refusesAmbiguousOrIncompleteAssetSources() throws Exception {
        var both = assertThrows(IllegalArgumentException.class, () -> NodeConfig.read(write(config(
                "[{\"assetId\": 1, \"csv\": {\"file\": \"a.csv\"}, \"jdbc\": {\"url\": \"jdbc:x\", \"table\": \"t\"}}]"))));
        assertTrue(both.getMessage().contains("exactly one of csv, jdbc"), both.getMessage());
        var none = assertThrows(IllegalArgumentException.class, () -> NodeConfig.read(write(config("[]"))));
        assertTrue(none.getMessage().contains("at least one asset"));
        var dup = assertThrows(IllegalArgumentException.class, () -> NodeConfig.read(write(config(
                "[{\"assetId\": 1, \"csv\": {\"file\": \"a.csv\"}}, {\"assetId\": 1, \"csv\": {\"file\": \"b.csv\"}}]"))));
        assertTrue(dup.getMessage().contains("listed twice"));
    }

    @Test
    void refusesUnknownKeysSoTyposDoNotPassSilently() throws Exception {
        var e = assertThrows(java.io.UncheckedIOException.class, () -> NodeConfig.read(write(
                config("[{\"assetId\": 1, \"csv\": {\"file\": \"a.csv\"}}]").replace("\"organisation\"", "\"organization\""))));
        assertTrue(e.getMessage().contains("organization"), e.getMessage());
    }
}
