package io.zeusdb.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.langchain4j.data.segment.TextSegment;
import java.io.BufferedReader;
import java.io.StringReader;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The corpus the demo embeds: its shape, and how a line becomes a segment with metadata. */
class FactTest {

    @Test
    void corpusHoldsAFewHundredDistinctFactsAcrossSixTopics() throws Exception {
        List<Fact> facts = Fact.loadAll();
        assertEquals(306, facts.size());
        assertEquals("fact-001", facts.get(0).id());
        assertEquals("fact-306", facts.get(305).id());
        Map<String, Long> perTopic = facts.stream()
                .collect(Collectors.groupingBy(Fact::topic, TreeMap::new, Collectors.counting()));
        assertEquals(Set.of("architecture", "computing", "medicine", "physics", "space", "transport"), perTopic.keySet());
        assertTrue(perTopic.values().stream().allMatch(n -> n >= 50), perTopic.toString());
        assertEquals(Set.of("timeline", "profile", "record"), facts.stream().map(Fact::source).collect(Collectors.toSet()));
        Set<String> texts = new HashSet<>();
        for (Fact f : facts) {
            assertTrue(texts.add(f.text()), "duplicate fact: " + f.text());
            assertTrue(f.text().endsWith("."), f.text());
            assertTrue(f.year() >= -3000 && f.year() <= 2026, f.toString());
        }
    }

    @Test
    void aLineBecomesASegmentWithTopicYearAndSourceMetadata() throws Exception {
        List<Fact> facts = Fact.parse(new BufferedReader(new StringReader(
                "# comment\n\narchitecture | -432 | timeline | The Parthenon was completed in 432 BC.\n")));
        assertEquals(List.of(new Fact("fact-001", "architecture", -432, "timeline",
                "The Parthenon was completed in 432 BC.")), facts);
        TextSegment segment = facts.get(0).segment();
        assertEquals("The Parthenon was completed in 432 BC.", segment.text());
        assertEquals(-432, segment.metadata().getInteger("year"));
        assertEquals("architecture", segment.metadata().getString("topic"));
        assertEquals("timeline", segment.metadata().getString("source"));
    }

    @Test
    void aMalformedLineNamesItsLineNumber() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Fact.parse(new BufferedReader(new StringReader("space | 1957 | timeline | ok.\nspace | soon | x | y\n"))));
        assertTrue(e.getMessage().contains("line 2"), e.getMessage());
        assertThrows(IllegalStateException.class,
                () -> Fact.parse(new BufferedReader(new StringReader("space | 1957 | only three fields\n"))));
    }
}
