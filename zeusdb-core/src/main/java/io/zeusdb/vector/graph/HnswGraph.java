package io.zeusdb.vector.graph;

import io.zeusdb.vector.distance.NodeScorer;
import io.zeusdb.vector.distance.NodeSpace;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;

/**
 * A hierarchical navigable small-world graph over node numbers {@code 0..size-1}, with concurrent
 * insertion and lock-free search.
 *
 * <p>Layout: layer 0 is a flat {@code int[]} per chunk of 1,024 nodes, {@code 1 + 2m} ints per
 * node (count, then neighbours); upper layers, which only about one node in {@code m} has, are
 * small per-node arrays of {@code 1 + m} ints. Nothing on the search path is an object per edge.
 *
 * <p>Concurrency: the owner allocates and {@linkplain #prepare prepares} nodes, then
 * {@linkplain #publish publishes} them, single-threaded; any number of threads may then
 * {@linkplain #insert insert} (link) distinct published nodes while any number of threads
 * search. Neighbour lists are written under a striped lock and read without one: a reader may
 * see a list half-updated, but every entry it sees is a published node, which is all a search
 * needs. Searches ignore node numbers at or above the size they read when they started.
 *
 * <p>Internal: not part of the public API.
 */
public final class HnswGraph {

    /** Highest layer index; 16 layers in all (part of the on-disk contract). */
    public static final int MAX_LEVEL = 15;

    /** 1,024 nodes per chunk keeps a layer-0 chunk below G1's humongous threshold up to m = 64. */
    private static final int SHIFT = 10;
    private static final int CHUNK = 1 << SHIFT;
    private static final int MASK = CHUNK - 1;
    private static final int LOCK_STRIPES = 1024;
    private static final long NO_ENTRY = -1L;
    private static final int[][] NO_UPPER = new int[0][];

    private static final VarHandle ENTRY;

