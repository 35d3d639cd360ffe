package io.zeusdb.springai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.ai.document.Document;
import org.springframework.ai.embedding.Embedding;
import org.springframework.ai.embedding.EmbeddingModel;
import org.springframework.ai.embedding.EmbeddingRequest;
import org.springframework.ai.embedding.EmbeddingResponse;
import org.springframework.ai.vectorstore.SearchRequest;
import org.springframework.ai.vectorstore.filter.Filter.Expression;
import org.springframework.ai.vectorstore.filter.Filter.ExpressionType;
import org.springframework.ai.vectorstore.filter.Filter.Group;
import org.springframework.ai.vectorstore.filter.Filter.Key;
import org.springframework.ai.vectorstore.filter.Filter.Value;
import org.springframework.ai.vectorstore.filter.FilterExpressionTextParser.FilterExpressionParseException;

/** Bad documents, bad models and bad filters are refused with a message, and change nothing. */
class HostileInputTest {

    private static final int DIM = 16;

    private static ZeusDbVectorStore storeWithThree() {
        ZeusDbVectorStore store = ZeusDbVectorStore.builder(new HashingEmbeddingModel(DIM)).build();
        store.add(List.of(doc("a", "alpha river", Map.of("country", "BG")), doc("b", "beta river", Map.of("country", "NL")),
                doc("c", "gamma river", Map.of())));
        return store;
    }

    private static Document doc(String id, String text, Map<String, Object> meta) {
        return Document.builder().id(id).text(text).metadata(meta).build();
    }

    private static int count(ZeusDbVectorStore store) {
        return store.getIndex().size();
    }

    /** A model whose output the test decides, counting its calls. */
    private static final class ScriptedModel implements EmbeddingModel {
        final AtomicInteger calls = new AtomicInteger();
        final java.util.function.Function<String, float[]> embedding;

        ScriptedModel(java.util.function.Function<String, float[]> embedding) {
            this.embedding = embedding;
        }

        @Override
        public EmbeddingResponse call(EmbeddingRequest request) {
            calls.incrementAndGet();
            List<Embedding> out = new ArrayList<>();
            for (int i = 0; i < request.getInstructions().size(); i++) {
                out.add(new Embedding(embedding.apply(request.getInstructions().get(i)), i));
            }
            return new EmbeddingResponse(out);
        }

        @Override
        public float[] embed(Document document) {
            return embedding.apply(document.getText());
        }

        @Override
        public int dimensions() {
            return DIM;
        }
    }

    @Test
    void aNullDocumentListIsRefused() {
        ZeusDbVectorStore store = storeWithThree();
        assertThrows(IllegalArgumentException.class, () -> store.add(null));
        assertEquals(3, count(store));
    }

