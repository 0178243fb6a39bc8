package org.gengeo.measures;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.gengeo.core.GengeoException;
import org.gengeo.core.Progress;
import org.gengeo.core.Provenance;
import org.gengeo.core.data.DataTransforms;
import org.gengeo.core.data.Dataset;
import org.gengeo.core.io.Json;
import org.gengeo.core.io.Safetensors;
import org.gengeo.core.io.SafetensorsFile;
import org.gengeo.core.io.TensorData;
import org.gengeo.core.model.Loss;
import org.gengeo.core.model.Network;
import org.gengeo.core.model.NetworkFiles;
import org.gengeo.core.tensor.DeviceData;
import org.gengeo.core.tensor.TensorEngine;
import org.gengeo.curvature.CurvatureOperator;
import org.gengeo.curvature.DenseHessian;
import org.gengeo.curvature.Eigenpairs;
import org.gengeo.curvature.GgnOperator;
import org.gengeo.curvature.HessianOperator;
import org.gengeo.curvature.Hutchinson;
import org.gengeo.curvature.Lanczos;
import org.gengeo.curvature.ParameterBlock;
import org.gengeo.curvature.PowerIteration;
import org.gengeo.curvature.SpectralDensity;
import org.gengeo.curvature.SymmetricOperator;
import org.gengeo.curvature.TraceEstimate;

/**
 * The curvature of a trained network's training loss: the extreme eigenvalues of its Hessian (or
 * generalised Gauss-Newton matrix), the trace and the spectral density, over the training set or a
 * fixed sample of it, with respect to all parameters or a block. Eigenvectors are written to a
 * safetensors file under the parameter names, each tensor stacked as [k, ...parameter shape].
 */
public final class HessianAnalysis {
    /** Grid points of the SLQ density. */
    public static final int DENSITY_POINTS = 400;
    /** Gaussian width of the SLQ density, as a fraction of the spread of the Ritz values. */
    public static final double DENSITY_SIGMA = 0.01;

    private HessianAnalysis() {}

    /** Runs the analysis of {@code net} on {@code train}; eigenvectors go to {@code eigenvectorFile} (null: not saved). */
    public static HessianResult run(Network net, Dataset train, HessianOptions o, String runName, Provenance provenance,
                                    Path eigenvectorFile) {
        return run(net, train, o, runName, provenance, eigenvectorFile, Progress.NONE);
    }

    /** As {@link #run(Network, Dataset, HessianOptions, String, Provenance, Path)}, reporting each product to {@code progress}. */
    public static HessianResult run(Network net, Dataset train, HessianOptions o, String runName, Provenance provenance,
                                    Path eigenvectorFile, Progress progress) {
        o.validate();
        long start = System.nanoTime();
        Dataset sample = o.samples() == null ? train
                : train.select(DataTransforms.firstOfPermutation(train.size(), o.samples(), o.seed(), "hessian-sample"));
        ParameterBlock block = o.block().isEmpty() ? ParameterBlock.all(net) : ParameterBlock.of(net, o.block());
        Loss loss = Loss.forOutputs(net.architecture().outputs());
        String method = o.method().toLowerCase(Locale.ROOT);
        try (NDManager memory = TensorEngine.newManager();
             CurvatureOperator curvature = operator(o.operator(), net, new DeviceData(sample, memory, net.precision()), loss, block,
                     o.chunk())) {
            SymmetricOperator op = reporting(curvature, progress, method.equals("dense") ? block.dim() : -1);
            double[] top = new double[0];
            double[] residuals = new double[0];
            double[] bottom = new double[0];
            double[] spectrum = null;
            double[][] vectors = new double[0][];
            HessianResult.Trace trace = null;
            if (method.equals("dense")) {
                DenseHessian dense = DenseHessian.of(op);
                Eigenpairs all = dense.eigen();
                spectrum = all.values();
                int k = Math.min(o.top(), all.size());
                int kb = Math.min(o.bottom(), all.size() - k);
                top = Arrays.copyOf(all.values(), k);
                residuals = Arrays.copyOf(all.residuals(), k);
                bottom = Arrays.copyOfRange(all.values(), all.size() - kb, all.size());
                vectors = new double[k + kb][];
                for (int i = 0; i < k; i++) {
                    vectors[i] = all.vectors()[i];
                }
                for (int i = 0; i < kb; i++) {
                    vectors[k + i] = all.vectors()[all.size() - kb + i];
                }
                if (o.trace()) {
                    trace = new HessianResult.Trace(dense.trace(), 0, 0, true);
                }
            } else if (o.top() + o.bottom() > 0) {
                Eigenpairs e = method.equals("power")
                        ? PowerIteration.top(op, Math.min(o.top(), op.dim()), o.maxSteps(), o.tol(), o.seed())
                        : Lanczos.extremes(op, Math.min(o.top(), op.dim()), Math.min(o.bottom(), Math.max(0, op.dim() - o.top())),
                                o.maxSteps(), o.tol(), o.seed());
                int k = Math.min(o.top(), e.size());
                top = Arrays.copyOf(e.values(), k);
                residuals = Arrays.copyOf(e.residuals(), k);
                bottom = Arrays.copyOfRange(e.values(), k, e.size());
                vectors = e.vectors();
            }
            if (o.trace() && trace == null) {
                TraceEstimate t = Hutchinson.trace(op, 10, o.traceProbes(), o.traceTol(), o.seed() + 1);
                trace = new HessianResult.Trace(t.trace(), t.standardError(), t.probes(), false);
            }
            HessianResult.Density density = null;
            if (o.density()) {
                SpectralDensity d = SpectralDensity.estimate(op, o.slqRuns(), o.slqSteps(), DENSITY_POINTS, DENSITY_SIGMA, o.seed() + 2);
                density = new HessianResult.Density(d.grid(), d.density(), d.sigma(), o.slqRuns(), o.slqSteps(), d.moment(1), d.moment(2),
                        d.nodes(), d.weights(), d.runStarts());
            }
            String saved = null;
            if (eigenvectorFile != null && vectors.length > 0) {
                saveEigenvectors(eigenvectorFile, net, block, top, bottom, vectors, o.operator());
                saved = eigenvectorFile.toString();
            }
            return new HessianResult(provenance, runName, o, o.operator().toLowerCase(Locale.ROOT), block.names(), block.dim(),
                    sample.size(), net.precision().label(), top, residuals, bottom, trace, density, spectrum, curvature.applications(),
                    (System.nanoTime() - start) / 1e9, saved);
        }
    }

