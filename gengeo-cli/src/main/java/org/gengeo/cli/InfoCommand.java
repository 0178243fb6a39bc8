package org.gengeo.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.gengeo.core.GengeoException;
import org.gengeo.core.io.Json;
import org.gengeo.core.io.Safetensors;
import org.gengeo.core.io.SafetensorsFile;
import org.gengeo.core.io.TensorData;
import org.gengeo.core.model.Architecture;
import org.gengeo.core.model.BatchNorm;
import org.gengeo.core.model.Network;
import org.gengeo.core.model.NetworkFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code gengeo info FILE}: architecture, parameters and metadata of a model file. */
@Command(name = "info", mixinStandardHelpOptions = true,
        description = "Show the architecture, parameter count, tensors and metadata of a model file (or a run directory's model).")
public final class InfoCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Parameters(paramLabel = "FILE", description = "A .safetensors file or a run directory.")
    Path file;
    @Mixin
    CommonOptions.JsonOutput json;

    /** What {@code info} reports. */
    public record ModelInfo(String file, String arch, String activation, long parameterCount,
                            Map<String, String> tensors, Map<String, String> metadata) {}

    @Override
    public Integer call() {
        Path f = Files.isDirectory(file) ? file.resolve("model.safetensors") : file;
        SafetensorsFile parsed = Safetensors.read(f);
        String spec0 = parsed.metadata().get(NetworkFiles.ARCH);
        Set<String> trained = null;
        if (spec0 != null && !spec0.startsWith(Architecture.TORCHSCRIPT_PREFIX)) {
            try {
                trained = new HashSet<>();
                for (Network.ParameterShape p : Network.parameterShapes(Architecture.parse(spec0))) {
                    trained.add(p.name());
                }
            } catch (GengeoException e) {
                throw new GengeoException(f + ": " + e.getMessage());
            }
        }
        long count = 0;
        long buffers = 0;
        Map<String, String> tensors = new LinkedHashMap<>();
        for (Map.Entry<String, TensorData> e : parsed.tensors().entrySet()) {
            tensors.put(e.getKey(), e.getValue().dtype() + " " + Arrays.toString(e.getValue().shape()));
            String name = e.getKey();
            if (name.startsWith("optimizer.") || name.startsWith(NetworkFiles.STATE_PREFIX)) {
                continue;
            }
            if (trained != null ? trained.contains(name) : !isPyTorchBuffer(name)) {
                count += e.getValue().elementCount();
            } else {
                buffers += e.getValue().elementCount();
            }
        }
        ModelInfo info = new ModelInfo(f.toString(), spec0, parsed.metadata().get(NetworkFiles.ACTIVATION), count,
                tensors, parsed.metadata());
        json.write(info);
        PrintWriter out = spec.commandLine().getOut();
        out.println("file:        " + f);
        out.println("arch:        " + (spec0 == null ? "(none: no gengeo.arch metadata)" : spec0));
        out.println("activation:  " + info.activation());
        out.println("parameters:  " + count + (buffers > 0 ? " (and " + buffers + " batch-norm running statistics)" : ""));
        tensors.forEach((k, v) -> out.printf("  %-24s %s%n", k, v));
        out.println("metadata:");
        parsed.metadata().forEach((k, v) -> out.printf("  %s = %s%n", k, v));
        out.flush();
        return 0;
    }

    /** Without an architecture, a batch norm's buffers are known only by PyTorch's buffer names. */
    private static boolean isPyTorchBuffer(String name) {
        return name.endsWith(BatchNorm.RUNNING_MEAN) || name.endsWith(BatchNorm.RUNNING_VAR) || name.endsWith(BatchNorm.BATCHES_TRACKED);
    }
}