    @Test
    void aNullDocumentInTheListIsRefusedBeforeTheModelIsCalled() {
        ScriptedModel model = new ScriptedModel(t -> HashingEmbeddingModel.embedText(t, DIM));
        ZeusDbVectorStore store = ZeusDbVectorStore.builder(model).build();
        List<Document> docs = new ArrayList<>(Arrays.asList(doc("a", "alpha", Map.of()), null));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> store.add(docs));
        assertTrue(e.getMessage().contains("Document 1"), e.getMessage());
        assertEquals(0, model.calls.get());
        assertEquals(0, count(store));
    }

    @Test
    void anEmptyDocumentListAddsNothingAndCallsNoModel() {
        ScriptedModel model = new ScriptedModel(t -> HashingEmbeddingModel.embedText(t, DIM));
        ZeusDbVectorStore store = ZeusDbVectorStore.builder(model).build();
        store.add(List.of());
        assertEquals(0, model.calls.get());
        assertEquals(0, count(store));
    }

    @Test
    void aModelOfTheWrongWidthIsRefusedAndNothingIsAdded() {
        ZeusDbVectorStore store = ZeusDbVectorStore.builder(new ScriptedModel(t -> new float[DIM + 1]))
                .dimension(DIM).build();
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> store.add(List.of(doc("a", "alpha", Map.of()), doc("b", "beta", Map.of()))));
        assertTrue(e.getMessage().contains(DIM + 1 + " dimensions") && e.getMessage().contains("has " + DIM),
                e.getMessage());
        assertEquals(0, count(store));
    }

    @Test
    void aModelThatChangesWidthOnOneDocumentAddsNoneOfTheBatch() {
        ZeusDbVectorStore store = ZeusDbVectorStore.builder(new ScriptedModel(
                t -> t.contains("odd") ? new float[3] : HashingEmbeddingModel.embedText(t, DIM))).build();
        assertThrows(IllegalStateException.class, () -> store.add(List.of(doc("a", "alpha", Map.of()),
                doc("b", "odd one", Map.of()), doc("c", "gamma", Map.of()))));
        assertEquals(0, count(store));
    }

    @Test
    void aQueryEmbeddingOfTheWrongWidthIsRefused() {
        ZeusDbVectorStore store = ZeusDbVectorStore.builder(new ScriptedModel(
                t -> t.equals("query") ? new float[DIM * 2] : HashingEmbeddingModel.embedText(t, DIM))).build();
        store.add(List.of(doc("a", "alpha", Map.of())));
        assertThrows(IllegalStateException.class,
                () -> store.similaritySearch(SearchRequest.builder().query("query").build()));
    }

    @Test
    void aNonFiniteEmbeddingIsRefused() {
        ZeusDbVectorStore store = ZeusDbVectorStore.builder(new ScriptedModel(t -> {
            float[] v = HashingEmbeddingModel.embedText(t, DIM);
            v[1] = Float.NaN;
            return v;
        })).build();
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> store.add(List.of(doc("a", "alpha", Map.of()))));
        assertTrue(e.getMessage().contains("NaN"), e.getMessage());
        assertEquals(0, count(store));
    }

    @Test
    void aModelReturningNoEmbeddingIsRefused() {
        ZeusDbVectorStore store = ZeusDbVectorStore.builder(new ScriptedModel(t -> null)).build();
        assertThrows(IllegalStateException.class, () -> store.add(List.of(doc("a", "alpha", Map.of()))));
        assertEquals(0, count(store));
    }

    @Test
    void metadataUsingTheReservedTextKeyIsRefusedBeforeTheModelIsCalled() {
        ScriptedModel model = new ScriptedModel(t -> HashingEmbeddingModel.embedText(t, DIM));
        ZeusDbVectorStore store = ZeusDbVectorStore.builder(model).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> store.add(List.of(doc("a", "alpha", Map.of(ZeusDbVectorStore.TEXT_KEY, "x")))));
        assertTrue(e.getMessage().contains(ZeusDbVectorStore.TEXT_KEY), e.getMessage());
        assertEquals(0, model.calls.get());
    }

    @Test
    void metadataValuesZeusDbCannotStoreAreRefusedNamingTheKey() {
        ScriptedModel model = new ScriptedModel(t -> HashingEmbeddingModel.embedText(t, DIM));
        ZeusDbVectorStore store = ZeusDbVectorStore.builder(model).build();
        for (Object bad : List.of(new Object(), Double.NaN, Float.POSITIVE_INFINITY, List.of(1, new StringBuilder("ok"),
                Thread.State.NEW), Map.of(1, "non-string key"))) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> store.add(List.of(doc("a", "alpha", Map.of("bad", bad)))), String.valueOf(bad));
            assertTrue(e.getMessage().contains("'bad'"), e.getMessage());
        }
        assertEquals(0, model.calls.get());
        assertEquals(0, count(store));
    }

    @Test
    void malformedFilterTextIsRefusedAndDeletesNothing() {
        ZeusDbVectorStore store = storeWithThree();
        for (String text : List.of("country ==", "country = 'BG'", "country == 'BG' &&", "(country == 'BG'",
                "country IN 'BG'", "== 'BG'", "country == 'BG' ; DROP TABLE docs", "")) {
            assertThrows(RuntimeException.class, () -> store.delete(text), text);
            assertThrows(RuntimeException.class, () -> store.similaritySearch(
                    SearchRequest.builder().query("river").filterExpression(text).build()), text);
        }
        assertEquals(3, count(store));
        assertThrows(FilterExpressionParseException.class, () -> store.delete("country == 'BG' &&"));
    }

    @Test
    void malformedFilterTreesAreRefusedWithTheOffendingPart() {
        ZeusDbVectorStore store = storeWithThree();
        List<Expression> bad = List.of(
                new Expression(ExpressionType.IN, new Key("country"), new Value("BG")),        // IN without a list
                new Expression(ExpressionType.EQ, new Key("country"), null),                    // no right operand
                new Expression(ExpressionType.EQ, new Value("BG"), new Value("BG")),            // value on the left
                new Expression(ExpressionType.EQ, new Key("country"), new Key("other")),        // key on the right
                new Expression(ExpressionType.AND, new Key("country"), new Value("BG")),        // AND of operands
                new Expression(ExpressionType.NOT, null),                                       // NOT of nothing
                new Expression(ExpressionType.EQ, new Key(""), new Value("BG")),                // empty key
                new Expression(ExpressionType.EQ, new Key("$or"), new Value("BG")),             // ZeusDB group key
                new Expression(ExpressionType.GT, new Key("country"), new Value(List.of(1))),   // order on a list
                new Expression(ExpressionType.EQ, new Key("country"), new Value(new Object())), // unstorable value
                new Expression(ExpressionType.OR, new Group(null), new Key("x")));
        for (Expression e : bad) {
            IllegalArgumentException thrown = assertThrows(IllegalArgumentException.class, () -> store.delete(e),
                    String.valueOf(e));
            assertTrue(thrown.getMessage() != null && !thrown.getMessage().isBlank());
            assertThrows(IllegalArgumentException.class, () -> store.similaritySearch(
                    SearchRequest.builder().query("river").filterExpression(e).build()), String.valueOf(e));
        }
        assertThrows(IllegalArgumentException.class, () -> store.delete((Expression) null));
        assertEquals(3, count(store));
    }

    @Test
    void typeMismatchesNeverThrowAndNeverMatch() {
        ZeusDbVectorStore store = storeWithThree();
        // SimpleVectorStore throws for these; ZeusDB treats a string and a number as unequal and unordered
        assertEquals(0, search(store, "country == 5").size());
        assertEquals(0, search(store, "country > 5").size());
        assertEquals(3, search(store, "country != 5").size());
        // country < 5: only the document without the key (null sorts first)
        assertEquals(List.of("c"), ids(search(store, "country < 5")));
    }

    @Test
    void nullIdsAreRefusedAndUnknownIdsIgnored() {
        ZeusDbVectorStore store = storeWithThree();
        assertThrows(IllegalArgumentException.class, () -> store.delete((List<String>) null));
        assertThrows(IllegalArgumentException.class, () -> store.delete(Arrays.asList("a", null)));
        assertEquals(3, count(store));
        store.delete(List.of("nope", "a"));
        assertEquals(2, count(store));
    }

    @Test
    void deletingEverythingByFilterIsAllowedWhenTheFilterSaysSo() {
        ZeusDbVectorStore store = storeWithThree();
        store.delete("country IS NULL || country IS NOT NULL");
        assertEquals(0, count(store));
    }

    @Test
    void topKZeroReturnsNothingWithoutCallingTheModel() {
        ScriptedModel model = new ScriptedModel(t -> HashingEmbeddingModel.embedText(t, DIM));
        ZeusDbVectorStore store = ZeusDbVectorStore.builder(model).build();
        store.add(List.of(doc("a", "alpha", Map.of())));
        int before = model.calls.get();
        assertEquals(List.of(), store.similaritySearch(SearchRequest.builder().query("alpha").topK(0).build()));
        assertEquals(before, model.calls.get());
    }

    @Test
    void mutatedMetadataWithNullValuesIsStoredAndReadBackWithoutTheNulls() {
        ZeusDbVectorStore store = ZeusDbVectorStore.builder(new HashingEmbeddingModel(DIM)).build();
        Document d = doc("a", "alpha", new HashMap<>(Map.of("country", "BG")));
        d.getMetadata().put("year", null); // a Document refuses nulls only at construction
        store.add(List.of(d));
        assertEquals(List.of("a"), ids(search(store, "year IS NULL")));
        Document found = search(store, "country == 'BG'").get(0);
        assertTrue(!found.getMetadata().containsKey("year"), found.getMetadata().toString());
    }

    @Test
    void aRepeatedIdReplacesTheDocument() {
        ZeusDbVectorStore store = storeWithThree();
        store.add(List.of(doc("a", "alpha river", Map.of("country", "DE"))));
        assertEquals(3, count(store));
        assertEquals(List.of("a"), ids(search(store, "country == 'DE'")));
        assertEquals(0, search(store, "country == 'BG'").size());
    }

    @Test
    void longChainsOfAndOrStayFlatAndWork() {
        ZeusDbVectorStore store = storeWithThree();
        StringBuilder and = new StringBuilder("country == 'BG'");
        StringBuilder or = new StringBuilder("country == 'BG'");
        for (int i = 0; i < 200; i++) {
            and.append(" && country != 'x").append(i).append('\'');
            or.append(" || country == 'x").append(i).append('\'');
        }
        assertEquals(List.of("a"), ids(search(store, and.toString())));
        assertEquals(List.of("a"), ids(search(store, or.toString())));
    }

    @Test
    void aFilterNestedDeeperThanZeusDbAllowsIsRefusedNotCut() {
        ZeusDbVectorStore store = storeWithThree();
        String filter = "country == 'BG'";
        for (int i = 0; i < 12; i++) {
            filter = "NOT (" + filter + ")";
        }
        String deep = filter;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> search(store, deep));
        assertTrue(e.getMessage().contains("nest"), e.getMessage());
        // eight levels are fine: an even number of NOTs is the filter itself
        String fine = "country == 'BG'";
        for (int i = 0; i < 8; i++) {
            fine = "NOT (" + fine + ")";
        }
        assertEquals(List.of("a"), ids(search(store, fine)));
    }

    private static List<Document> search(ZeusDbVectorStore store, String filter) {
        return store.similaritySearch(SearchRequest.builder().query("river").topK(10).filterExpression(filter).build());
    }

    private static List<String> ids(List<Document> docs) {
        List<String> ids = new ArrayList<>();
        for (Document d : docs) {
            ids.add(d.getId());
        }
        return ids;
    }
}