    static {
        try {
            ENTRY = MethodHandles.lookup().findVarHandle(HnswGraph.class, "entry", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final int m;
    private final int maxConn0;
    private final int stride0;
    private final int efConstruction;
    private final LevelGenerator levelGenerator;
    private final Object[] locks = new Object[LOCK_STRIPES];

    private volatile int[][] layer0 = new int[0][];
    private volatile byte[][] topLevels = new byte[0][];
    private volatile int[][][][] upper = new int[0][][][];
    private volatile int size;
    /** Entry node in the low 32 bits, its top level in the high 32; -1 when empty. */
    @SuppressWarnings("unused")
    private volatile long entry = NO_ENTRY;

    /**
     * @param m              the upper-layer degree cap; layer 0 allows {@code 2m}
     * @param efConstruction the candidate list width used while linking
     */
    public HnswGraph(int m, int efConstruction) {
        this.m = m;
        this.maxConn0 = 2 * m;
        this.stride0 = maxConn0 + 1;
        this.efConstruction = efConstruction;
        this.levelGenerator = new LevelGenerator(m);
        for (int i = 0; i < LOCK_STRIPES; i++) {
            locks[i] = new Object();
        }
    }

    public int m() {
        return m;
    }

    public int efConstruction() {
        return efConstruction;
    }

    /** Published node count. */
    public int size() {
        return size;
    }

    /** Node numbers the allocated chunks can hold. */
    public int capacity() {
        return layer0.length << SHIFT;
    }

    /** The top level a record with this internal id is drawn at. */
    public int levelFor(long internalId) {
        return levelGenerator.levelFor(internalId);
    }

    /** Allocates chunks until {@code nodes} fit. Owner only, before publishing. */
    public void ensureCapacity(int nodes) {
        int needed = (int) (((long) nodes + MASK) >>> SHIFT);
        int have = layer0.length;
        if (needed <= have) {
            return;
        }
        int[][] l0 = Arrays.copyOf(layer0, needed);
        byte[][] lv = Arrays.copyOf(topLevels, needed);
        int[][][][] up = Arrays.copyOf(upper, needed);
        for (int i = have; i < needed; i++) {
            l0[i] = new int[CHUNK * stride0];
            lv[i] = new byte[CHUNK];
            up[i] = new int[CHUNK][][];
        }
        // level and upper directories first: a reader that sees a new layer-0 chunk may look them up
        topLevels = lv;
        upper = up;
        layer0 = l0;
    }

    /** Gives {@code node} (not yet published) its top level and empty neighbour lists. */
    public void prepare(int node, int level) {
        if (level < 0 || level > MAX_LEVEL) {
            throw new IllegalArgumentException("level " + level + " outside 0.." + MAX_LEVEL);
        }
        topLevels[node >>> SHIFT][node & MASK] = (byte) level;
        upper[node >>> SHIFT][node & MASK] = level == 0 ? NO_UPPER : newUpperLists(level);
        layer0[node >>> SHIFT][(node & MASK) * stride0] = 0;
    }

    private int[][] newUpperLists(int level) {
        int[][] lists = new int[level][];
        for (int i = 0; i < level; i++) {
            lists[i] = new int[m + 1];
        }
        return lists;
    }

    /** Makes nodes below {@code newSize} visible to searches and insertions. */
    public void publish(int newSize) {
        VarHandle.releaseFence();
        size = newSize;
    }

    /** The top level of {@code node}. */
    public int topLevel(int node) {
        return topLevels[node >>> SHIFT][node & MASK];
    }

    /** The entry node, or -1 when the graph has none. */
    public int entryNode() {
        long e = entry;
        return e == NO_ENTRY ? -1 : (int) e;
    }

    /** The entry node's top level, or -1 when the graph has none. */
    public int entryLevel() {
        long e = entry;
        return e == NO_ENTRY ? -1 : (int) (e >>> 32);
    }

    /** Sets the entry point directly (loading a saved graph). */
    public void setEntry(int node, int level) {
        entry = node < 0 ? NO_ENTRY : pack(node, level);
    }

    private static long pack(int node, int level) {
        return ((long) level << 32) | (node & 0xffffffffL);
    }

    // ---------------------------------------------------------------- neighbour lists

    /** A copy of {@code node}'s neighbours on {@code level}. */
    public int[] neighbours(int node, int level) {
        int[] buf = new int[maxConn0];
        int n = copyNeighbours(node, level, buf, Integer.MAX_VALUE);
        return Arrays.copyOf(buf, n);
    }

    /** Replaces {@code node}'s neighbours on {@code level} (loading a saved graph). */
    public void setNeighbours(int node, int level, int[] neighbours, int count) {
        int cap = level == 0 ? maxConn0 : m;
        if (count > cap) {
            throw new IllegalArgumentException(count + " neighbours exceed the cap " + cap + " on level " + level);
        }
        synchronized (lockFor(node)) {
            int[] arr = listArray(node, level);
            int base = listBase(node, level);
            System.arraycopy(neighbours, 0, arr, base + 1, count);
            arr[base] = count;
        }
    }

    private int[] listArray(int node, int level) {
        return level == 0 ? layer0[node >>> SHIFT] : upper[node >>> SHIFT][node & MASK][level - 1];
    }

    private int listBase(int node, int level) {
        return level == 0 ? (node & MASK) * stride0 : 0;
    }

    private Object lockFor(int node) {
        return locks[node & (LOCK_STRIPES - 1)];
    }

    /**
     * Copies the neighbours of {@code node} on {@code level} into {@code buf}, dropping any at or
     * above {@code limit}; returns how many were copied.
     */
    private int copyNeighbours(int node, int level, int[] buf, int limit) {
        int[] arr;
        int base;
        if (level == 0) {
            arr = layer0[node >>> SHIFT];
            base = (node & MASK) * stride0;
        } else {
            int[][] lists = upper[node >>> SHIFT][node & MASK];
            if (lists == null || level > lists.length) {
                return 0;
            }
            arr = lists[level - 1];
            base = 0;
        }
        int count = Math.min(arr[base], level == 0 ? maxConn0 : m);
        int n = 0;
        for (int i = 1; i <= count; i++) {
            int nb = arr[base + i];
            if (nb < limit) {
                buf[n++] = nb;
            }
        }
        return n;
    }

    // ---------------------------------------------------------------- search

    /**
     * Searches layer 0 with width {@code ef} after a greedy descent through the upper layers.
     *
     * @param scorer   distances from the query
     * @param ef       the result list width (at least 1)
     * @param acceptor which nodes may take a result slot
     * @return up to {@code ef} accepted nodes, nearest first
     */
    public SearchHits search(NodeScorer scorer, int ef, NodeAcceptor acceptor) {
        int limit = size;
        SearchContext ctx = SearchContext.forThread(maxConn0);
        long key = descend(ctx, scorer, limit);
        if (key == NO_ENTRY) {
            return SearchHits.EMPTY;
        }
        int cur = NodeHeap.node(key);
        ctx.candidates.push(key);
        if (acceptor.accept(cur)) {
            ctx.results.pushMax(key);
        }
        searchLayer(ctx, scorer, 0, Math.max(1, ef), acceptor, limit);
        int n = drainAscending(ctx);
        return new SearchHits(Arrays.copyOf(ctx.nodes, n), Arrays.copyOf(ctx.distances, n), n);
    }

    /**
     * A filtered search that scores admitted nodes only. Expanding a node collects its admitted
     * neighbours, then the admitted neighbours of its non-admitted neighbours (two hops, after
     * ACORN-1), up to {@code maxConn0 + m} (3m) per expansion: a search that admits a fraction of the graph
     * then reads about as many vectors as an unfiltered one, where the plain filtered traversal
     * scores every neighbour and needs about 1/fraction times as many. Non-admitted nodes route but
     * are never scored. The upper layers are descended unfiltered (they only choose the entry).
     *
     * @return up to {@code ef} admitted nodes, nearest first
     */
    public SearchHits searchAdmittedOnly(NodeScorer scorer, int ef, NodeAcceptor acceptor) {
        int limit = size;
        SearchContext ctx = SearchContext.forThread(maxConn0);
        long key = descend(ctx, scorer, limit);
        if (key == NO_ENTRY) {
            return SearchHits.EMPTY;
        }
        int cur = NodeHeap.node(key);
        ctx.candidates.push(key); // the entry routes even when it is not admitted
        if (acceptor.accept(cur)) {
            ctx.results.pushMax(key);
        }
        ef = Math.max(1, ef);
        NodeHeap candidates = ctx.candidates;
        NodeHeap results = ctx.results;
        int[] buf = ctx.neighbours;
        int[] hop = ctx.hopNeighbours;
        int[] collected = ctx.collected;
        float[] dist = ctx.collectedDistances;
        int cap = maxConn0 + m; // measured: 2m loses recall at narrow widths, 3m keeps it at about the same cost
        float bound = results.size() >= ef ? NodeHeap.distance(results.peekMax()) : Float.POSITIVE_INFINITY;
        while (!candidates.isEmpty()) {
            long c = candidates.pop();
            if (NodeHeap.distance(c) > bound) {
                break;
            }
            int n = copyNeighbours(NodeHeap.node(c), 0, buf, limit);
            int fresh = 0;
            for (int i = 0; i < n; i++) {
                int nb = buf[i];
                if (acceptor.accept(nb) && ctx.visit(nb)) {
                    collected[fresh++] = nb;
                }
            }
            for (int i = 0; i < n && fresh < cap; i++) {
                int nb = buf[i];
                if (acceptor.accept(nb) || !ctx.visit(nb)) {
                    continue;
                }
                int m = copyNeighbours(nb, 0, hop, limit);
                for (int j = 0; j < m && fresh < cap; j++) {
                    int nb2 = hop[j];
                    if (acceptor.accept(nb2) && ctx.visit(nb2)) {
                        collected[fresh++] = nb2;
                    }
                }
            }
            scorer.distances(collected, fresh, dist);
            for (int i = 0; i < fresh; i++) {
                float d = dist[i];
                if (d < bound) {
                    long k = NodeHeap.encode(d, collected[i]);
                    candidates.push(k);
                    results.pushMax(k);
                    if (results.size() > ef) {
                        results.popMax();
                    }
                    if (results.size() >= ef) {
                        bound = NodeHeap.distance(results.peekMax());
                    }
                }
            }
        }
        int count = drainAscending(ctx);
        return new SearchHits(Arrays.copyOf(ctx.nodes, count), Arrays.copyOf(ctx.distances, count), count);
    }

    /**
     * Greedy descent from the entry point through the upper layers; then starts a fresh visited
     * set holding the node reached. Returns that node encoded with its distance, or
     * {@link #NO_ENTRY} for an empty graph.
     */
    private long descend(SearchContext ctx, NodeScorer scorer, int limit) {
        long e = entry;
        if (e == NO_ENTRY || limit == 0) {
            return NO_ENTRY;
        }
        int cur = (int) e;
        float curDist = scorer.distance(cur);
        for (int level = (int) (e >>> 32); level > 0; level--) {
            long best = greedy(ctx, scorer, cur, curDist, level, limit);
            cur = NodeHeap.node(best);
            curDist = NodeHeap.distance(best);
        }
        ctx.reset(limit);
        ctx.visit(cur);
        return NodeHeap.encode(curDist, cur);
    }

    /** Greedy walk on one upper layer: returns the encoded nearest node reached. */
    private long greedy(SearchContext ctx, NodeScorer scorer, int cur, float curDist, int level, int limit) {
        int[] buf = ctx.neighbours;
        boolean moved = true;
        while (moved) {
            moved = false;
            int n = copyNeighbours(cur, level, buf, limit);
            float[] dist = ctx.scratchDistances;
            scorer.distances(buf, n, dist);
            for (int i = 0; i < n; i++) {
                int nb = buf[i];
                float d = dist[i];
                if (d < curDist) {
                    curDist = d;
                    cur = nb;
                    moved = true;
                }
            }
        }
        return NodeHeap.encode(curDist, cur);
    }

    /**
     * Best-first search of one layer from the entries already in {@code ctx}'s heaps; on return
     * {@code ctx.results} holds the best {@code ef} accepted nodes found.
     */
    private void searchLayer(SearchContext ctx, NodeScorer scorer, int level, int ef, NodeAcceptor acceptor,
                             int limit) {
        NodeHeap candidates = ctx.candidates;
        NodeHeap results = ctx.results;
        int[] buf = ctx.neighbours;
        float bound = results.size() >= ef ? NodeHeap.distance(results.peekMax()) : Float.POSITIVE_INFINITY;
        while (!candidates.isEmpty()) {
            long c = candidates.pop();
            if (NodeHeap.distance(c) > bound) {
                break;
            }
            int n = copyNeighbours(NodeHeap.node(c), level, buf, limit);
            int fresh = 0;
            for (int i = 0; i < n; i++) {
                int nb = buf[i];
                if (ctx.visit(nb)) {
                    buf[fresh++] = nb;
                }
            }
            // scoring the unvisited neighbours together lets their vectors load in parallel
            float[] dist = ctx.scratchDistances;
            scorer.distances(buf, fresh, dist);
            for (int i = 0; i < fresh; i++) {
                int nb = buf[i];
                float d = dist[i];
                if (d < bound) {
                    long key = NodeHeap.encode(d, nb);
                    candidates.push(key);
                    if (acceptor == null || acceptor.accept(nb)) {
                        results.pushMax(key);
                        if (results.size() > ef) {
                            results.popMax();
                        }
                        if (results.size() >= ef) {
                            bound = NodeHeap.distance(results.peekMax());
                        }
                    }
                }
            }
        }
    }

    /** Empties {@code ctx.results} into {@code ctx.nodes}/{@code ctx.distances}, nearest first. */
    private static int drainAscending(SearchContext ctx) {
        NodeHeap results = ctx.results;
        int n = results.size();
        ctx.ensureNodeBuffer(n);
        for (int i = n - 1; i >= 0; i--) {
            long key = results.popMax();
            ctx.nodes[i] = NodeHeap.node(key);
            ctx.distances[i] = NodeHeap.distance(key);
        }
        return n;
    }

    // ---------------------------------------------------------------- insertion

    /**
     * Links the published node {@code node} into the graph. Safe to call from several threads at
     * once for distinct nodes, and concurrently with searches.
     *
     * @param space distances between stored nodes
     */
    public void insert(int node, NodeSpace space) {
        int level = topLevel(node);
        long e;
        while ((e = entry) == NO_ENTRY) {
            if (ENTRY.compareAndSet(this, NO_ENTRY, pack(node, level))) {
                return;
            }
        }
        int limit = size;
        SearchContext ctx = SearchContext.forThread(maxConn0);
        NodeScorer scorer = space.scorerOf(node);
        int cur = (int) e;
        int entryLevel = (int) (e >>> 32);
        float curDist = scorer.distance(cur);
        float self = scorer.distance(node);
        for (int l = entryLevel; l > level; l--) {
            long best = greedy(ctx, scorer, cur, curDist, l, limit);
            cur = NodeHeap.node(best);
            curDist = NodeHeap.distance(best);
        }
        ctx.reset(limit);
        ctx.visit(node);
        ctx.visit(cur);
        long key = NodeHeap.encode(curDist, cur);
        ctx.candidates.push(key);
        ctx.results.pushMax(key);
        // Phase 1, top down: choose this node's neighbours on every layer. Nothing links to the
        // node yet, so no search can reach it while its own lists are still empty.
        int top = Math.min(level, entryLevel);
        for (int l = top; l >= 0; l--) {
            searchLayer(ctx, scorer, l, efConstruction, null, limit);
            int n = drainAscending(ctx);
            int maxConn = l == 0 ? maxConn0 : m;
            int selected = selectDiverse(ctx, n, maxConn, space, node, self);
            ctx.keepSelection(l, selected);
            if (l > 0) {
                // every candidate of this layer seeds the next one down
                ctx.reset(limit);
                ctx.visit(node);
                for (int i = 0; i < n; i++) {
                    int c = ctx.nodes[i];
                    ctx.visit(c);
                    long k = NodeHeap.encode(ctx.distances[i], c);
                    ctx.candidates.push(k);
                    ctx.results.pushMax(k);
                }
            }
        }
        // Phase 2: the node's own lists on every layer, then the links back to it, so that a
        // search arriving through a back link always finds the node fully wired.
        for (int l = top; l >= 0; l--) {
            int[] chosen = ctx.layerSelections[l];
            float[] dist = ctx.layerDistances[l];
            for (int i = 0; i < ctx.layerCounts[l]; i++) {
                link(node, chosen[i], dist[i], l, space, ctx);
            }
        }
        for (int l = 0; l <= top; l++) {
            int[] chosen = ctx.layerSelections[l];
            float[] dist = ctx.layerDistances[l];
            for (int i = 0; i < ctx.layerCounts[l]; i++) {
                link(chosen[i], node, dist[i], l, space, ctx);
            }
        }
        while (level > entryLevel) {
            if (ENTRY.compareAndSet(this, e, pack(node, level))) {
                break;
            }
            e = entry;
            entryLevel = (int) (e >>> 32);
        }
    }

    /**
     * The HNSW neighbour-selection heuristic: walking candidates nearest first, keep one only if
     * it is nearer to the base than to every neighbour kept so far. Reads the first {@code n}
     * candidates of {@code ctx.nodes}/{@code ctx.distances} (sorted ascending), writes the kept ones
     * into {@code ctx.selected}/{@code ctx.selectedDistances} and returns how many.
     */
    private static int selectDiverse(SearchContext ctx, int n, int maxConn, NodeSpace space, int base, float self) {
        int[] nodes = ctx.nodes;
        float[] distances = ctx.distances;
        int[] out = ctx.selected;
        float[] outDist = ctx.selectedDistances;
        rotateTies(nodes, distances, n, base);
        int duplicateCap = duplicateCap(maxConn);
        int duplicates = 0;
        int kept = 0;
        for (int i = 0; i < n && kept < maxConn; i++) {
            int c = nodes[i];
            float dc = distances[i];
            if (dc <= self) {
                // an exact copy of the base: copies dominate nothing, so without a cap a run of
                // more than 2m identical vectors would fill every list with each other and close off
                if (duplicates == duplicateCap) {
                    continue;
                }
                duplicates++;
                out[kept] = c;
                outDist[kept] = dc;
                kept++;
                continue;
            }
            boolean diverse = true;
            for (int j = 0; j < kept; j++) {
                if (space.distanceBetween(c, out[j]) < dc) {
                    diverse = false;
                    break;
                }
            }
            if (diverse) {
                out[kept] = c;
                outDist[kept] = dc;
                kept++;
            }
        }
        // A floor on out-degree: when one candidate dominates all others (a hub such as the zero
        // vector under l2, near everything) the heuristic alone keeps just that one, and nodes
        // reachable only through such lists are lost. Top up with the nearest pruned candidates.
        int floor = Math.min(n, Math.max(2, maxConn / 4));
        for (int i = 0; i < n && kept < floor; i++) {
            int c = nodes[i];
            boolean present = false;
            for (int j = 0; j < kept && !present; j++) {
                present = out[j] == c;
            }
            boolean copy = distances[i] <= self;
            if (!present && (!copy || duplicates < duplicateCap)) {
                out[kept] = c;
                outDist[kept] = distances[i];
                kept++;
                if (copy) {
                    duplicates++;
                }
            }
        }
        return kept;
    }

    /** How many exact copies of a node its list on a layer may hold: a quarter of the slots. */
    private static int duplicateCap(int maxConn) {
        return Math.max(1, maxConn / 4);
    }

    /**
     * Rotates each run of equal distances by an amount derived from the base node, so that among
     * identical vectors different nodes choose different copies (a random graph over the copies,
     * which stays connected) instead of all choosing the lowest-numbered one. Deterministic.
     */
    private static void rotateTies(int[] nodes, float[] distances, int n, int base) {
        for (int i = 0; i < n; ) {
            int j = i + 1;
            while (j < n && distances[j] == distances[i]) {
                j++;
            }
            int run = j - i;
            if (run > 1) {
                int shift = (int) Long.remainderUnsigned((base + 1L) * 0x9E3779B97F4A7C15L >>> 17, run);
                if (shift != 0) {
                    int[] tmp = java.util.Arrays.copyOfRange(nodes, i, j);
                    for (int t = 0; t < run; t++) {
                        nodes[i + t] = tmp[(t + shift) % run];
                    }
                }
            }
            i = j;
        }
    }

    /** Adds {@code to} to {@code from}'s list on {@code level}, pruning by the heuristic when full. */
    private void link(int from, int to, float distance, int level, NodeSpace space, SearchContext ctx) {
        int maxConn = level == 0 ? maxConn0 : m;
        synchronized (lockFor(from)) {
            int[] arr = listArray(from, level);
            int base = listBase(from, level);
            int count = arr[base];
            for (int i = 1; i <= count; i++) {
                if (arr[base + i] == to) {
                    return;
                }
            }
            if (count < maxConn) {
                arr[base + count + 1] = to;
                arr[base] = count + 1;
                return;
            }
            // Full: drop the least diverse of the current neighbours plus the newcomer. The current
            // neighbours were diverse among themselves when chosen, so only pairs involving the
            // newcomer can have changed that: about 2m distances instead of re-running the
            // quadratic heuristic over the whole list.
            int[] cand = ctx.pruneNodes;
            float[] dist = ctx.pruneDistances;
            int n = 0;
            System.arraycopy(arr, base + 1, cand, 0, count);
            space.scorerOf(from).distances(cand, count, dist);
            n = count;
            sortByDistance(cand, dist, n);
            int p = n;
            while (p > 0 && dist[p - 1] > distance) {
                cand[p] = cand[p - 1];
                dist[p] = dist[p - 1];
                p--;
            }
            cand[p] = to;
            dist[p] = distance;
            n++;
            float self = space.distanceBetween(from, from);
            int copies = 0;
            while (copies < n && dist[copies] <= self) {
                copies++;
            }
            int victim = n - 1;
            if (copies > duplicateCap(maxConn)) {
                // too many exact copies of 'from': drop one (the newcomer if it is one), keeping
                // slots for neighbours that lead somewhere else
                victim = distance <= self ? p : copies - 1;
            } else
            for (int i = n - 1; i >= p; i--) {
                if (i == p) {
                    boolean dominated = false;
                    for (int j = 0; j < p && !dominated; j++) {
                        dominated = space.distanceBetween(to, cand[j]) < distance;
                    }
                    if (dominated) {
                        victim = p;
                        break;
                    }
                } else if (space.distanceBetween(cand[i], to) < dist[i]) {
                    victim = i;
                    break;
                }
            }
            int w = base + 1;
            for (int i = 0; i < n; i++) {
                if (i != victim) {
                    arr[w++] = cand[i];
                }
            }
            arr[base] = n - 1;
        }
    }

    /** Insertion sort by distance, then node; lists are at most 2m + 1 long. */
    private static void sortByDistance(int[] nodes, float[] dist, int n) {
        for (int i = 1; i < n; i++) {
            int node = nodes[i];
            float d = dist[i];
            int j = i - 1;
            while (j >= 0 && (dist[j] > d || (dist[j] == d && nodes[j] > node))) {
                nodes[j + 1] = nodes[j];
                dist[j + 1] = dist[j];
                j--;
            }
            nodes[j + 1] = node;
            dist[j + 1] = d;
        }
    }

    // ---------------------------------------------------------------- accounting

    /** Bytes held by the graph's arrays (capacity, not use). */
    public long bytes() {
        long bytes = (long) layer0.length * CHUNK * stride0 * Integer.BYTES;
        bytes += (long) topLevels.length * CHUNK;
        bytes += (long) upper.length * (16 + (long) CHUNK * 4);
        int limit = size;
        for (int node = 0; node < limit; node++) {
            int level = topLevel(node);
            if (level > 0) {
                bytes += 16 + 4L * level + level * (16 + 4L * (m + 1));
            }
        }
        return bytes;
    }

    /** Edge slots in use on every layer. */
    public long edgeCount() {
        long edges = 0;
        int limit = size;
        for (int node = 0; node < limit; node++) {
            int top = topLevel(node);
            for (int l = 0; l <= top; l++) {
                edges += listArray(node, l)[listBase(node, l)];
            }
        }
        return edges;
    }

    /** Drops chunks beyond those the published nodes need; returns the bytes released. */
    public long trimToSize() {
        int needed = (int) (((long) size + MASK) >>> SHIFT);
        int have = layer0.length;
        if (needed >= have) {
            return 0;
        }
        long before = bytes();
        topLevels = Arrays.copyOf(topLevels, needed);
        upper = Arrays.copyOf(upper, needed);
        layer0 = Arrays.copyOf(layer0, needed);
        return before - bytes();
    }
}
