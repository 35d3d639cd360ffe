package io.zeusdb.springai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.ai.document.Document;
import org.springframework.ai.vectorstore.SearchRequest;
import org.springframework.ai.vectorstore.SimpleVectorStore;
import org.springframework.ai.vectorstore.VectorStore;
import org.springframework.ai.vectorstore.filter.Filter;
import org.springframework.ai.vectorstore.filter.Filter.Expression;
import org.springframework.ai.vectorstore.filter.Filter.ExpressionType;
import org.springframework.ai.vectorstore.filter.FilterExpressionTextParser;

/**
 * Every filter expression type, in tree and text form, against a brute-force evaluation over
 * generated documents: Spring AI's own SimpleVectorStore, which scores and filters every
 * document. ZeusDB must return the same documents, from a plain store, a store that declares
 * the filtered keys as indexed fields, and a store saved and loaded back.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FilterTranslationTest {

    private static final int N = 500;
    private static final int DIM = 32;
    private static final String QUERY = "salvation world big corner";

    private List<Document> docs;
    private SimpleVectorStore oracle;
    private Map<String, VectorStore> stores;

    @BeforeAll
    void fill(@TempDir Path dir) throws IOException {
        docs = FilterCorpus.documents(N, 42);
        HashingEmbeddingModel model = new HashingEmbeddingModel(DIM);
        oracle = SimpleVectorStore.builder(model).build();
        oracle.add(docs);
        ZeusDbVectorStore plain = ZeusDbVectorStore.builder(model).build();
        plain.add(docs);
        ZeusDbVectorStore indexed = ZeusDbVectorStore.builder(model)
                .indexedFields("country", "year", "views", "rating", "active", "city").build();
        indexed.add(docs);
        plain.save(dir.resolve("plain.zdb"));
        ZeusDbVectorStore reloaded = ZeusDbVectorStore.builder(model).path(dir.resolve("plain.zdb")).build();
        stores = Map.of("plain", plain, "indexed", indexed, "reloaded", reloaded);
    }

    private static SearchRequest all(Filter.Expression filter) {
        return SearchRequest.builder().query(QUERY).topK(N).similarityThresholdAll().filterExpression(filter).build();
    }

    private static Set<String> ids(List<Document> found) {
        Set<String> ids = new TreeSet<>();
        for (Document d : found) {
            ids.add(d.getId());
        }
        return ids;
    }

    private void assertSameAsOracle(Expression filter, String label) {
        Set<String> expected = ids(oracle.similaritySearch(all(filter)));
        for (Map.Entry<String, VectorStore> store : stores.entrySet()) {
            Set<String> actual = ids(store.getValue().similaritySearch(all(filter)));
            assertEquals(expected, actual, store.getKey() + " store, " + label + ": " + filter);
        }
    }

    Stream<Arguments> namedCases() {
        return FilterCorpus.namedCases().entrySet().stream().map(e -> Arguments.of(e.getKey(), e.getValue()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("namedCases")
    void treeFormSelectsTheDocumentsSimpleVectorStoreSelects(String name, Expression filter) {
        assertSameAsOracle(filter, name);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("namedCases")
    void textFormSelectsTheSameDocumentsAsTheTree(String name, Expression filter) {
        String text = FilterCorpus.text(filter);
        Expression parsed = new FilterExpressionTextParser().parse(text);
        Set<String> expected = ids(oracle.similaritySearch(all(filter)));
        for (Map.Entry<String, VectorStore> store : stores.entrySet()) {
            SearchRequest request = SearchRequest.builder().query(QUERY).topK(N).similarityThresholdAll()
                    .filterExpression(text).build();
            assertEquals(expected, ids(store.getValue().similaritySearch(request)),
                    store.getKey() + " store, " + name + ": " + text + " parsed as " + parsed);
        }
    }

    @Test
    void namedCasesCoverEveryExpressionType() {
        Set<ExpressionType> seen = EnumSet.noneOf(ExpressionType.class);
        for (Expression e : FilterCorpus.namedCases().values()) {
            collect(e, seen);
        }
        assertEquals(EnumSet.allOf(ExpressionType.class), seen);
    }

    private static void collect(Filter.Operand operand, Set<ExpressionType> seen) {
        if (operand instanceof Filter.Group g) {
            collect(g.content(), seen);
        } else if (operand instanceof Expression e) {
            seen.add(e.type());
            collect(e.left(), seen);
            collect(e.right(), seen);
        }
    }

    @Test
    void namedCasesAreNeitherEmptyNorEverythingMostly() {
        // a filter that selects nothing (or everything) would pass the comparison trivially
        int trivial = 0;
        for (Expression e : FilterCorpus.namedCases().values()) {
            int n = oracle.similaritySearch(all(e)).size();
            if (n == 0 || n == N) {
                trivial++;
            }
        }
        assertTrue(trivial <= 4, trivial + " named cases select nothing or everything");
    }

    @Test
    void nullOperandsSortFirstAsInSimpleVectorStore() {
        for (ExpressionType type : List.of(ExpressionType.EQ, ExpressionType.NE, ExpressionType.GT, ExpressionType.GTE,
                ExpressionType.LT, ExpressionType.LTE)) {
            Expression filter = new Expression(type, new Filter.Key("year"), new Filter.Value(null));
            assertSameAsOracle(filter, type + " null");
            // and nested, where "everything" and "nothing" must combine like any other filter
            assertSameAsOracle(new Expression(ExpressionType.AND, filter,
                    FilterCorpus.leaf(ExpressionType.EQ, "country", "NL")), type + " null, nested");
            assertSameAsOracle(new Expression(ExpressionType.OR, filter,
                    FilterCorpus.leaf(ExpressionType.EQ, "country", "NL")), type + " null, nested");
        }
        List<Object> withNull = new ArrayList<>(List.of("BG"));
        withNull.add(null);
        assertSameAsOracle(FilterCorpus.leaf(ExpressionType.IN, "country", withNull), "IN with null");
        assertSameAsOracle(FilterCorpus.leaf(ExpressionType.NIN, "country", withNull), "NIN with null");
    }

    @Test
    void notBindsLooserThanAndInTheTextGrammarAsTheDocsSay() {
        VectorStore store = stores.get("plain");
        SearchRequest.Builder request = SearchRequest.builder().query(QUERY).topK(N).similarityThresholdAll();
        Set<String> loose = ids(store.similaritySearch(request.filterExpression(
                "NOT country == 'BG' && active == true").build()));
        Set<String> whole = ids(store.similaritySearch(request.filterExpression(
                "NOT (country == 'BG' && active == true)").build()));
        Set<String> oneTerm = ids(store.similaritySearch(request.filterExpression(
                "(NOT (country == 'BG')) && active == true").build()));
        assertEquals(whole, loose);
        assertTrue(!oneTerm.equals(whole));
    }

    @Test
    void randomExpressionsSelectTheDocumentsSimpleVectorStoreSelects() {
        Random r = new Random(7);
        for (int i = 0; i < 300; i++) {
            Expression filter = FilterCorpus.random(r, 4);
            assertSameAsOracle(filter, "random #" + i);
            // the text form of the same tree too
            String text = FilterCorpus.text(filter);
            SearchRequest request = SearchRequest.builder().query(QUERY).topK(N).similarityThresholdAll()
                    .filterExpression(text).build();
            assertEquals(ids(oracle.similaritySearch(all(filter))), ids(stores.get("plain").similaritySearch(request)),
                    "random #" + i + " as text: " + text);
        }
    }

    @Test
    void filteredTopKIsTheBruteForceTopKOfTheMatchingDocuments() {
        for (Expression filter : FilterCorpus.namedCases().values()) {
            SearchRequest request = SearchRequest.builder().query(QUERY).topK(10).similarityThresholdAll()
                    .filterExpression(filter).build();
            List<Document> expected = oracle.similaritySearch(request);
            for (Map.Entry<String, VectorStore> store : stores.entrySet()) {
                List<Document> actual = store.getValue().similaritySearch(request);
                assertEquals(expected.size(), actual.size(), store.getKey() + ": " + filter);
                for (int i = 0; i < actual.size(); i++) {
                    // ties between equal bags of words may order differently; the scores may not
                    assertEquals(expected.get(i).getScore(), actual.get(i).getScore(), 1e-5,
                            store.getKey() + ", rank " + i + ": " + filter);
                }
            }
        }
    }

    @Test
    void aSelectiveFilterStillFillsTopKBecauseItIsEvaluatedInsideTheSearch() {
        Expression filter = new Expression(ExpressionType.AND,
                FilterCorpus.leaf(ExpressionType.EQ, "country", "BG"), FilterCorpus.leaf(ExpressionType.EQ, "active", true));
        Set<String> matching = ids(oracle.similaritySearch(all(filter)));
        assertTrue(matching.size() >= 10 && matching.size() < N / 10, "the corpus has " + matching.size()
                + " matching documents");
        // the nearest 10 without a filter hold few of them: a post-filter would come back short
        List<Document> nearest = oracle.similaritySearch(SearchRequest.builder().query("north south").topK(10).build());
        assertTrue(nearest.stream().filter(d -> matching.contains(d.getId())).count() < 10);
        for (VectorStore store : stores.values()) {
            List<Document> found = store.similaritySearch(SearchRequest.builder().query("north south")
                    .topK(10).filterExpression("country == 'BG' && active == true").build());
            assertEquals(10, found.size());
            for (Document d : found) {
                assertTrue(matching.contains(d.getId()), d.getId());
            }
        }
    }

    @Test
    void deleteByFilterRemovesExactlyTheDocumentsTheFilterSelects() {
        HashingEmbeddingModel model = new HashingEmbeddingModel(DIM);
        Random r = new Random(11);
        for (int round = 0; round < 20; round++) {
            Expression filter = FilterCorpus.random(r, 3);
            ZeusDbVectorStore store = ZeusDbVectorStore.builder(model).build();
            store.add(docs);
            Set<String> selected = ids(oracle.similaritySearch(all(filter)));
            if (selected.size() == N) {
                continue; // ZeusDB refuses a delete that provably selects everything only by shape
            }
            store.delete(filter);
            Set<String> left = ids(store.similaritySearch(SearchRequest.builder().query(QUERY).topK(N)
                    .similarityThresholdAll().build()));
            Set<String> expected = new TreeSet<>(ids(docs));
            expected.removeAll(selected);
            assertEquals(expected, left, "delete " + filter);
        }
    }

    private static Set<String> ids(Iterable<Document> docs) {
        List<Document> list = new ArrayList<>();
        docs.forEach(list::add);
        return ids(list);
    }
}
