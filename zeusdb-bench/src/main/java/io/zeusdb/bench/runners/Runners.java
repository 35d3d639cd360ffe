package io.zeusdb.bench.runners;

import java.util.List;

/** The runners by command-line name. */
public final class Runners {

    /** Every library the comparison knows, in report order. */
    public static final List<String> ALL = List.of("zeusdb", "lucene", "lucene-index", "jvector", "hnswlib", "exact");

    private Runners() {}

    /** A fresh runner for {@code name}. */
    public static AnnRunner create(String name) {
        return switch (name) {
            case "zeusdb" -> new ZeusDbRunner();
            case "lucene" -> new LuceneHnswRunner();
            case "lucene-index" -> new LuceneIndexRunner();
            case "jvector" -> new JVectorRunner();
            case "hnswlib" -> new HnswlibRunner();
            case "exact" -> new ExactRunner();
            default -> throw new IllegalArgumentException("unknown library '" + name + "'; known: " + ALL);
        };
    }
}
