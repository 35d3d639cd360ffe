package io.zeusdb.langchain4j;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.output.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A deterministic embedding model for tests: a hashed bag of words and character trigrams,
 * normalised to unit length. Texts sharing words land close together, different texts apart, and
 * nothing is downloaded. Like sentence-embedding models it emits unit vectors; the norm is
 * accumulated in double, as ZeusDB's cosine normalisation does, so storing a vector under cosine
 * keeps every bit.
 */
final class HashingEmbeddingModel implements EmbeddingModel {

    static final int DIMENSION = 64;

    @Override
    public Response<List<Embedding>> embedAll(List<TextSegment> segments) {
        List<Embedding> out = new ArrayList<>(segments.size());
        for (TextSegment segment : segments) {
            out.add(Embedding.from(vector(segment.text())));
        }
        return Response.from(out);
    }

    @Override
    public int dimension() {
        return DIMENSION;
    }

    static float[] vector(String text) {
        float[] v = new float[DIMENSION];
        for (String word : text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
            if (word.isEmpty()) {
                continue;
            }
            add(v, "w:" + word, 2f);
            String padded = "#" + word + "#";
            for (int i = 0; i + 3 <= padded.length(); i++) {
                add(v, "t:" + padded.substring(i, i + 3), 1f);
            }
        }
        double sum = 0;
        for (float x : v) {
            sum += (double) x * x;
        }
        if (sum == 0) {
            v[0] = 1f; // a text without words still gets a valid unit vector
            return v;
        }
        double inv = 1.0 / Math.sqrt(sum);
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) (v[i] * inv);
        }
        return v;
    }

    /** Adds {@code weight} at the feature's hashed position, with a hashed sign. */
    private static void add(float[] v, String feature, float weight) {
        int h = mix(feature.hashCode());
        v[Math.floorMod(h, DIMENSION)] += (h & 0x4000_0000) != 0 ? weight : -weight;
    }

    /** Spreads String.hashCode's bits (murmur3's finaliser) so positions and signs are independent. */
    private static int mix(int h) {
        h ^= h >>> 16;
        h *= 0x85eb_ca6b;
        h ^= h >>> 13;
        h *= 0xc2b2_ae35;
        return h ^ (h >>> 16);
    }
}
