package org.gengeo.train;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gengeo.core.GengeoException;
import org.gengeo.core.io.Json;
import org.gengeo.core.io.TensorData;
import org.gengeo.core.model.Architecture;
import org.gengeo.core.model.BatchNorm;
import org.gengeo.core.model.Network;

/**
 * Maps the tensor names of a PyTorch {@code state_dict()} saved as safetensors onto the names an
 * {@link Architecture} gives its parameters and buffers.
 * <ul>
 *   <li>Names equal to gengeo's (gengeo uses torchvision's names, so torchvision models and
 *       models saved by gengeo) map to themselves.</li>
 *   <li>Otherwise, by module order: the file's tensors are grouped by module path (the name up to
 *       the last dot) and the groups sorted in natural order, numbers as numbers
 *       ({@code nn.Sequential}'s {@code 0, 2, 10}, or {@code fc1, fc2}); the i-th group maps to the
 *       i-th parametrised layer of the architecture when both hold the same tensor kinds
 *       ({@code weight}, {@code bias}, {@code running_mean}, {@code running_var}) with the same shapes.
 *       Any disagreement is an error that asks for {@code --map}; a module whose forward order is
 *       not its names' natural order needs {@code --map} too.</li>
 *   <li>{@code --map FILE}: a JSON object from the file's names to gengeo's, used as given.</li>
 * </ul>
 * PyTorch's {@code num_batches_tracked} counters are dropped.
 */
final class StateDictNames {
    private StateDictNames() {}

    /** File name to gengeo name for every tensor that is kept, in gengeo's order. */
    static Map<String, String> mapping(Map<String, TensorData> tensors, Architecture arch, Path mapFile, String source) {
        List<Network.ParameterShape> expected = new ArrayList<>(Network.parameterShapes(arch));
        expected.addAll(Network.bufferShapes(arch));
        List<String> given = tensors.keySet().stream().filter(n -> !n.endsWith(BatchNorm.BATCHES_TRACKED)).toList();
        if (mapFile != null) {
            return fromFile(mapFile);
        }
        if (given.size() != expected.size()) {
            throw new GengeoException(source + ": holds " + given.size() + " tensors but " + arch.spec() + " has " + expected.size()
                    + " parameters and buffers; give --map FILE");
        }
        Map<String, String> out = new LinkedHashMap<>();
        if (expected.stream().allMatch(p -> tensors.containsKey(p.name()))) {
            expected.forEach(p -> out.put(p.name(), p.name()));
            return out;
        }
        List<List<String>> groups = groups(given);
        List<List<Network.ParameterShape>> layers = new ArrayList<>();
        Map<String, List<Network.ParameterShape>> byModule = new LinkedHashMap<>();
        for (Network.ParameterShape p : expected) {
            byModule.computeIfAbsent(module(p.name()), k -> new ArrayList<>()).add(p);
        }
        layers.addAll(byModule.values());
        if (groups.size() != layers.size()) {
            throw new GengeoException(source + ": " + groups.size() + " modules in the file, " + layers.size() + " layers in "
                    + arch.spec() + "; give --map FILE");
        }
        for (int i = 0; i < groups.size(); i++) {
            List<String> g = groups.get(i);
            List<Network.ParameterShape> layer = layers.get(i);
            for (Network.ParameterShape p : layer) {
                String kind = p.name().substring(p.name().lastIndexOf('.') + 1);
                String match = g.stream().filter(n -> n.endsWith("." + kind) || n.equals(kind)).findFirst().orElse(null);
                if (match == null || g.size() != layer.size() || !Arrays.equals(tensors.get(match).shape(), p.shape())) {
                    throw new GengeoException(source + ": module '" + module(g.get(0)) + "' (" + g + ") does not match layer '"
                            + module(p.name()) + "' of " + arch.spec() + " (needs " + p.name() + " of shape "
                            + Arrays.toString(p.shape()) + "); give --map FILE");
                }
                out.put(match, p.name());
            }
        }
        return out;
    }

    private static Map<String, String> fromFile(Path mapFile) {
        Map<?, ?> raw = Json.read(mapFile, Map.class);
        Map<String, String> out = new LinkedHashMap<>();
        raw.forEach((k, v) -> {
            if (!(v instanceof String s)) {
                throw new GengeoException(mapFile + ": the value for '" + k + "' must be a tensor name (a string)");
            }
            out.put(String.valueOf(k), s);
        });
        return out;
    }

    private static List<List<String>> groups(List<String> names) {
        Map<String, List<String>> byModule = new LinkedHashMap<>();
        names.stream().sorted(StateDictNames::natural).forEach(n -> byModule.computeIfAbsent(module(n), k -> new ArrayList<>()).add(n));
        return new ArrayList<>(byModule.values());
    }

    private static String module(String name) {
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(0, dot);
    }

    /** Natural order of dotted names: numeric parts as numbers, the module path before the tensor kind. */
    static int natural(String a, String b) {
        String ma = module(a);
        String mb = module(b);
        if (!ma.equals(mb)) {
            return NATURAL.compare(ma, mb);
        }
        return 0;
    }

    private static final Comparator<String> NATURAL = (a, b) -> {
        String[] pa = a.split("(?<=\\D)(?=\\d)|(?<=\\d)(?=\\D)");
        String[] pb = b.split("(?<=\\D)(?=\\d)|(?<=\\d)(?=\\D)");
        for (int i = 0; i < Math.min(pa.length, pb.length); i++) {
            boolean na = !pa[i].isEmpty() && Character.isDigit(pa[i].charAt(0));
            boolean nb = !pb[i].isEmpty() && Character.isDigit(pb[i].charAt(0));
            int c = na && nb ? new java.math.BigInteger(pa[i]).compareTo(new java.math.BigInteger(pb[i])) : pa[i].compareTo(pb[i]);
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(pa.length, pb.length);
    };
}
