package io.zeusdb.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A benchmark data set folder in the layout of {@code shared/data/minilm-50k}: {@code base.fvecs},
 * {@code query.fvecs}, {@code groundtruth.ivecs} and, for filtered runs, {@code base.jsonl}.
 */
public final class Dataset {

    /** The metadata field the filtered comparison filters on. */
    public static final String FILTER_FIELD = "lexname";

    private final Path dir;

    /** A data set in {@code dir}; nothing is read yet. */
    public Dataset(Path dir) {
        this.dir = dir;
    }

    /** The folder. */
    public Path dir() {
        return dir;
    }

    /** The first {@code limit} base vectors (all when {@code limit <= 0}). */
    public float[][] base(int limit) throws IOException {
        return Vecs.readFvecs(dir.resolve("base.fvecs"), limit);
    }

    /** The first {@code limit} queries (all when {@code limit <= 0}). */
    public float[][] queries(int limit) throws IOException {
        return Vecs.readFvecs(dir.resolve("query.fvecs"), limit);
    }

    /** Ground truth of the first {@code limit} queries over the full base. */
    public int[][] groundTruth(int limit) throws IOException {
        return Vecs.readIvecs(dir.resolve("groundtruth.ivecs"), limit);
    }

    /** Whether {@code base.jsonl} is there, so a filtered comparison can run. */
    public boolean hasMetadata() {
        return Files.isRegularFile(dir.resolve("base.jsonl"));
    }

    /** The {@value #FILTER_FIELD} of the first {@code limit} base rows, interned. */
    public List<String> filterValues(int limit) throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<String> out = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(dir.resolve("base.jsonl"), StandardCharsets.UTF_8)) {
            for (String line; (line = in.readLine()) != null && (limit <= 0 || out.size() < limit); ) {
                JsonNode node = json.readTree(line);
                JsonNode v = node.get(FILTER_FIELD);
                // interned so 50k rows share 45 strings and the heap accounting sees no per-row copies
                out.add(v == null ? "" : v.asText().intern());
            }
        }
        return out;
    }

    /**
     * The folder {@code shared/data} found by walking up from {@code start} (a checkout keeps its
     * data beside it, never inside), or {@code null}.
     */
    public static Path findSharedData(Path start) {
        for (Path p = start.toAbsolutePath().normalize(); p != null; p = p.getParent()) {
            Path candidate = p.resolve("shared").resolve("data");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        return null;
    }
}
