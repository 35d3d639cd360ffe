package io.zeusdb.langchain4j;

/** Public access to the package-private test model, for tests in other packages. */
public final class TestModels {

    public static final int DIMENSION = HashingEmbeddingModel.DIMENSION;

    private TestModels() {}

    public static float[] hashing(String text) {
        return HashingEmbeddingModel.vector(text);
    }
}
