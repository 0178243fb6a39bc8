package org.gengeo.curvature;

import java.util.SplittableRandom;
import java.util.function.DoubleUnaryOperator;

/**
 * The spectral density of a symmetric operator by stochastic Lanczos quadrature (Golub and Meurant
 * 2010; Ghorbani, Krishnan and Xiao 2019; Lin, Saad and Yang 2016). Each run starts m-step Lanczos
 * from a random unit vector v; the eigenvalues theta_i of T_m with weights tau_i = s_i[0]^2 give a
 * quadrature for v^T f(A) v, exact for polynomials of degree below 2m. Averaging runs and smoothing
 * each node with a Gaussian of width sigma gives phi(t) = (1/R) sum_r sum_i tau_i N(t; theta_i, sigma^2),
 * which integrates to 1, with moments sum tau theta -> tr(A)/n and sum tau theta^2 -> tr(A^2)/n.
 *
 * @param grid      points t_k (uniform)
 * @param density   phi(t_k)
 * @param nodes     every run's Ritz values, run after run
 * @param weights   the matching quadrature weights (summing to 1 / runs per run)
 * @param runStarts index in {@code nodes} where each run begins, then {@code nodes.length} (a run can stop early when its Krylov space closes)
 * @param runs      number of random starts
 * @param sigma     Gaussian width
 * @param applications operator products used
 */
public record SpectralDensity(double[] grid, double[] density, double[] nodes, double[] weights, int[] runStarts, int runs,
                              double sigma, long applications) {

    /**
     * Estimates the density with {@code runs} starts of {@code steps} Lanczos steps, on
     * {@code points} grid points spanning the nodes plus 5 sigma, sigma = {@code sigmaFraction}
     * times the spread of the nodes (or of |nodes| if they coincide).
     */
    public static SpectralDensity estimate(SymmetricOperator a, int runs, int steps, int points, double sigmaFraction, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        int m = Math.min(steps, a.dim());
        double[] nodes = new double[runs * m];
        double[] weights = new double[runs * m];
        int[] runStarts = new int[runs + 1];
        int count = 0;
        long products = 0;
        for (int r = 0; r < runs; r++) {
            runStarts[r] = count;
            Lanczos.Run run = Lanczos.run(a, Vectors.randomUnit(a.dim(), rng), m, x -> false);
            products += run.steps();
            SymmetricEigen ritz = run.ritz();
            for (int i = 0; i < run.steps(); i++) {
                nodes[count] = ritz.values()[i];
                weights[count] = ritz.vectors()[i][0] * ritz.vectors()[i][0] / runs;
                count++;
            }
        }
        runStarts[runs] = count;
        nodes = java.util.Arrays.copyOf(nodes, count);
        weights = java.util.Arrays.copyOf(weights, count);
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double t : nodes) {
            lo = Math.min(lo, t);
            hi = Math.max(hi, t);
        }
        double spread = hi - lo > 0 ? hi - lo : Math.max(Math.abs(hi), 1e-12);
        double sigma = sigmaFraction * spread;
        double[] grid = new double[points];
        double[] density = new double[points];
        double from = lo - 5 * sigma;
        double step = (hi + 5 * sigma - from) / (points - 1);
        double norm = 1 / (sigma * Math.sqrt(2 * Math.PI));
        for (int k = 0; k < points; k++) {
            grid[k] = from + k * step;
            double s = 0;
            for (int i = 0; i < count; i++) {
                double z = (grid[k] - nodes[i]) / sigma;
                s += weights[i] * Math.exp(-0.5 * z * z);
            }
            density[k] = s * norm;
        }
        return new SpectralDensity(grid, density, nodes, weights, runStarts, runs, sigma, products);
    }

    /** The SLQ estimate of tr f(A) with its standard error; see {@link #traceOf(double[], double[], int[], DoubleUnaryOperator, int)}. */
    public double[] traceOf(DoubleUnaryOperator f, int dim) {
        return traceOf(nodes, weights, runStarts, f, dim);
    }

    /**
     * The SLQ estimate of tr f(A) = sum_j f(lambda_j) for an operator of dimension {@code dim}, from the
     * quadrature nodes and weights of R runs: each run r estimates v_r^T f(A) v_r = sum_i tau_i f(theta_i)
     * (its weights sum to 1, stored here divided by R), whose mean over uniform unit vectors is tr f(A) / dim;
     * the estimate is dim times the mean over runs, with its standard error over the runs (NaN for one run).
     *
     * @return {estimate, standard error}
     */
    public static double[] traceOf(double[] nodes, double[] weights, int[] runStarts, DoubleUnaryOperator f, int dim) {
        int runs = runStarts.length - 1;
        double sum = 0;
        double sumSq = 0;
        for (int r = 0; r < runs; r++) {
            double run = 0;
            for (int i = runStarts[r]; i < runStarts[r + 1]; i++) {
                run += weights[i] * runs * f.applyAsDouble(nodes[i]);
            }
            run *= dim;
            sum += run;
            sumSq += run * run;
        }
        double mean = sum / runs;
        double variance = runs > 1 ? Math.max(0, (sumSq - runs * mean * mean) / (runs - 1)) : Double.NaN;
        return new double[] {mean, Math.sqrt(variance / runs)};
    }

    /** sum_i tau_i theta_i^p over all runs (p = 1: estimate of tr(A)/n; p = 2: of tr(A^2)/n). */
    public double moment(int p) {
        double s = 0;
        for (int i = 0; i < nodes.length; i++) {
            s += weights[i] * Math.pow(nodes[i], p);
        }
        return s;
    }

    /** The trapezoidal integral of the density over the grid (about 1). */
    public double integral() {
        double s = 0;
        for (int k = 1; k < grid.length; k++) {
            s += 0.5 * (density[k] + density[k - 1]) * (grid[k] - grid[k - 1]);
        }
        return s;
    }
}
