package org.gengeo.core.script;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.Enumeration;
import org.gengeo.core.GengeoException;
import org.gengeo.core.io.TensorData;

/**
 * The tensors a TorchScript archive stores: a zip written by {@code torch.jit.save} (or libtorch's
 * {@code Module::save}) with entries {@code PREFIX/data.pkl} (the module objects, read by
 * {@link RestrictedPickle}), {@code PREFIX/data/N} (raw little-endian storages) and
 * {@code PREFIX/code/...} (the TorchScript source). Every tensor attribute of every module object is
 * returned under its dotted attribute path ({@code layer1.0.bn1.running_mean}), which is the name
 * {@code state_dict()} gives it; DJL exposes parameters but not buffers, so this is where
 * batch-norm running statistics come from.
 *
 * <p>A zip without {@code code/} entries is a {@code torch.save} checkpoint and is refused
 * unread, as is anything that is not a zip. Sizes are bounded: {@value #MAX_ENTRY} bytes per
 * entry and {@value #MAX_TOTAL} in all, checked while inflating, never trusting the sizes the zip
 * claims.
 */
public final class TorchScriptArchive {
    /** Largest single entry read, in bytes. */
    static final long MAX_ENTRY = Integer.MAX_VALUE - 64;
    /** Largest total of the entries read, in bytes. */
    static final long MAX_TOTAL = 2L << 30;
    /** How to save a model gengeo can read, for the error a torch.save checkpoint gets. */
    public static final String HOW_TO_SAVE = "save the module with torch.jit.save(torch.jit.script(model), 'model.pt') "
            + "(or torch.jit.trace), or its state_dict as safetensors (safetensors.torch.save_file(model.state_dict(), "
            + "'model.safetensors')) and import that with --arch";

    private TorchScriptArchive() {}

    /** Checks that {@code file} is a TorchScript archive (not a torch.save checkpoint, not something else). */
    public static void check(Path file) {
        tensors(file, file.toString(), false);
    }

    /** The tensors of the archive in {@code file}, by state_dict name, in attribute order. */
    public static Map<String, TensorData> tensors(Path file) {
        return tensors(file, file.toString(), true);
    }

    /** The tensors of an archive held in memory (as {@code JniUtils.writeModule} writes it). */
    public static Map<String, TensorData> tensors(byte[] archive, String source) {
        // PyTorch writes stored entries with data descriptors, which only a central-directory reader handles
        Path temp = null;
        try {
            temp = Files.createTempFile("gengeo-module", ".pt");
            Files.write(temp, archive);
            return tensors(temp, source, true);
        } catch (IOException e) {
            throw new GengeoException(source + ": cannot stage the module for reading: " + e.getMessage());
        } finally {
            if (temp != null) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException ignored) {
                    // a leftover temporary file is harmless
                }
            }
        }
    }

    private static Map<String, TensorData> tensors(Path file, String source, boolean withData) {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] magic = in.readNBytes(2);
            if (magic.length < 2 || magic[0] != 'P' || magic[1] != 'K') {
                throw new GengeoException(source + ": not a TorchScript file (not a zip archive; a legacy torch.save pickle?): "
                        + HOW_TO_SAVE);
            }
        } catch (NoSuchFileException e) {
            throw new GengeoException(source + ": file not found");
        } catch (IOException e) {
            throw new GengeoException(source + ": cannot read: " + e.getMessage());
        }
        Map<String, byte[]> entries = new LinkedHashMap<>();
        boolean code = false;
        String pickle = null;
        long total = 0;
        try (ZipFile zip = new ZipFile(file.toFile())) {
            for (Enumeration<? extends ZipEntry> all = zip.entries(); all.hasMoreElements(); ) {
                ZipEntry e = all.nextElement();
                String name = e.getName();
                int slash = name.indexOf('/');
                String inner = slash < 0 ? name : name.substring(slash + 1);
                code |= inner.startsWith("code/");
                boolean wanted = inner.equals("data.pkl") || (withData && inner.startsWith("data/"));
                if (wanted) {
                    byte[] bytes;
                    try (InputStream in = zip.getInputStream(e)) {
                        bytes = bounded(in, source + "!" + name);
                    }
                    total += bytes.length;
                    if (total > MAX_TOTAL) {
                        throw new GengeoException(source + ": entries larger than " + MAX_TOTAL + " bytes in all");
                    }
                    entries.put(inner, bytes);
                    if (inner.equals("data.pkl")) {
                        pickle = name;
                    }
                }
            }
        } catch (IOException e) {
            throw new GengeoException(source + ": not a readable zip archive: " + e.getMessage());
        }
        if (pickle == null) {
            throw new GengeoException(source + ": no data.pkl entry (not a TorchScript archive)");
        }
        if (!code) {
            throw new GengeoException(source + ": a torch.save checkpoint, not a TorchScript module (gengeo never unpickles those): "
                    + HOW_TO_SAVE);
        }
        Object root = RestrictedPickle.load(entries.get("data.pkl"), source + "!" + pickle);
        if (!(root instanceof RestrictedPickle.ScriptObject module)) {
            throw new GengeoException(source + ": data.pkl does not hold a TorchScript module");
        }
        Map<String, TensorData> out = new LinkedHashMap<>();
        if (withData) {
            collect(module, "", entries, source, out, 0);
        }
        return out;
    }

    private static void collect(RestrictedPickle.ScriptObject object, String prefix, Map<String, byte[]> entries, String source,
                                Map<String, TensorData> out, int depth) {
        if (depth > RestrictedPickle.MAX_DEPTH) {
            throw new GengeoException(source + ": modules nested deeper than " + RestrictedPickle.MAX_DEPTH);
        }
        for (Map.Entry<String, Object> a : object.attributes().entrySet()) {
            String name = prefix + a.getKey();
            if (a.getValue() instanceof RestrictedPickle.TensorRef t) {
                out.put(name, data(t, entries, source));
            } else if (a.getValue() instanceof RestrictedPickle.ScriptObject child) {
                collect(child, name + ".", entries, source, out, depth + 1);
            }
        }
    }

    private static TensorData data(RestrictedPickle.TensorRef t, Map<String, byte[]> entries, String source) {
        RestrictedPickle.Storage s = t.storage();
        byte[] storage = entries.get("data/" + s.key());
        int size = s.dtype().byteSize();
        if (storage == null || storage.length != s.count() * size) {
            throw new GengeoException(source + ": storage data/" + s.key() + " is missing or not " + s.count() + " elements of "
                    + s.dtype());
        }
        long count = 1;
        for (long d : t.shape()) {
            count *= d;
        }
        byte[] bytes = new byte[(int) (count * size)];
        System.arraycopy(storage, (int) (t.offset() * size), bytes, 0, bytes.length);
        return new TensorData(s.dtype(), t.shape(), bytes);
    }

    private static byte[] bounded(InputStream in, String name) throws IOException {
        byte[] bytes = in.readNBytes((int) MAX_ENTRY);
        if (in.read() != -1) {
            throw new GengeoException(name + ": entry larger than " + MAX_ENTRY + " bytes");
        }
        return bytes;
    }
}
