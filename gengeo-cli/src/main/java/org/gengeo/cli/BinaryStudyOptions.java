package org.gengeo.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The options the two flatness studies share: where to write, the preset, the binary data set and its sizes, and
 * the alpha-scaling and sharpness box. Null means "the preset's".
 */
public final class BinaryStudyOptions {
    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output directory.")
    Path out;
    @Option(names = "--preset", defaultValue = "quick", description = "quick (embedded data, minutes) or full (the paper's sizes) (default: ${DEFAULT-VALUE}).")
    String preset;
    @Option(names = "--data", description = "Data set, relabelled 0-4 vs 5-9 (default: the preset's).")
    String data;
    @Option(names = "--data-dir", description = "Directory of the data files.")
    String dataDir;
    @Option(names = "--train-size", description = "|S| (default: the preset's).")
    Integer trainSize;
    @Option(names = "--test-size", description = "|E| (default: the preset's).")
    Integer testSize;
    @Option(names = "--alpha", description = "alpha of the rescaling of fc0 / fc1 (default: 5.9).")
    Double alpha;
    @Option(names = "--eps", description = "Keskar box size (default: 1e-4).")
    Double eps;
}
