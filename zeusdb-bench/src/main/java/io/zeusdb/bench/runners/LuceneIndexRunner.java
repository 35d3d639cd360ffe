package io.zeusdb.bench.runners;

import io.zeusdb.bench.Dataset;
import io.zeusdb.bench.FilterSpec;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.lucene.codecs.KnnVectorsFormat;
import org.apache.lucene.codecs.lucene104.Lucene104Codec;
import org.apache.lucene.codecs.lucene99.Lucene99HnswVectorsFormat;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.util.BytesRef;

/**
 * Lucene as an application uses it: an in-memory {@link ByteBuffersDirectory} written by an
 * {@link IndexWriter} (one document per row: a {@link KnnFloatVectorField}, the filter field as a
 * {@link StringField}, the row as doc values), force-merged to one segment, searched with
 * {@link KnnFloatVectorQuery} asking for ef hits (Lucene's k is its beam) and keeping the best k,
 * optionally with a filter query.
 *
 * <p>With N threads, N writer threads each fill their own segment and the final merge rebuilds one
 * graph with N merge workers: what a multi-threaded indexer gets.
 */
public final class LuceneIndexRunner implements AnnRunner {

    private static final String VECTOR = "vector";
    private static final String ROW = "row";

    private ByteBuffersDirectory dir;
    private DirectoryReader reader;
    private IndexSearcher searcher;
    /** docID -> row, read once from doc values (an application keeps its ids the same way). */
    private int[] rowOfDoc;
    private Query filter;

    @Override
    public String name() {
        return "lucene-index";
    }

    @Override
    public String describe() {
        return "Lucene " + org.apache.lucene.util.Version.LATEST + " IndexWriter on ByteBuffersDirectory,"
                + " Lucene99HnswVectorsFormat(m, efc, mergeWorkers=N), forceMerge(1), KnnFloatVectorQuery(k=ef)"
                + " [+ TermQuery/TermInSetQuery filter on a StringField]";
    }

    @Override
    public void build(float[][] vectors, List<String> fieldValues, int m, int efConstruction, int threads)
            throws Exception {
        int n = vectors.length;
        ExecutorService mergePool = threads > 1 ? Executors.newFixedThreadPool(threads) : null;
        KnnVectorsFormat format = new Lucene99HnswVectorsFormat(m, efConstruction, Math.max(1, threads), mergePool);
        IndexWriterConfig cfg = new IndexWriterConfig()
                .setCodec(new Lucene104Codec() {
                    @Override
                    public KnnVectorsFormat getKnnVectorsFormatForField(String field) {
                        return format;
                    }
                })
                // one flush per writer thread: the graph is built while documents arrive, never rebuilt
                // by intermediate flushes and merges
                .setRAMBufferSizeMB(4096)
                .setMaxBufferedDocs(IndexWriterConfig.DISABLE_AUTO_FLUSH)
                .setUseCompoundFile(false);
        dir = new ByteBuffersDirectory();
        try (IndexWriter writer = new IndexWriter(dir, cfg)) {
            ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads));
            try {
                List<Future<?>> parts = new ArrayList<>();
                int per = (n + threads - 1) / Math.max(1, threads);
                for (int t = 0; t < Math.max(1, threads); t++) {
                    int from = t * per;
                    int to = Math.min(n, from + per);
                    parts.add(pool.submit(() -> {
                        for (int i = from; i < to; i++) {
                            writer.addDocument(document(i, vectors[i], fieldValues));
                        }
                        return null;
                    }));
                }
                for (Future<?> f : parts) {
                    f.get();
                }
            } finally {
                pool.shutdown();
            }
            writer.forceMerge(1);
            writer.commit();
        } finally {
            if (mergePool != null) {
                mergePool.shutdown();
            }
        }
        reader = DirectoryReader.open(dir);
        searcher = new IndexSearcher(reader); // no executor: a query runs on the calling thread
        rowOfDoc = readRows(reader, n);
    }

    private static Document document(int row, float[] vector, List<String> fieldValues) {
        Document doc = new Document();
        doc.add(new KnnFloatVectorField(VECTOR, vector, VectorSimilarityFunction.DOT_PRODUCT));
        doc.add(new NumericDocValuesField(ROW, row));
        if (fieldValues != null) {
            doc.add(new StringField(Dataset.FILTER_FIELD, fieldValues.get(row), Field.Store.NO));
        }
        return doc;
    }

    private static int[] readRows(DirectoryReader reader, int n) throws IOException {
        if (reader.leaves().size() != 1) {
            throw new IllegalStateException("expected one segment after forceMerge(1), got " + reader.leaves().size());
        }
        int[] rows = new int[reader.maxDoc()];
        for (LeafReaderContext leaf : reader.leaves()) {
            NumericDocValues dv = leaf.reader().getNumericDocValues(ROW);
            for (int doc = dv.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = dv.nextDoc()) {
                rows[leaf.docBase + doc] = (int) dv.longValue();
            }
        }
        return rows;
    }

    @Override
    public int[] search(float[] query, int k, int ef) throws IOException {
        return rows(searcher.search(new KnnFloatVectorQuery(VECTOR, query, ef), k));
    }

    @Override
    public boolean supportsFilter() {
        return true;
    }

    @Override
    public void prepareFilter(FilterSpec spec) {
        List<BytesRef> terms = new ArrayList<>();
        for (String v : spec.values()) {
            terms.add(new BytesRef(v));
        }
        filter = terms.size() == 1
                ? new TermQuery(new Term(Dataset.FILTER_FIELD, terms.get(0)))
                : new TermInSetQuery(Dataset.FILTER_FIELD, terms);
    }

    @Override
    public int[] searchFiltered(float[] query, int k, int ef) throws IOException {
        return rows(searcher.search(new KnnFloatVectorQuery(VECTOR, query, ef, filter), k));
    }

    private int[] rows(TopDocs top) {
        ScoreDoc[] docs = top.scoreDocs;
        int[] out = new int[docs.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = rowOfDoc[docs[i].doc];
        }
        return out;
    }

    @Override
    public long reportedBytes() {
        // the index files' bytes: what the directory holds on the heap, without Lucene's readers
        try {
            long sum = 0;
            for (String file : dir.listAll()) {
                sum += dir.fileLength(file);
            }
            return sum;
        } catch (IOException e) {
            return -1;
        }
    }

    @Override
    public void close() throws IOException {
        if (reader != null) {
            reader.close();
        }
        if (dir != null) {
            dir.close();
        }
        reader = null;
        dir = null;
        searcher = null;
    }
}
