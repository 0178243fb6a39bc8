package org.gengeo.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
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
@Command(name = "import", mixinStandardHelpOptions = true, sortOptions = false, defaultValueProvider = DataOptions.Defaults.class,
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
    @Mixin
    DataOptions dataOptions;
    @Option(names = "--seed", description = "Seed of the data subsets.")
    Long seed;
    @Mixin
    CommonOptions.Threads threads;
    @Mixin
    CommonOptions.JsonOutput json;

    @Override
    public Integer call() {
        threads.startEngine();
        Map<String, Object> options = dataOptions.given(spec.commandLine().getParseResult());
        if (seed != null) {
            options.put("seed", seed);
        }
        PrintWriter out = spec.commandLine().getOut();
        ModelImport.Record r = ModelImport.run(model, arch, activation, map, options, this.out, CommandLines.of(spec), out::println);
        json.write(r);
        out.printf(Locale.ROOT, "imported %s (%s, sha256 %s) into %s%n", r.source(), r.kind(), r.sha256().substring(0, 12), this.out);
        Summaries.printEvaluations(out, r.train(), r.test());
        return 0;
    }
}
