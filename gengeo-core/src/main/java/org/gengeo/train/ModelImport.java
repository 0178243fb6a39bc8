package org.gengeo.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.gengeo.core.GengeoException;
import org.gengeo.core.Provenance;
import org.gengeo.core.data.DataSources;
import org.gengeo.core.data.DataSplit;
import org.gengeo.core.io.FileHashes;
import org.gengeo.core.io.Json;
import org.gengeo.core.io.Safetensors;
import org.gengeo.core.io.SafetensorsFile;
import org.gengeo.core.io.TensorData;
import org.gengeo.core.model.Activation;
import org.gengeo.core.model.Architecture;
import org.gengeo.core.model.Evaluation;
import org.gengeo.core.model.Loss;
import org.gengeo.core.model.Network;
import org.gengeo.core.model.NetworkFiles;
import ai.djl.ndarray.NDManager;
import org.gengeo.core.tensor.DeviceData;
import org.gengeo.core.tensor.TensorEngine;
import org.gengeo.core.tensor.Precision;

/**
 * {@code gengeo import}: turns a model gengeo did not train into a run directory that every
 * command reads.
 * <ul>
 *   <li>A TorchScript module ({@code MODEL.pt}): kept as {@code model.pt}; its whole
 *       {@code state_dict()} (parameters and buffers, the module's own names) written to
 *       {@code model.safetensors}; {@code config.json} holds {@code model-file: model.pt} and the data
 *       options given.</li>
 *   <li>Weights for an architecture gengeo knows ({@code MODEL.safetensors} and a spec): names
 *       mapped by {@link StateDictNames} (shown to the user and kept in {@code import.json});
 *       {@code config.json} holds {@code model}, {@code activation} and the data options given.</li>
 * </ul>
 * Besides: {@code run.json} (outcome {@code imported}, data hashes, the loss and accuracy on both
 * sets) and {@code import.json} ({@link Record}). Everything is checked and written into a
 * temporary sibling directory first, then renamed, so a refused import leaves nothing behind.
 */
public final class ModelImport {
    private ModelImport() {}

    /**
     * What was imported.
     *
     * @param provenance code version, engine, threads and command
     * @param kind       {@code torchscript} or {@code safetensors}
     * @param source     the model file as given
     * @param sha256     SHA-256 of the model file
     * @param names      file tensor name to gengeo name (safetensors; identity for TorchScript)
     * @param data       data summary with the hashes of the final sets
     * @param train      loss and accuracy on the training set in evaluation mode
     * @param test       loss and accuracy on the test set in evaluation mode
     */
    public record Record(Provenance provenance, String kind, String source, String sha256, Map<String, String> names,
                         Map<String, Object> data, Evaluation train, Evaluation test) {}

    /**
     * Imports {@code model} into the new run directory {@code out}.
     *
     * @param arch        architecture spec for a safetensors file; must be null for a TorchScript module
     * @param activation  activation of that architecture (null: relu)
     * @param mapFile     explicit name mapping for a safetensors file, or null
     * @param dataOptions data options by {@code gengeo train} flag name ({@code data}, {@code train}, ...)
     * @param log         receives the lines to show (the name mapping)
     */
    public static Record run(Path model, String arch, String activation, Path mapFile, Map<String, Object> dataOptions, Path out,
                             String command, Consumer<String> log) {
        if (Files.exists(out)) {
            throw new GengeoException(out + " already exists; give a new --out directory");
        }
        String name = model.getFileName().toString();
        boolean script = !name.endsWith(".safetensors");
        if (script && (arch != null || mapFile != null)) {
            throw new GengeoException("--arch and --map apply to a safetensors file; " + model + " is taken as a TorchScript module");
        }
        if (!script && arch == null) {
            throw new GengeoException(model + ": a safetensors file holds weights only; give --arch SPEC (e.g. mlp:784-100-10)");
        }
        Map<String, Object> config = new LinkedHashMap<>(dataOptions);
        if (script) {
            config.put("model-file", "model.pt");
        } else {
            config.put("model", arch);
            config.put("activation", activation == null ? "relu" : activation);
        }
        TrainConfig effective = TrainConfig.fromPartial(config);
        DataSplit split = DataSources.load(effective.dataConfig());
        Map<String, String> names = new LinkedHashMap<>();
        Path staging = out.resolveSibling("." + out.getFileName() + ".importing");
        try (Network net = script ? ImportedModule.open(model, split.train()) : weights(model, effective, mapFile, split, names)) {
            for (Map.Entry<String, String> e : names.entrySet()) {
                log.accept("  " + e.getKey() + " -> " + e.getValue());
            }
            Loss loss = Loss.forOutputs(net.architecture().outputs());
            Evaluation train;
            Evaluation test;
            try (NDManager memory = TensorEngine.newManager()) {
                train = Evaluation.of(net, new DeviceData(split.train(), memory, net.precision()), loss);
                test = Evaluation.of(net, new DeviceData(split.test(), memory, net.precision()), loss);
            }
            Provenance provenance = Provenance.current(command);
            Map<String, Object> data = Trainer.dataSummary(split);
            Record record = new Record(provenance, script ? "torchscript" : "safetensors", model.toString(), FileHashes.sha256(model), names,
                    data, train, test);
            deleteTree(staging);
            Files.createDirectories(staging);
            RunDirectory dir = RunDirectory.create(staging);
            if (script) {
                Files.copy(model, dir.module(), StandardCopyOption.COPY_ATTRIBUTES);
            }
            NetworkFiles.save(dir.model(), net, Json.line(provenance));
            Json.write(dir.config(), config);
            Json.write(dir.importRecord(), record);
            String now = Instant.now().toString();
            MetricsLine last = null;
            Json.write(dir.run(), new RunRecord(provenance, effective, data, now, now, "imported", "imported from " + model
                    + ": training loss " + train.loss() + ", test accuracy " + test.accuracy(), 0, 0, last));
            Files.move(staging, out, StandardCopyOption.ATOMIC_MOVE);
            return record;
        } catch (IOException e) {
            throw new GengeoException(out + ": cannot write the run directory: " + e.getMessage());
        } finally {
            deleteTree(staging);
        }
    }

    /** The network of a safetensors file under an architecture, names mapped into {@code names}. */
    private static Network weights(Path file, TrainConfig config, Path mapFile, DataSplit split, Map<String, String> names) {
        Architecture arch = Architecture.parse(config.model());
        SafetensorsFile parsed = Safetensors.read(file);
        Map<String, String> mapping = StateDictNames.mapping(parsed.tensors(), arch, mapFile, file.toString());
        Map<String, TensorData> renamed = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : mapping.entrySet()) {
            TensorData t = parsed.tensors().get(e.getKey());
            if (t == null) {
                throw new GengeoException(file + ": has no tensor '" + e.getKey() + "' (named in the mapping)");
            }
            for (double v : t.toDoubleArray()) {
                if (!Double.isFinite(v)) {
                    throw new GengeoException(file + ": tensor '" + e.getKey() + "' holds non-finite values");
                }
            }
            renamed.put(e.getValue(), t);
            names.put(e.getKey(), e.getValue());
        }
        Network net = Network.fromTensors(arch, Activation.parse(config.activation()), 0, renamed, Precision.parse(config.dtype()),
                file.toString());
        try {
            Compatibility.check(arch, split.train());
        } catch (GengeoException e) {
            net.close();
            throw e;
        }
        return net;
    }

    private static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (var walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new GengeoException(dir + ": cannot remove the unfinished import: " + e.getMessage());
        }
    }
}
