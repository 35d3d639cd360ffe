package io.zeusdb.vector;

import java.math.BigInteger;

/** Fixed limits of the reference (section 1.4) and the shared checks that enforce them. */
final class Limits {

    static final int MAX_DIM = 65_536;
    static final int MIN_M = 2;
    static final int MAX_M = 256;
    static final int MAX_EF_CONSTRUCTION = 4_096;
    static final int MAX_EXPECTED_SIZE = 100_000_000;
    static final int MAX_TOP_K = 65_536;
    static final int MAX_EF_SEARCH = 131_072;
    static final int MAX_INDEXED_FIELDS = 32;

    private Limits() {}

    /**
     * Reads an integer parameter from the Map forms: any integral {@code Number} in int range;
     * booleans, floating point and strings are refused naming the parameter.
     */
    static Integer intParam(String name, Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Integer i) {
            return i;
        }
        if (value instanceof Long || value instanceof Short || value instanceof Byte || value instanceof BigInteger) {
            BigInteger b = value instanceof BigInteger bi ? bi : BigInteger.valueOf(((Number) value).longValue());
            if (b.bitLength() > 31) {
                throw new IllegalArgumentException(name + " must fit a 32-bit integer, got " + value);
            }
            return b.intValue();
        }
        throw new IllegalArgumentException(name + " must be an integer, got " + value.getClass().getSimpleName());
    }

    static void checkTopK(int topK) {
        if (topK < 0) {
            throw new IllegalArgumentException("top_k must be non-negative, got " + topK);
        }
        if (topK > MAX_TOP_K) {
            throw new IllegalArgumentException("top_k must be at most " + MAX_TOP_K + ", got " + topK);
        }
    }

    static void checkEfSearch(Integer ef) {
        if (ef == null) {
            return;
        }
        if (ef < 0) {
            throw new IllegalArgumentException("ef_search must be non-negative, got " + ef);
        }
        if (ef > MAX_EF_SEARCH) {
            throw new IllegalArgumentException("ef_search must be at most " + MAX_EF_SEARCH + ", got " + ef);
        }
    }

    static void checkRerank(Integer rerank) {
        if (rerank != null && rerank < 0) {
            throw new IllegalArgumentException("rerank must be non-negative, got " + rerank);
        }
    }
}
