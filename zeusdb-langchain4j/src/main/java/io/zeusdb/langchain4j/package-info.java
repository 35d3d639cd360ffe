/**
 * ZeusDB as a LangChain4j embedding store: {@link io.zeusdb.langchain4j.ZeusDbEmbeddingStore}.
 *
 * <pre>{@code
 * EmbeddingStore<TextSegment> store = ZeusDbEmbeddingStore.builder().dimension(384).build();
 * }</pre>
 *
 * <p>Only the store and its builder are public; the metadata layout, the score mapping and the
 * filter translation are package-private and described in docs/langchain4j.md.
 */
package io.zeusdb.langchain4j;
