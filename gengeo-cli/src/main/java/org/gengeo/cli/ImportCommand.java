package org.gengeo.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.gengeo.train.ModelImport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code gengeo import MODEL --out DIR}: a model gengeo did not train, as a run directory. */
@Command(name = "import", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Turn a model from outside into a run directory that eval, hessian, measure, ... read:",
                "MODEL.pt, a TorchScript module (torch.jit.save of torch.jit.script or torch.jit.trace), or",
                "MODEL.safetensors with --arch SPEC, a state_dict for an architecture gengeo knows (names mapped and shown).",
                "A TorchScript file contains code that libtorch runs when the module is loaded and called: import only files you trust.",
                "torch.save checkpoints (pickles) are refused, never unpickled."})
public final class ImportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Parameters(paramLabel = "MODEL", description = "MODEL.pt (TorchScript) or MODEL.safetensors (with --arch).")
    Path model;
    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Run directory to create.")
    Path out;
    @Option(names = "--arch", paramLabel = "SPEC", description = "Architecture of a safetensors file, e.g. mlp:784-100-10 or resnet18:cifar.")
    String arch;
    @Option(names = "--activation", description = "Activation of --arch: relu or tanh (default relu).")
    String activation;
    @Option(names = "--map", paramLabel = "FILE", description = "JSON object from the file's tensor names to gengeo's, when the automatic mapping cannot decide.")
    Path map;
    @Option(names = "--data", description = "Data set (as for train); with --train/--test your label for the data.")
    String data;
    @Option(names = "--data-dir", paramLabel = "DIR", description = "Directory with the data files.")
    String dataDir;
    @Option(names = "--train", paramLabel = "FILE", description = "Training arrays: FILE.npz or FILE.safetensors with x and y, or X.npy,Y.npy.")
    String trainFile;
    @Option(names = "--test", paramLabel = "FILE", description = "Test arrays, as --train.")
    String testFile;
    @Option(names = "--train-size", paramLabel = "N", description = "Use the first N training examples after a seeded shuffle.")
    Integer trainSize;
    @Option(names = "--test-size", paramLabel = "N", description = "Use the first N test examples after a seeded shuffle.")
    Integer testSize;
    @Option(names = "--classes", paramLabel = "C,C,...", description = "Keep only these classes, relabelled 0..k-1.")
    String classes;
    @Option(names = "--binary", description = "Relabel classes 0-4 as 0 and 5-9 as 1.")
    Boolean binary;
    @Option(names = "--standardize", description = "Standardise with the training mean and standard deviation.")
    Boolean standardize;
    @Option(names = "--seed", description = "Seed of the data subsets.")
    Long seed;
    @Mixin
    CommonOptions.Threads threads;
    @Mixin
    CommonOptions.JsonOutput json;

    @Override
    public Integer call() {
        threads.startEngine();
        Map<String, Object> options = new LinkedHashMap<>();
        String name = data != null ? data : trainFile != null ? org.gengeo.core.data.DataSources.ARRAY_FILES_NAME : null;
        put(options, "data", name);
        put(options, "data-dir", dataDir);
        put(options, "train", absolute(trainFile));
        put(options, "test", absolute(testFile));
        put(options, "train-size", trainSize);
        put(options, "test-size", testSize);
        put(options, "classes", classes);
        put(options, "binary", binary);
        put(options, "standardize", standardize);
        put(options, "seed", seed);
        PrintWriter out = spec.commandLine().getOut();
        ModelImport.Record r = ModelImport.run(model, arch, activation, map, options, this.out, CommandLines.of(spec), out::println);
        json.write(r);
        out.printf(Locale.ROOT, "imported %s (%s, sha256 %s) into %s%n", r.source(), r.kind(), r.sha256().substring(0, 12), this.out);
        Summaries.printEvaluations(out, r.train(), r.test());
        return 0;
    }

    /** The array files as absolute paths, so the run directory reads them from anywhere. */
    private static String absolute(String files) {
        if (files == null) {
            return null;
        }
        return java.util.Arrays.stream(files.split(",", -1)).map(f -> Path.of(f).toAbsolutePath().normalize().toString())
                .collect(java.util.stream.Collectors.joining(","));
    }

    private static void put(Map<String, Object> options, String key, Object value) {
        if (value != null) {
            options.put(key, value);
        }
    }
}
