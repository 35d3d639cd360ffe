/**
 * Runnable examples of ZeusDB with real models: {@link io.zeusdb.examples.RagDemo}
 * ({@code ./zdb rag-demo}) embeds a corpus of short facts with all-MiniLM-L6-v2 in-process and
 * serves it from a saved and reloaded {@link io.zeusdb.langchain4j.ZeusDbEmbeddingStore}.
 */
package io.zeusdb.examples;
