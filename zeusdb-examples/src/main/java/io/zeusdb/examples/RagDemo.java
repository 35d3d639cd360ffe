package io.zeusdb.examples;

import static dev.langchain4j.store.embedding.filter.MetadataFilterBuilder.metadataKey;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
import dev.langchain4j.store.embedding.EmbeddingMatch;
import dev.langchain4j.store.embedding.EmbeddingSearchRequest;
import dev.langchain4j.store.embedding.filter.Filter;
import io.zeusdb.langchain4j.ZeusDbEmbeddingStore;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code zdb rag-demo}: the retrieval half of a RAG application, end to end, with a real embedding
 * model running in this JVM. It embeds the corpus of short facts shipped in this jar
 * ({@link Fact#RESOURCE}) with all-MiniLM-L6-v2 (ONNX, in-process: the model comes inside a Maven
 * jar, nothing is downloaded at run time), stores them in a {@link ZeusDbEmbeddingStore}, saves the
 * store to a {@code .zdb} directory, loads it back as a new store, and answers a few questions,
 * some with LangChain4j metadata filters, printing the top hits with score, text and metadata.
 *
 * <p>It checks, like {@code zdb demo}, that the reloaded store answers every question exactly as the
 * live one did, that every filtered hit satisfies its filter (judged by LangChain4j's own
 * {@link Filter#test}) and fills the page, and that the questions with one obvious answer get that
 * fact first. It ends with {@code rag-demo: all N checks passed} (exit 0) or
 * {@code rag-demo: K of N checks FAILED} (exit 1).
 */
@Command(name = "rag-demo", mixinStandardHelpOptions = true, usageHelpAutoWidth = true,
        versionProvider = RagDemo.Version.class,
        description = {
            "Embeds ~300 short facts with all-MiniLM-L6-v2 (in-process ONNX), stores them in a ZeusDbEmbeddingStore, "
                    + "saves it, loads it back and answers questions with and without metadata filters.",
            "",
            "Checks that the reloaded store answers exactly like the live one, that filtered hits satisfy their "
                    + "filter, and that questions with one obvious answer find it first. Ends with a verdict line; "
                    + "exit code 0 when every check passed, 1 otherwise."})
public final class RagDemo implements Callable<Integer> {

    /** Facts embedded per call, so that the progress line moves while the model works. */
    static final int BATCH = 32;
    /** Rounds of the built-in searches timed after the checks, for a warm figure. */
    static final int WARM_ROUNDS = 200;

    @Option(names = "--dir", paramLabel = "DIR",
            description = "Save the store to this .zdb directory and keep it (an index saved there before is "
                    + "replaced). Default: a temporary directory, deleted at the end.")
    Path dir;

    @Option(names = {"-k", "--top-k"}, paramLabel = "K", defaultValue = "3",
            description = "Hits shown per question (default: ${DEFAULT-VALUE}).")
    int topK;

    @Option(names = "--ask", paramLabel = "QUESTION",
            description = "An extra question to answer from the reloaded store, after the built-in ones "
                    + "(repeatable; printed, not checked).")
    List<String> extraQuestions = new ArrayList<>();

    @Spec
    CommandSpec spec;

    /** Instantiated by picocli. */
    public RagDemo() {}

    /**
     * A question the demo asks.
     *
     * @param question     the text embedded as the query
     * @param filter       a LangChain4j metadata filter, or {@code null}
     * @param filterText   how the filter reads, for the output
     * @param expectedText the start of the text of the fact that must come first, or {@code null}
     *                     when several facts answer the question equally well
     */
    record Question(String question, Filter filter, String filterText, String expectedText) {}

    /**
     * The built-in questions, plain and filtered. Those with an expected fact were chosen so that the
     * answer is unambiguous: with all-MiniLM-L6-v2 the expected fact leads the runner-up by at least
     * 0.06 in cosine similarity, far more than any run-to-run or CPU-to-CPU difference of the model.
     */
    static List<Question> questions() {
        return List.of(
                new Question("Who was the first person to walk on the Moon?", null, null,
                        "Apollo 11 landed on the Moon"),
                // unfiltered this finds the space fact about Apollo 11; restricted to one topic, the
                // search must find the one computing fact about the landing among 51
                new Question("The Apollo 11 Moon landing",
                        metadataKey("topic").isEqualTo("computing"), "topic == 'computing'",
                        "The Apollo Guidance Computer"),
                new Question("Who discovered penicillin?", null, null, "Alexander Fleming"),
                new Question("When did people first fly in a powered aeroplane?",
                        metadataKey("topic").isEqualTo("transport").and(metadataKey("year").isLessThan(1950)),
                        "topic == 'transport' && year < 1950", "Orville and Wilbur Wright"),
                new Question("Which vaccines were developed?",
                        metadataKey("topic").isEqualTo("medicine").and(metadataKey("year").isGreaterThanOrEqualTo(1950)),
                        "topic == 'medicine' && year >= 1950", null),
                new Question("What was the tallest building in the world?", metadataKey("year").isLessThan(1950),
                        "year < 1950", null),
                new Question("A new programming language is released",
                        metadataKey("topic").isEqualTo("computing")
                                .and(metadataKey("year").isGreaterThanOrEqualTo(1990))
                                .and(metadataKey("year").isLessThan(2000)),
                        "topic == 'computing' && 1990 <= year < 2000", null),
                new Question("How fast can a train go?", metadataKey("source").isEqualTo("record"),
                        "source == 'record'", null),
                new Question("Famous buildings in Paris",
                        metadataKey("source").isIn("timeline", "profile").and(metadataKey("year").isGreaterThanOrEqualTo(1900)),
                        "source in ('timeline', 'profile') && year >= 1900", null));
    }

    /** Runs the demo as {@code java -jar zdb-examples.jar [options]}. */
    public static void main(String[] args) {
        Charset charset = outputCharset();
        PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, charset), true);
        PrintWriter err = new PrintWriter(new OutputStreamWriter(System.err, charset), true);
        CommandLine cl = new CommandLine(new RagDemo());
        cl.setOut(out);
        cl.setErr(err);
        int code = cl.execute(args);
        out.flush();
        err.flush();
        System.exit(code);
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Checks checks = new Checks(out, outputCharset());
        Path work = null;
        try {
            if (topK < 1) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--top-k must be at least 1, got " + topK);
            }
            Path target = dir;
            if (target == null) {
                work = Files.createTempDirectory("zdb-rag-demo");
                target = work.resolve("facts.zdb");
            }
            run(out, err, checks, target, work != null);
        } catch (CommandLine.ParameterException e) {
            throw e;
        } catch (RuntimeException | IOException e) {
            checks.check(false, "", "the demo stopped with " + e);
            e.printStackTrace(err);
            err.flush();
        } finally {
            deleteTree(work, checks);
        }
        out.println();
        if (checks.failed() == 0) {
            out.printf(Locale.ROOT, "rag-demo: all %d checks passed%n", checks.total());
        } else {
            out.printf(Locale.ROOT, "rag-demo: %d of %d checks FAILED%n", checks.failed(), checks.total());
        }
        out.flush();
        return checks.failed() == 0 ? 0 : 1;
    }

    private void run(PrintWriter out, PrintWriter err, Checks checks, Path target, boolean temporary) {
        out.println("ZeusDB RAG demo: all-MiniLM-L6-v2 (in-process ONNX) + ZeusDbEmbeddingStore, save, load, ask");
        out.println("Store directory: " + target + (temporary ? " (deleted at the end)" : ""));
        out.println();

        // ---------------------------------------------------------------- the corpus and the model
        List<Fact> facts = Fact.loadAll();
        Map<String, Integer> perTopic = new LinkedHashMap<>();
        facts.forEach(f -> perTopic.merge(f.topic(), 1, Integer::sum));
        out.printf(Locale.ROOT, "Corpus: %d facts from %s, by topic %s%n", facts.size(), Fact.RESOURCE, perTopic);

        long t0 = System.nanoTime();
        EmbeddingModel model = new AllMiniLmL6V2EmbeddingModel();
        long modelNanos = System.nanoTime() - t0;
        out.printf(Locale.ROOT, "Model: all-MiniLM-L6-v2, %d dimensions, loaded from the class path in %s%n",
                model.dimension(), millis(modelNanos));
        out.println();

        // ---------------------------------------------------------------- embed and store
        out.println("=== Embed and store ===");
        out.flush();
        List<TextSegment> segments = facts.stream().map(Fact::segment).toList();
        List<String> ids = facts.stream().map(Fact::id).toList();
        List<Embedding> embeddings = new ArrayList<>(facts.size());
        Progress progress = new Progress(err, "embedding", facts.size(), Progress.interactive());
        t0 = System.nanoTime();
        for (int from = 0; from < segments.size(); from += BATCH) {
            List<TextSegment> batch = segments.subList(from, Math.min(segments.size(), from + BATCH));
            embeddings.addAll(model.embedAll(batch).content());
            progress.update(embeddings.size());
        }
        long embedNanos = System.nanoTime() - t0;
        checks.check(embeddings.size() == facts.size()
                        && embeddings.stream().allMatch(e -> e.dimension() == model.dimension()),
                String.format(Locale.ROOT, "Embedded %d facts into %d-d vectors in %s (%.0f facts/s)", embeddings.size(),
                        model.dimension(), millis(embedNanos), facts.size() / (embedNanos / 1e9)),
                "embedding gave " + embeddings.size() + " vectors for " + facts.size() + " facts");

        ZeusDbEmbeddingStore live = ZeusDbEmbeddingStore.builder()
                .dimension(model.dimension())
                .indexedFields("topic", "year", "source") // the keys the questions filter on
                .build();
        t0 = System.nanoTime();
        live.addAll(ids, embeddings, segments); // one batch insert into the HNSW graph
        long addNanos = System.nanoTime() - t0;
        checks.check(live.size() == facts.size(),
                "Stored " + live.size() + " embeddings with text and metadata in " + millis(addNanos),
                "the store holds " + live.size() + " embeddings, expected " + facts.size());

        // ---------------------------------------------------------------- save and load
        t0 = System.nanoTime();
        live.save(target);
        long saveNanos = System.nanoTime() - t0;
        long bytes = sizeOnDisk(target);
        checks.check(Files.isRegularFile(target.resolve("manifest.json")),
                String.format(Locale.ROOT, "Saved to %s in %s (%,d bytes)", target.getFileName(), millis(saveNanos), bytes),
                "no manifest.json in " + target + " after save");

        t0 = System.nanoTime();
        ZeusDbEmbeddingStore reloaded = ZeusDbEmbeddingStore.builder().path(target).build();
        long loadNanos = System.nanoTime() - t0;
        checks.check(reloaded.size() == live.size() && reloaded.index().dim() == model.dimension(),
                "Loaded a new store from " + target.getFileName() + " in " + millis(loadNanos) + ": "
                        + reloaded.size() + " embeddings, " + reloaded.index().dim() + "-d",
                "the reloaded store holds " + reloaded.size() + " embeddings of dimension " + reloaded.index().dim());
        out.println();

        // ---------------------------------------------------------------- ask
        out.println("=== Ask the reloaded store (top " + topK + ", score = LangChain4j relevance in [0, 1]) ===");
        List<String> differing = new ArrayList<>();
        long queryEmbedNanos = 0;
        long searchNanos = 0;
        int searches = 0;
        List<Question> questions = questions();
        for (int q = 0; q < questions.size(); q++) {
            Question question = questions.get(q);
            t0 = System.nanoTime();
            Embedding query = model.embed(question.question()).content();
            long embedOne = System.nanoTime() - t0;
            EmbeddingSearchRequest request = EmbeddingSearchRequest.builder()
                    .queryEmbedding(query).maxResults(topK).filter(question.filter()).build();
            t0 = System.nanoTime();
            List<EmbeddingMatch<TextSegment>> hits = reloaded.search(request).matches();
            long searchOne = System.nanoTime() - t0;
            queryEmbedNanos += embedOne;
            searchNanos += searchOne;
            searches++;
            out.println();
            out.printf(Locale.ROOT, "Q%d  %s   (embed %.1f ms, search %.2f ms)%n", q + 1, question.question(),
                    embedOne / 1e6, searchOne / 1e6);
            if (question.filterText() != null) {
                out.println("    filter: " + question.filterText());
            }
            printHits(out, hits);
            if (!hits.equals(live.search(request).matches())) {
                differing.add("Q" + (q + 1));
            }
            if (question.filter() != null) {
                checkFilter(checks, facts, question, hits);
            }
            if (question.expectedText() != null) {
                checkTopHit(checks, facts, question, hits);
            }
        }
        for (String extra : extraQuestions) {
            out.println();
            out.println("Q   " + extra);
            t0 = System.nanoTime();
            Embedding query = model.embed(extra).content();
            queryEmbedNanos += System.nanoTime() - t0;
            t0 = System.nanoTime();
            printHits(out, reloaded.search(EmbeddingSearchRequest.builder()
                    .queryEmbedding(query).maxResults(topK).build()).matches());
            searchNanos += System.nanoTime() - t0;
            searches++;
        }
        out.println();
        checks.check(differing.isEmpty(),
                "The reloaded store answered all " + questions.size() + " questions exactly like the live store "
                        + "(ids, scores, texts, metadata, vectors)",
                "the reloaded store answered " + differing + " differently from the live store");

        // the searches above ran in a cold JVM (class loading, interpreter, each filter's first
        // evaluation); the same requests repeated show what a warmed-up application sees
        List<EmbeddingSearchRequest> requests = new ArrayList<>();
        for (Question question : questions) {
            requests.add(EmbeddingSearchRequest.builder().queryEmbedding(model.embed(question.question()).content())
                    .maxResults(topK).filter(question.filter()).build());
        }
        t0 = System.nanoTime();
        for (int round = 0; round < WARM_ROUNDS; round++) {
            for (EmbeddingSearchRequest request : requests) {
                reloaded.search(request);
            }
        }
        double warmMillis = (System.nanoTime() - t0) / 1e6 / (WARM_ROUNDS * requests.size());

        out.println();
        out.println("=== Timings ===");
        out.printf(Locale.ROOT, "model load %s | embed %d facts %s | store %s | save %s | load %s%n",
                millis(modelNanos), facts.size(), millis(embedNanos), millis(addNanos), millis(saveNanos),
                millis(loadNanos));
        out.printf(Locale.ROOT, "per question: embed %.1f ms, search %.2f ms (mean of %d, cold); "
                        + "search %.3f ms warm (mean of %d rounds of the %d questions)%n",
                queryEmbedNanos / 1e6 / searches, searchNanos / 1e6 / searches, searches, warmMillis, WARM_ROUNDS,
                requests.size());
    }

    private static void printHits(PrintWriter out, List<EmbeddingMatch<TextSegment>> hits) {
        if (hits.isEmpty()) {
            out.println("    (no hits)");
        }
        for (int i = 0; i < hits.size(); i++) {
            EmbeddingMatch<TextSegment> hit = hits.get(i);
            TextSegment segment = hit.embedded();
            out.printf(Locale.ROOT, "    %d. %.4f  [%s, %s, %s]  %s%n", i + 1, hit.score(),
                    segment.metadata().getString("topic"), segment.metadata().getInteger("year"),
                    segment.metadata().getString("source"), segment.text());
        }
        out.flush();
    }

    /** Every hit satisfies the filter (LangChain4j's own evaluation), and the page is full when it can be. */
    private void checkFilter(Checks checks, List<Fact> facts, Question question,
            List<EmbeddingMatch<TextSegment>> hits) {
        long matching = facts.stream().filter(f -> question.filter().test(f.metadata())).count();
        List<String> outside = hits.stream().filter(h -> !question.filter().test(h.embedded().metadata()))
                .map(EmbeddingMatch::embeddingId).toList();
        int expected = (int) Math.min(topK, matching);
        checks.check(outside.isEmpty() && hits.size() == expected,
                hits.size() + " hits of the " + matching + " facts matching " + question.filterText()
                        + ", every one satisfies the filter",
                hits.size() + " hits (expected " + expected + " of " + matching + " matching " + question.filterText()
                        + "), outside the filter: " + outside);
    }

    private static void checkTopHit(Checks checks, List<Fact> facts, Question question,
            List<EmbeddingMatch<TextSegment>> hits) {
        Fact expected = facts.stream().filter(f -> f.text().startsWith(question.expectedText())).findFirst()
                .orElseThrow(() -> new IllegalStateException("no fact starts with '" + question.expectedText() + "'"));
        String top = hits.isEmpty() ? "nothing" : hits.get(0).embeddingId();
        checks.check(expected.id().equals(top),
                "The top hit is the expected fact " + expected.id() + " (\"" + question.expectedText() + " ...\")",
                "the top hit is " + top + ", expected " + expected.id() + " (\"" + question.expectedText() + " ...\")");
    }

    private static String millis(long nanos) {
        double ms = nanos / 1e6;
        return ms >= 1000 ? String.format(Locale.ROOT, "%.2f s", ms / 1000) : String.format(Locale.ROOT, "%.0f ms", ms);
    }

    private static long sizeOnDisk(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).mapToLong(p -> {
                try {
                    return Files.size(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).sum();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteTree(Path root, Checks checks) {
        if (root == null) {
            return;
        }
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            checks.check(false, "", "could not delete the demo directory " + root + ": " + e);
        }
    }

    /** The charset of standard output (JDK 19+ {@code stdout.encoding}), else the default. */
    static Charset outputCharset() {
        String name = System.getProperty("stdout.encoding");
        if (name != null) {
            try {
                return Charset.forName(name);
            } catch (IllegalArgumentException e) {
                // unknown name: fall through
            }
        }
        return Charset.defaultCharset();
    }

    /** {@code --version}: the example's version and the Java runtime. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = RagDemo.class.getPackage().getImplementationVersion();
            return new String[] {"zdb rag-demo " + (v == null ? "(development build)" : v),
                "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")"};
        }
    }
}
