package io.zeusdb.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.zeusdb.bench.runners.Runners;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The quick mode of {@code compare}, end to end: every library, child JVMs, all three output files. */
class CompareSmokeTest {

    @Test
    @Timeout(180)
    void quickCompareOfAllLibrariesWritesSaneResults(@TempDir Path out) throws Exception {
        Path shared = Dataset.findSharedData(Path.of(""));
        Assumptions.assumeTrue(shared != null && Files.isRegularFile(shared.resolve("minilm-50k/base.fvecs")),
                "shared/data/minilm-50k not found above the working folder");
        int rc = BenchMain.run("compare", "--data", shared.resolve("minilm-50k").toString(), "--limit", "2000",
                "--queries", "200", "--ef", "10,40", "--passes", "2", "--child-xmx", "1g", "--out", out.toString());
        assertEquals(0, rc, "compare exit code");
        for (String f : new String[] {"results.md", "results.json", "recall-qps.png"}) {
            assertTrue(Files.size(out.resolve(f)) > 100, f + " written");
        }
        JsonNode report = new ObjectMapper().readTree(out.resolve("results.json").toFile()).get("report");
        Set<String> seen = new HashSet<>();
        for (JsonNode s : report.get("searches")) {
            String lib = s.get("lib").asText();
            boolean widest = s.get("ef").asInt() == 40 || s.get("ef").asInt() == 0;
            if (s.get("filter").isNull() && widest) {
                seen.add(lib);
                assertTrue(s.get("recall").asDouble() > 0.8, lib + " recall at ef=40: " + s.get("recall"));
                assertTrue(s.get("qps").asDouble() > 0, lib + " qps");
                if (lib.equals("exact")) {
                    // float sums against double-precision truth may swap a near-tie, nothing more
                    assertTrue(s.get("recall").asDouble() >= 0.99, "exact scan recall: " + s.get("recall"));
                }
            }
            if (!s.get("filter").isNull() && widest) {
                assertTrue(s.get("recall").asDouble() > 0.8, lib + " filtered recall: " + s);
            }
        }
        assertEquals(new HashSet<>(Runners.ALL), seen, "every library measured");
        assertEquals(2 * Runners.ALL.size(), report.get("builds").size(), "a 1-thread and a 2-thread build each");
        assertTrue(Files.readString(out.resolve("results.md")).contains("QPS at equal recall"));
    }
}
