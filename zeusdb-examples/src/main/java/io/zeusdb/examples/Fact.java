package io.zeusdb.examples;

import dev.langchain4j.data.document.Metadata;
import dev.langchain4j.data.segment.TextSegment;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One short fact of the RAG example's corpus, with the metadata the demo filters on.
 *
 * @param id     a stable id, {@code fact-001} for the first fact of the file (so hits read the same on
 *               every run and the checks can name the fact they expect)
 * @param topic  one of a handful of topics ({@code space}, {@code computing}, ...)
 * @param year   the year the fact is about; negative for BC
 * @param source what kind of note it is: {@code timeline}, {@code profile} or {@code record}
 * @param text   the sentence that is embedded and returned
 */
public record Fact(String id, String topic, int year, String source, String text) {

    /** The resource holding the corpus, one fact a line: {@code topic | year | source | text}. */
    public static final String RESOURCE = "facts.txt";

    /** The segment stored for this fact: its text, with topic, year (an Integer) and source as metadata. */
    public TextSegment segment() {
        return TextSegment.from(text, metadata());
    }

    /** The LangChain4j metadata of this fact. */
    public Metadata metadata() {
        return Metadata.from("topic", topic).put("year", year).put("source", source);
    }

    /**
     * Reads the corpus shipped in this module's jar.
     *
     * @throws IllegalStateException when a line does not have the four fields or its year is not a number
     */
    public static List<Fact> loadAll() {
        try (InputStream in = Fact.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("resource " + RESOURCE + " is missing from the class path");
            }
            return parse(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + RESOURCE + " failed", e);
        }
    }

    static List<Fact> parse(BufferedReader reader) throws IOException {
        List<Fact> facts = new ArrayList<>();
        String line;
        int lineNumber = 0;
        while ((line = reader.readLine()) != null) {
            lineNumber++;
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] fields = line.split("\\|", 4);
            if (fields.length != 4) {
                throw new IllegalStateException(RESOURCE + " line " + lineNumber + ": expected 'topic | year | source"
                        + " | text', got: " + line);
            }
            int year;
            try {
                year = Integer.parseInt(fields[1].trim());
            } catch (NumberFormatException e) {
                throw new IllegalStateException(RESOURCE + " line " + lineNumber + ": year '" + fields[1].trim()
                        + "' is not a whole number", e);
            }
            String id = String.format(Locale.ROOT, "fact-%03d", facts.size() + 1);
            facts.add(new Fact(id, fields[0].trim(), year, fields[2].trim(), fields[3].trim()));
        }
        return facts;
    }
}
