package io.zeusdb.vector;

import io.zeusdb.vector.filter.FilterCompiler;
import io.zeusdb.vector.filter.MetadataPredicate;
import java.util.Map;
import java.util.Set;

/**
 * Immutable options of one search: page size, metadata filter, traversal width, whether to
 * return vectors, and the rerank factor of quantized indexes. Each setter returns a new object.
 *
 * <pre>{@code
 * SearchOptions opts = SearchOptions.topK(5).filter(Map.of("lang", "en")).efSearch(200).returnVector(true);
 * List<SearchResult> hits = index.search(query, opts);
 * SearchOptions same = SearchOptions.fromMap(Map.of("top_k", 5, "ef_search", 200));
 * }</pre>
 *
 * <p>{@code top_k} is at most 65,536 and {@code ef_search} at most 131,072; negative values are
 * refused. The default {@code ef_search} is {@code max(2*top_k, 100)} for cosine and dot and
 * {@code max(2*top_k, 150)} for l1 and l2; the traversal width is never below {@code top_k}.
 */
public final class SearchOptions {

    private static final Set<String> KEYS = Set.of("top_k", "filter", "ef_search", "return_vector", "rerank");

    private final int topK;
    private final Object filterSpec;
    private final MetadataPredicate filter;
    private final Integer efSearch;
    private final boolean returnVector;
    private final Integer rerank;

    private SearchOptions(int topK, Object filterSpec, MetadataPredicate filter, Integer efSearch,
                          boolean returnVector, Integer rerank) {
        this.topK = topK;
        this.filterSpec = filterSpec;
        this.filter = filter;
        this.efSearch = efSearch;
        this.returnVector = returnVector;
        this.rerank = rerank;
    }

    /** Options with page size {@code topK} and every other option at its default. */
    public static SearchOptions topK(int topK) {
        Limits.checkTopK(topK);
        return new SearchOptions(topK, null, null, null, false, null);
    }

    /** The defaults: {@code top_k} 10, no filter. */
    public static SearchOptions defaults() {
        return topK(10);
    }

    /**
     * Options from upstream's keyword names: {@code top_k}, {@code filter}, {@code ef_search},
     * {@code return_vector}, {@code rerank}. An unknown key is refused.
     */
    public static SearchOptions fromMap(Map<String, ?> options) {
        if (options == null) {
            throw new IllegalArgumentException("options cannot be null");
        }
        for (String key : options.keySet()) {
            if (!KEYS.contains(key)) {
                throw new IllegalArgumentException("Unknown search option '" + key
                        + "'. Accepted keys: top_k, filter, ef_search, return_vector, rerank");
            }
        }
        Integer k = Limits.intParam("top_k", options.get("top_k"));
        SearchOptions o = topK(k == null ? 10 : k);
        if (options.get("filter") != null) {
            o = o.withFilterSpec(options.get("filter"));
        }
        o = o.efSearch(Limits.intParam("ef_search", options.get("ef_search")));
        Object rv = options.get("return_vector");
        if (rv != null) {
            if (!(rv instanceof Boolean b)) {
                throw new IllegalArgumentException("return_vector must be a boolean, got "
                        + rv.getClass().getSimpleName());
            }
            o = o.returnVector(b);
        }
        return o.rerank(Limits.intParam("rerank", options.get("rerank")));
    }

    /** The same options with another page size. */
    public SearchOptions withTopK(int topK) {
        Limits.checkTopK(topK);
        return new SearchOptions(topK, filterSpec, filter, efSearch, returnVector, rerank);
    }

    /** Filters by metadata, Map form (see {@link Filter}); {@code null} or empty matches all. */
    public SearchOptions filter(Map<String, ?> filter) {
        return withFilterSpec(filter);
    }

    /** Filters by metadata, typed form. */
    public SearchOptions filter(Filter filter) {
        return withFilterSpec(filter);
    }

    /** Filters by metadata, JSON text of the Map form. */
    public SearchOptions filter(String json) {
        return withFilterSpec(json);
    }

    private SearchOptions withFilterSpec(Object spec) {
        MetadataPredicate compiled = spec == null ? null : FilterCompiler.compile(spec);
        return new SearchOptions(topK, spec, compiled, efSearch, returnVector, rerank);
    }

    /** The traversal width; {@code null} restores the default rule. */
    public SearchOptions efSearch(Integer efSearch) {
        Limits.checkEfSearch(efSearch);
        return new SearchOptions(topK, filterSpec, filter, efSearch, returnVector, rerank);
    }

    /** Whether hits carry their stored vectors. */
    public SearchOptions returnVector(boolean returnVector) {
        return new SearchOptions(topK, filterSpec, filter, efSearch, returnVector, rerank);
    }

    /** Rerank factor for quantized indexes ({@code null} = calibrated default, 0 = none). */
    public SearchOptions rerank(Integer rerank) {
        Limits.checkRerank(rerank);
        return new SearchOptions(topK, filterSpec, filter, efSearch, returnVector, rerank);
    }

    /** Results wanted per query. */
    public int topK() {
        return topK;
    }

    /** Traversal width, or {@code null} for the default ({@code max(2 * topK, 100)}, 150 under l1/l2). */
    public Integer efSearch() {
        return efSearch;
    }

    /** Whether results carry the stored vectors. */
    public boolean returnVector() {
        return returnVector;
    }

    /** Rerank factor for quantized indexes ({@code null} = calibrated default, 0 = none). */
    public Integer rerank() {
        return rerank;
    }

    /** The filter as given (Map, {@link Filter} or JSON text), or {@code null}. */
    public Object filterSpec() {
        return filterSpec;
    }

    MetadataPredicate compiledFilter() {
        return filter;
    }

    @Override
    public String toString() {
        return "SearchOptions(top_k=" + topK + ", filter=" + filterSpec + ", ef_search=" + efSearch
                + ", return_vector=" + returnVector + ", rerank=" + rerank + ")";
    }
}
