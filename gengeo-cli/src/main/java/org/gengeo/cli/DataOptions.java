package org.gengeo.cli;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.gengeo.core.data.DataSources;
import org.gengeo.train.TrainConfig;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;

/**
 * The data flags of {@code gengeo train} and {@code gengeo import}, as one picocli mixin: which data set
 * (built in, or arrays from files), its subsets and its transformations, each flag named as its key in
 * {@code config.json}. A command that records only what it was told ({@code import}) takes
 * {@link #given}; {@code train} reads the fields, defaults included.
 */
final class DataOptions {
    @Option(names = "--data", description = "fashion-mnist, fashion-mnist-embedded, mnist, cifar10, cifar100, cifar100-coarse, gaussians, teacher, "
            + "spirals (default: ${DEFAULT-VALUE}); with --train/--test your label for the data (default: files).")
    String data;
    @Option(names = "--data-dir", paramLabel = "DIR", description = "Directory with the data files (IDX, or the CIFAR-10 / CIFAR-100 binary version).")
    String dataDir;
    @Option(names = "--train", paramLabel = "FILE", description = "Training arrays from outside instead of a built-in set: FILE.npz or "
            + "FILE.safetensors with x [N,C,H,W] or [N,D] (float32 or uint8) and y [N] (int64), or X.npy,Y.npy.")
    String trainFile;
    @Option(names = "--test", paramLabel = "FILE", description = "Test arrays, as --train.")
    String testFile;
    @Option(names = "--train-size", paramLabel = "N", description = "Use the first N training examples after a seeded shuffle.")
    Integer trainSize;
    @Option(names = "--test-size", paramLabel = "N", description = "Use the first N test examples after a seeded shuffle.")
    Integer testSize;
    @Option(names = "--classes", paramLabel = "C,C,...", description = "Keep only these classes, relabelled 0..k-1 in the order given (e.g. 3,5).")
    String classes;
    @Option(names = "--binary", description = "Relabel classes 0-4 as 0 and 5-9 as 1 (one-output model).")
    boolean binary;
    @Option(names = "--label-noise", paramLabel = "F", description = "Replace a fraction F of training labels by a wrong label (indices in data.json).")
    double labelNoise;
    @Option(names = "--random-labels", description = "Replace every training label by a uniformly random one.")
    boolean randomLabels;
    @Option(names = "--attack", paramLabel = "N", description = "Add N extra training examples with flipped labels.")
    int attack;
    @Option(names = "--standardize", description = "Subtract the training mean and divide by the training standard deviation.")
    boolean standardize;
    @Option(names = "--normalize", paramLabel = "channel|M,..:S,..", description = "Per-channel normalisation (x - mean[c]) / std[c]: "
            + "'channel' for the training set's statistics, or given values, e.g. 0.4914,0.4822,0.4465:0.2470,0.2435,0.2616.")
    String normalize;
    @Option(names = "--data-seed", paramLabel = "S", description = "Seed of the data only: train and test subsets, label noise, attack points (default: --seed).")
    Long dataSeed;

    /** The data set's name as config.json records it: --data, or {@value DataSources#ARRAY_FILES_NAME} for --train files without one. */
    String dataName(ParseResult parsed) {
        return trainFile != null && !parsed.hasMatchedOption("--data") ? DataSources.ARRAY_FILES_NAME : data;
    }

    /**
     * The data flags given on the command line, by config.json key, with the array files as absolute
     * paths (so a run directory reads them from anywhere) and the data set's name as {@link #dataName}.
     */
    Map<String, Object> given(ParseResult parsed) {
        Map<String, Object> out = new LinkedHashMap<>();
        Object[][] flags = {{"data", dataName(parsed)}, {"data-dir", dataDir}, {"train", absolute(trainFile)}, {"test", absolute(testFile)},
                {"train-size", trainSize}, {"test-size", testSize}, {"classes", classes}, {"binary", binary}, {"label-noise", labelNoise},
                {"random-labels", randomLabels}, {"attack", attack}, {"standardize", standardize}, {"normalize", normalize},
                {"data-seed", dataSeed}};
        for (Object[] f : flags) {
            String key = (String) f[0];
            if (parsed.hasMatchedOption("--" + key) || key.equals("data") && trainFile != null) {
                out.put(key, f[1]);
            }
        }
        return out;
    }

    private static String absolute(String files) {
        if (files == null) {
            return null;
        }
        return Arrays.stream(files.split(",", -1)).map(f -> Path.of(f).toAbsolutePath().normalize().toString()).collect(Collectors.joining(","));
    }

    /** The data flags' defaults from {@link TrainConfig#defaults()}, for a command that has no other defaults. */
    static final class Defaults implements IDefaultValueProvider {
        @Override
        public String defaultValue(ArgSpec arg) {
            if (arg instanceof OptionSpec o && o.userObject() instanceof java.lang.reflect.Field f && f.getDeclaringClass() == DataOptions.class) {
                Object v = TrainConfig.defaults().asMap().get(o.longestName().substring(2));
                return v == null ? null : v.toString();
            }
            return null;
        }
    }
}
