package io.zeusdb.springai;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.ai.document.Document;
import org.springframework.ai.vectorstore.SearchRequest;
import org.springframework.ai.vectorstore.filter.Filter.Expression;
import org.springframework.ai.vectorstore.filter.Filter.ExpressionType;
import org.springframework.ai.vectorstore.filter.Filter.Key;
import org.springframework.ai.vectorstore.filter.Filter.Value;
import org.springframework.ai.vectorstore.filter.FilterExpressionBuilder;

/** Dates are stored as ISO-8601 UTC text and a Date operand compares with them by time. */
class DateFilterTest {

    private static Date at(String instant) {
        return Date.from(Instant.parse(instant));
    }

    @Test
    void dateOperandsCompareWithStoredDatesAndWithIsoText() {
        ZeusDbVectorStore store = ZeusDbVectorStore.builder(new HashingEmbeddingModel(16)).build();
        store.add(List.of(
                Document.builder().id("old").text("news").metadata(Map.of("published", at("2019-05-01T10:00:00Z"))).build(),
                Document.builder().id("new").text("news").metadata(Map.of("published", at("2024-02-29T23:59:59Z"))).build(),
                Document.builder().id("text").text("news").metadata(Map.of("published", "2023-01-01T00:00:00Z")).build(),
                Document.builder().id("none").text("news").build()));
        Expression since2020 = new Expression(ExpressionType.GTE, new Key("published"), new Value(at("2020-01-01T00:00:00Z")));
        assertEquals(List.of("new", "text"), ids(store, since2020));
        Expression exact = new FilterExpressionBuilder().eq("published", at("2019-05-01T10:00:00Z")).build();
        assertEquals(List.of("old"), ids(store, exact));
        // the text form has no date literal; ISO text compares the same way
        assertEquals(List.of("new", "text"), ids(store, "published >= '2020-01-01T00:00:00Z'"));
    }

    private static List<String> ids(ZeusDbVectorStore store, Object filter) {
        SearchRequest.Builder b = SearchRequest.builder().query("news").topK(10);
        b = filter instanceof String s ? b.filterExpression(s) : b.filterExpression((Expression) filter);
        return store.similaritySearch(b.build()).stream().map(Document::getId).sorted().toList();
    }
}
