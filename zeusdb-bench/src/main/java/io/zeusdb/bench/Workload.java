package io.zeusdb.bench;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What the parent computes once and every child reads: the exact answers (unfiltered and per
 * filter) and the filters. Kept in files of the output folder so children need no recomputation
 * and all of them are judged against the very same truth.
 */
public final class Workload {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path dir;

    /** The workload folder {@code dir}. */
    public Workload(Path dir) {
        this.dir = dir;
    }

    /** The folder. */
    public Path dir() {
        return dir;
    }

    /** Writes the unfiltered truth, the filters and each filter's truth. */
    public void write(int[][] truth, List<FilterSpec> filters, List<int[][]> filterTruth) throws IOException {
        Files.createDirectories(dir);
        Vecs.writeIvecs(dir.resolve("truth.ivecs"), truth);
        JSON.writerWithDefaultPrettyPrinter().writeValue(dir.resolve("filters.json").toFile(), filters);
        for (int i = 0; i < filters.size(); i++) {
            Vecs.writeIvecs(dir.resolve("truth-filter-" + i + ".ivecs"), filterTruth.get(i));
        }
    }

    /** The unfiltered truth. */
    public int[][] truth() throws IOException {
        return Vecs.readIvecs(dir.resolve("truth.ivecs"), 0);
    }

    /** The filters, in order. */
    public List<FilterSpec> filters() throws IOException {
        return JSON.readValue(dir.resolve("filters.json").toFile(), new TypeReference<List<FilterSpec>>() {});
    }

    /** The truth of filter {@code i}. */
    public int[][] filterTruth(int i) throws IOException {
        return Vecs.readIvecs(dir.resolve("truth-filter-" + i + ".ivecs"), 0);
    }

    /** Every filter's truth, in filter order. */
    public List<int[][]> allFilterTruth(int count) throws IOException {
        List<int[][]> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            out.add(filterTruth(i));
        }
        return out;
    }
}
