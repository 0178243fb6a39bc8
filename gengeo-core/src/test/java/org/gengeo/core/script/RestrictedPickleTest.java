package org.gengeo.core.script;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.gengeo.core.GengeoException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The restricted reader accepts TorchScript's tensors and nothing that names other code. */
class RestrictedPickleTest {
    @TempDir
    Path tmp;

    private static byte[] pickle(String body) {
        return ("\u0080\u0002" + body + ".").getBytes(StandardCharsets.ISO_8859_1);
    }

    @Test
    void globalsOutsideTheTensorSetAreRefused() {
        GengeoException e = assertThrows(GengeoException.class,
                () -> RestrictedPickle.load(pickle("cos\nsystem\nX\u0002\u0000\u0000\u0000ls\u0085R"), "evil.pkl"));
        assertTrue(e.getMessage().contains("os.system is not allowed"), e.getMessage());
        GengeoException reduce = assertThrows(GengeoException.class,
                () -> RestrictedPickle.load(pickle("c__torch__\nM\n)R"), "evil.pkl"));
        assertTrue(reduce.getMessage().contains("REDUCE"), reduce.getMessage());
        GengeoException op = assertThrows(GengeoException.class, () -> RestrictedPickle.load(pickle("i"), "evil.pkl"));
        assertTrue(op.getMessage().contains("opcode"), op.getMessage());
    }

    @Test
    void torchScriptsTypedListHelpersYieldTheirList() {
        // a scripted torchvision ResNet-18 stores its int-list attributes as build_intlist([...])
        Object list = RestrictedPickle.load(pickle("ctorch.jit._pickle\nbuild_intlist\n]K\u0001aK\u0002a\u0085R"), "list.pkl");
        assertEquals(java.util.List.of(1L, 2L), list);
    }

    @Test
    void aTorchScriptShapedArchiveWithAForeignGlobalIsRefused() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry("m/data.pkl"));
            zip.write(pickle("cbuiltins\neval\n)\u0081"));
            zip.putNextEntry(new ZipEntry("m/code/__torch__.py"));
            zip.write("x".getBytes(StandardCharsets.US_ASCII));
        }
        Path file = tmp.resolve("m.pt");
        Files.write(file, bytes.toByteArray());
        GengeoException e = assertThrows(GengeoException.class, () -> TorchScriptArchive.tensors(file));
        assertTrue(e.getMessage().contains("builtins.eval is not allowed"), e.getMessage());
    }

    @Test
    void theFixturesTensorsAreReadWithStateDictNames() throws Exception {
        Path cnn = Path.of(getClass().getResource("cnn.pt").toURI());
        var tensors = TorchScriptArchive.tensors(cnn);
        assertEquals(20, tensors.size());
        assertTrue(tensors.containsKey("layer1.0.bn2.running_var"));
        assertEquals(4, tensors.get("layer1.0.bn2.running_var").elementCount());
    }
}
