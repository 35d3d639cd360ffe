/**
 * Reading and writing saved indexes: the {@code .zdb} directory format (manifest, JSON and binary
 * artefacts), the atomic save procedure and the verified load.
 *
 * <p>Internal: the public classes here are implementation details of
 * {@link io.zeusdb.vector.HnswIndex#save(java.nio.file.Path)} and
 * {@link io.zeusdb.vector.VectorDatabase#load(java.nio.file.Path)} and of the {@code zdb} command
 * line, not API; they may change in any release. The byte-level format is specified in the
 * project's {@code docs/format.md}.
 */
package io.zeusdb.vector.persistence;
