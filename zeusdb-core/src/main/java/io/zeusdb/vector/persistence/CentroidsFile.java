package io.zeusdb.vector.persistence;

import io.zeusdb.vector.distance.Metric;
import io.zeusdb.vector.quantization.PqCodebook;
import java.io.IOException;
import java.nio.file.Path;

/**
 * {@code pq_centroids.bin}: the trained codebook (reference 12.7).
 *
 * <pre>
 * prefix   "ZDB-CENT", u32 version 1, u32 flags 0
 * u32      subvectors
 * u32      centroids per subvector (2^bits)
 * u32      sub_dim (dim / subvectors)
 * u32      0
 * subvectors x centroids x sub_dim f32: [subvector][centroid][component]
 * </pre>
 *
 * <p>Internal: not part of the public API.
 */
final class CentroidsFile {

    private CentroidsFile() {}

    static FileDigest write(Path dir, PqCodebook book) throws IOException {
        try (BinaryOut out = BinaryOut.create(dir, ZdbLayout.PQ_CENTROIDS)) {
            out.prefix(ZdbLayout.MAGIC_CENTROIDS);
            out.u32(book.subvectors());
            out.u32(book.centroids());
            out.u32(book.subDim());
            out.u32(0);
            float[] t = book.centroidTable();
            out.f32s(t, 0, t.length);
            return out.finish();
        }
    }

    /** Reads the codebook after checking its shape against {@code quantization.json}'s. */
    static PqCodebook read(Path dir, int dim, int subvectors, int bits, Metric metric) throws IOException {
        try (BinaryIn in = BinaryIn.open(dir, ZdbLayout.PQ_CENTROIDS)) {
            in.prefix(ZdbLayout.MAGIC_CENTROIDS);
            long s = in.u32("subvectors");
            long k = in.u32("centroids");
            long subDim = in.u32("sub_dim");
            long reserved = in.u32("reserved field");
            if (s != subvectors || k != (1L << bits) || subDim != dim / subvectors) {
                throw in.problem("holds " + s + " subvectors x " + k + " centroids x " + subDim
                        + " components, but quantization.json describes " + subvectors + " x " + (1 << bits)
                        + " x " + dim / subvectors + "; it belongs to a different index");
            }
            if (reserved != 0) {
                throw in.problem("the reserved field is " + reserved + " where 0 is required");
            }
            long floats = s * k * subDim;
            if (in.remaining() != floats * Float.BYTES) {
                throw in.problem("holds " + in.remaining() + " bytes of centroids but " + s + " x " + k + " x "
                        + subDim + " floats need exactly " + floats * Float.BYTES);
            }
            float[] table = new float[(int) floats];
            in.f32s(table, 0, table.length, "the centroids");
            in.expectEnd();
            if (!VectorsFile.allFinite(table)) {
                throw in.problem("holds a non-finite centroid value (NaN or infinity)");
            }
            boolean allZero = true;
            for (float v : table) {
                if (v != 0f) {
                    allZero = false;
                    break;
                }
            }
            if (allZero) {
                throw in.problem("every centroid is zero; a trained codebook never is (the file was blanked)");
            }
            return new PqCodebook(dim, subvectors, bits, metric, table);
        }
    }
}