    /** {@code op} reporting its running product count to {@code progress}. */
    private static SymmetricOperator reporting(CurvatureOperator op, Progress progress, long total) {
        return new SymmetricOperator() {
            @Override
            public int dim() {
                return op.dim();
            }

            @Override
            public double[] apply(double[] v) {
                double[] out = op.apply(v);
                progress.update(op.applications(), total);
                return out;
            }
        };
    }

    private static CurvatureOperator operator(String name, Network net, DeviceData data, Loss loss, ParameterBlock block, int chunk) {
        return name.equalsIgnoreCase("ggn") ? new GgnOperator(net, data, loss, block, chunk)
                : new HessianOperator(net, data, loss, block, chunk);
    }

    /** Writes the eigenvectors: one tensor per block parameter, shape [k, ...], in the order top then bottom. */
    static void saveEigenvectors(Path file, Network net, ParameterBlock block, double[] top, double[] bottom,
                                 double[][] vectors, String operator) {
        Map<String, TensorData> tensors = new LinkedHashMap<>();
        int k = vectors.length;
        int at = 0;
        for (int p = 0; p < block.names().size(); p++) {
            Shape s = block.shapes().get(p);
            int n = (int) s.size();
            double[] stacked = new double[k * n];
            for (int i = 0; i < k; i++) {
                System.arraycopy(vectors[i], at, stacked, i * n, n);
            }
            at += n;
            long[] shape = new long[s.dimension() + 1];
            shape[0] = k;
            System.arraycopy(s.getShape(), 0, shape, 1, s.dimension());
            tensors.put(block.names().get(p), TensorData.ofDoubles(shape, stacked));
        }
        double[] values = new double[top.length + bottom.length];
        System.arraycopy(top, 0, values, 0, top.length);
        System.arraycopy(bottom, 0, values, top.length, bottom.length);
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put(NetworkFiles.ARCH, net.architecture().spec());
        meta.put("gengeo.operator", operator);
        meta.put("gengeo.eigenvalues", Json.line(values));
        meta.put("gengeo.block", String.join(",", block.names()));
        Safetensors.write(file, tensors, meta);
    }

    /** Eigenvectors read back from a file written by {@link #saveEigenvectors}: the block and one flat vector per pair. */
    public record SavedEigenvectors(List<String> block, double[] values, List<double[]> vectors) {}

    /** Reads an eigenvector file; its block must name parameters of {@code net} with matching shapes. */
    public static SavedEigenvectors readEigenvectors(Path file, Network net) {
        SafetensorsFile f = Safetensors.read(file);
        String blockText = f.metadata().get("gengeo.block");
        String valuesText = f.metadata().get("gengeo.eigenvalues");
        if (blockText == null || valuesText == null) {
            throw new GengeoException(file + ": not a gengeo eigenvector file (no gengeo.block / gengeo.eigenvalues metadata)");
        }
        List<String> block = parseBlock(blockText);
        double[] values = Json.parse(valuesText, double[].class, file.toString());
        ParameterBlock b = ParameterBlock.of(net, block);
        List<double[]> vectors = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            double[] flat = new double[b.dim()];
            int at = 0;
            for (int p = 0; p < b.names().size(); p++) {
                TensorData t = f.tensors().get(b.names().get(p));
                int n = (int) b.shapes().get(p).size();
                if (t == null || t.elementCount() != (long) n * values.length) {
                    throw new GengeoException(file + ": tensor '" + b.names().get(p) + "' does not hold " + values.length
                            + " eigenvectors of the model's shape " + b.shapes().get(p));
                }
                System.arraycopy(t.toDoubleArray(), i * n, flat, at, n);
                at += n;
            }
            vectors.add(flat);
        }
        return new SavedEigenvectors(block, values, vectors);
    }

    /** The block names as the CLI writes them. */
    public static List<String> parseBlock(String text) {
        return text == null || text.isBlank() ? List.of() : Arrays.stream(text.split(",")).map(String::trim).toList();
    }
}
