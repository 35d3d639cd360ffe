/**
 * Spring AI integration: {@link io.zeusdb.springai.ZeusDbVectorStore}, a
 * {@code org.springframework.ai.vectorstore.VectorStore} on an embedded ZeusDB index.
 *
 * <pre>{@code
 * VectorStore store = ZeusDbVectorStore.builder(embeddingModel).build();
 * store.add(documents);
 * store.similaritySearch(SearchRequest.builder().query("...").filterExpression("year >= 2020").build());
 * }</pre>
 */
package io.zeusdb.springai;
