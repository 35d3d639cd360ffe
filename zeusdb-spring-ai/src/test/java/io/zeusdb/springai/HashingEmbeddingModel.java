package io.zeusdb.springai;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.springframework.ai.document.Document;
import org.springframework.ai.embedding.Embedding;
import org.springframework.ai.embedding.EmbeddingModel;
import org.springframework.ai.embedding.EmbeddingRequest;
import org.springframework.ai.embedding.EmbeddingResponse;

/**
 * A deterministic bag-of-words embedding for tests: every lower-cased word adds one to a bucket
 * chosen by a hash of the word. Texts sharing words are close in cosine; no model is downloaded.
 * Counts are non-negative, so cosine similarities are too (SimpleVectorStore, used as the oracle,
 * drops negative similarities at its default threshold). A text without words embeds to a unit
 * vector on bucket 0 rather than the zero vector.
 */
class HashingEmbeddingModel implements EmbeddingModel {

    private final int dimensions;
    /** How many times the model was called (one call per batch). */
    int calls;

    HashingEmbeddingModel(int dimensions) {
        this.dimensions = dimensions;
    }

    static float[] embedText(String text, int dimensions) {
        float[] v = new float[dimensions];
        boolean any = false;
        for (String word : text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
            if (!word.isEmpty()) {
                int h = word.hashCode() * 0x9E3779B1;
                v[Math.floorMod(h ^ (h >>> 16), dimensions)] += 1f;
                any = true;
            }
        }
        if (!any) {
            v[0] = 1f;
        }
        return v;
    }

    @Override
    public EmbeddingResponse call(EmbeddingRequest request) {
        calls++;
        List<Embedding> out = new ArrayList<>();
        List<String> texts = request.getInstructions();
        for (int i = 0; i < texts.size(); i++) {
            out.add(new Embedding(embedText(texts.get(i), dimensions), i));
        }
        return new EmbeddingResponse(out);
    }

    @Override
    public float[] embed(Document document) {
        return embedText(document.getText(), dimensions);
    }

    @Override
    public int dimensions() {
        return dimensions;
    }
}
