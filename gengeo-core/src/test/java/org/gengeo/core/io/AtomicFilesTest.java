package org.gengeo.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;
import org.gengeo.core.GengeoException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Atomic writes: permissions from the umask, links written through, devices streamed into, no stray temp files. */
class AtomicFilesTest {
    @TempDir
    Path tmp;

    @Test
    void newFilesGetTheUmaskModeLikeAnyOtherNewFile() throws Exception {
        Set<PosixFilePermission> umaskMode = Files.getPosixFilePermissions(Files.createFile(tmp.resolve("reference")));
        assumeTrue(umaskMode.contains(PosixFilePermission.OTHERS_READ) || umaskMode.contains(PosixFilePermission.GROUP_READ),
                "a umask of 077 cannot tell the umask mode from createTempFile's 0600");
        Path f = tmp.resolve("table.csv");
        AtomicFiles.writeString(f, "a\n");
        assertEquals(umaskMode, Files.getPosixFilePermissions(f));
        AtomicFiles.writeString(f, "b\n");
        assertEquals(umaskMode, Files.getPosixFilePermissions(f), "a replaced file too");
        assertEquals("b\n", Files.readString(f));
        try (var files = Files.list(tmp)) {
            assertEquals(2, files.count(), "no temporary file left behind");
        }
    }

    @Test
    void aSymbolicLinkIsWrittenThroughAndStaysALink() throws Exception {
        Path real = Files.writeString(Files.createDirectories(tmp.resolve("elsewhere")).resolve("real.json"), "old");
        Path link = Files.createSymbolicLink(tmp.resolve("link.json"), real);
        AtomicFiles.writeString(link, "new");
        assertTrue(Files.isSymbolicLink(link));
        assertEquals("new", Files.readString(real));
    }

    @Test
    void aDeviceIsStreamedIntoNotReplaced() throws Exception {
        Path devNull = Path.of("/dev/null");
        assumeTrue(Files.exists(devNull) && !Files.isRegularFile(devNull));
        Path link = Files.createSymbolicLink(tmp.resolve("out.json"), devNull);
        AtomicFiles.writeString(link, "{}\n");
        assertTrue(Files.isSymbolicLink(link));
        assertTrue(!Files.isRegularFile(devNull) && Files.exists(devNull), "/dev/null is still a device");
    }

    @Test
    void aDanglingLinkOrADirectoryIsAOneLineError() throws Exception {
        Path link = Files.createSymbolicLink(tmp.resolve("dangling.json"), tmp.resolve("missing/target.json"));
        GengeoException e = assertThrows(GengeoException.class, () -> AtomicFiles.writeString(link, "x"));
        assertTrue(e.getMessage().contains("dangling.json"), e.getMessage());
        assertTrue(Files.isSymbolicLink(link));
        assertThrows(GengeoException.class, () -> AtomicFiles.writeString(tmp, "x"));
    }
}
