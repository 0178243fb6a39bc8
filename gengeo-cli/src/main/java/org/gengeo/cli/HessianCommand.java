package org.gengeo.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.gengeo.analysis.RunAnalyses;
import org.gengeo.analysis.RunArtifacts;
import org.gengeo.core.tensor.Precision;
import org.gengeo.measures.HessianAnalysis;
import org.gengeo.measures.HessianOptions;
import org.gengeo.measures.HessianResult;
import org.gengeo.report.CurvaturePages;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code gengeo hessian RUN_DIR}: eigenvalues, trace and spectral density of the training loss's curvature. */
@Command(name = "hessian", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Curvature of a run's training loss: top/bottom eigenvalues (Lanczos, power iteration or the dense matrix),",
                "trace (Hutchinson) and spectral density (stochastic Lanczos quadrature), of the Hessian or the Gauss-Newton matrix.",
                "Writes RUN_DIR/hessian.json, RUN_DIR/hessian.html (plots) and RUN_DIR/hessian-eigenvectors.safetensors."})
public final class HessianCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Parameters(paramLabel = "RUN_DIR", description = "Run directory.")
    Path dir;
    @Option(names = "--top", defaultValue = "10", description = "Largest eigenvalues (default: ${DEFAULT-VALUE}).")
    int top;
    @Option(names = "--bottom", defaultValue = "0", description = "Smallest (most negative) eigenvalues.")
    int bottom;
    @Option(names = "--trace", description = "Estimate the trace (Hutchinson, Rademacher probes; exact with --method dense).")
    boolean trace;
    @Option(names = "--density", description = "Estimate the spectral density (SLQ).")
    boolean density;
    @Option(names = "--block", paramLabel = "NAMES", description = "Differentiate only these parameters, e.g. fc0.weight or fc1.weight,fc1.bias.")
    String block;
    @Option(names = "--samples", paramLabel = "N", description = "Use N training examples (a seeded sample) instead of all.")
    Integer samples;
    @Option(names = "--method", defaultValue = "lanczos", description = "lanczos, power or dense (default: ${DEFAULT-VALUE}).")
    String method;
    @Option(names = "--operator", defaultValue = "hessian", description = "hessian or ggn (generalised Gauss-Newton) (default: ${DEFAULT-VALUE}).")
    String operator;
    @Option(names = "--seed", defaultValue = "0", description = "Seed of the sample, start vectors and probes.")
    long seed;
    @Option(names = "--chunk", defaultValue = "1000", description = "Examples per pass; bounds memory (default: ${DEFAULT-VALUE}).")
    int chunk;
    @Option(names = "--max-steps", defaultValue = "200", description = "Most Lanczos steps / power iterations (default: ${DEFAULT-VALUE}).")
    int maxSteps;
    @Option(names = "--tol", defaultValue = "1e-6", description = "Relative residual (Lanczos) or change (power) tolerance (default: ${DEFAULT-VALUE}).")
    double tol;
    @Option(names = "--trace-probes", defaultValue = "200", description = "Most Hutchinson probes (default: ${DEFAULT-VALUE}).")
    int traceProbes;
    @Option(names = "--trace-tol", defaultValue = "0.01", description = "Stop when the standard error is below this fraction of the trace (default: ${DEFAULT-VALUE}).")
    double traceTol;
    @Option(names = "--slq-runs", defaultValue = "10", description = "SLQ random starts (default: ${DEFAULT-VALUE}).")
    int slqRuns;
    @Option(names = "--slq-steps", defaultValue = "80", description = "Lanczos steps per SLQ run (default: ${DEFAULT-VALUE}).")
    int slqSteps;
    @Option(names = "--dtype", description = "float32 or float64 (default: the model's own).")
    String dtype;
    @Mixin
    CommonOptions.Threads threads;
    @Mixin
    CommonOptions.JsonOutput json;

    @Override
    public Integer call() {
        HessianOptions options = new HessianOptions(top, bottom, trace, density, HessianAnalysis.parseBlock(block), samples,
                method, operator, seed, chunk, maxSteps, tol, traceProbes, traceTol, slqRuns, slqSteps).validate();
        RunAnalyses.HessianRequest request = new RunAnalyses.HessianRequest(options, dtype == null ? null : Precision.parse(dtype), true);
        return AnalysisCommands.execute(spec, dir, threads, json, RunAnalyses.HESSIAN, request, "Hv products",
                new AnalysisCommands.Page<>(RunArtifacts.HESSIAN_PAGE, CurvaturePages::hessianPage), HessianCommand::print);
    }

    private static void print(PrintWriter out, HessianResult r) {
        out.printf(Locale.ROOT, "%s of the mean %s loss over %d examples, %d parameters (%s), %s%n", r.operator(),
                "training", r.examples(), r.dimension(), String.join(",", r.block()), r.dtype());
        for (int i = 0; i < r.top().length; i++) {
            out.printf(Locale.ROOT, "  lambda_%-3d %14.6g   residual %.2e%n", i + 1, r.top()[i], r.topResiduals()[i]);
        }
        for (int i = 0; i < r.bottom().length; i++) {
            out.printf(Locale.ROOT, "  bottom_%-3d %14.6g%n", r.bottom().length - i, r.bottom()[i]);
        }
        if (r.trace() != null) {
            out.printf(Locale.ROOT, "  trace      %14.6g   +- %.3g (%s)%n", r.trace().value(), r.trace().standardError(),
                    r.trace().exact() ? "exact" : r.trace().probes() + " probes");
        }
        if (r.density() != null) {
            out.printf(Locale.ROOT, "  density    %d runs x %d steps, sigma %.3g, mean eigenvalue %.6g%n", r.density().runs(),
                    r.density().steps(), r.density().sigma(), r.density().meanEigenvalue());
        }
        out.printf(Locale.ROOT, "%d products in %.1f s; written to hessian.json and hessian.html%n", r.products(), r.wallS());
    }
}
