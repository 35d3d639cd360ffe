package io.zeusdb.vector.persist;

import static io.zeusdb.vector.persist.Fixtures.VDB;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zeusdb.vector.ZdbFormatException;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Inputs on which {@link ZdbFuzzTest} once failed, kept under {@code src/test/resources/fuzz-regressions}
 * (one saved index directory each, named after the case and the cause). Each must now be refused
 * with a {@link ZdbFormatException} naming a file.
 *
 * <ul>
 *   <li>{@code *-utf32-guess}: a JSON file whose first bytes hold zeros (`{\0\0\0`, or a forged
 *       `0f 00 00 00`), from which Jackson guessed UTF-16/UTF-32 and then failed with a
 *       {@code CharConversionException}, an IOException that is not a format error. Fixed by
 *       requiring every JSON file to start as a UTF-8 object before Jackson sees it.
 * </ul>
 */
class FuzzRegressionTest {

    @Test
    void everyKeptInputIsRefusedCleanly() throws IOException, URISyntaxException {
        Path root = Path.of(FuzzRegressionTest.class.getResource("/fuzz-regressions").toURI());
        List<Path> cases;
        try (Stream<Path> s = Files.list(root)) {
            cases = s.sorted().toList();
        }
        assertFalse(cases.isEmpty());
        for (Path dir : cases) {
            ZdbFormatException e = assertThrows(ZdbFormatException.class, () -> VDB.load(dir), dir.toString());
            assertNotNull(e.file(), e.getMessage());
            assertTrue(e.problem().contains("UTF-8") || e.problem().contains("'{'"), e.getMessage());
        }
    }
}
