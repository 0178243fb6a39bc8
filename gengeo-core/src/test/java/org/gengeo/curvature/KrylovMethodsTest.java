package org.gengeo.curvature;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Lanczos, power iteration, Hutchinson and SLQ on explicit matrices with known spectra, against
 * the exact eigenvalues, the dense EJML decomposition, and closed-form moments.
 */
class KrylovMethodsTest {
    static double[] spectrum(int n) {
        double[] l = new double[n];
        for (int i = 0; i < n; i++) {
            l[i] = i < 5 ? 50.0 / (i + 1) : Math.sin(i) * 0.5; // 5 outliers over a bulk that has negatives
        }
        return l;
    }

    static double[] sortedDescending(double[] l) {
        double[] s = l.clone();
        Arrays.sort(s);
        for (int i = 0; i < s.length / 2; i++) {
            double t = s[i];
            s[i] = s[s.length - 1 - i];
            s[s.length - 1 - i] = t;
        }
        return s;
    }

    @Test
    void lanczosFindsTopAndBottomEigenpairsToRounding() {
        double[] lambda = spectrum(80);
        MatrixOperator a = MatrixOperator.withSpectrum(lambda, 3);
        double[] exact = sortedDescending(lambda);
        Eigenpairs e = Lanczos.extremes(a, 5, 2, 80, 1e-12, 1);
        for (int i = 0; i < 5; i++) {
            assertEquals(exact[i], e.values()[i], 1e-8 * Math.abs(exact[i]), "top " + i);
        }
        assertEquals(exact[78], e.values()[5], 1e-8 * Math.abs(exact[78]));
        assertEquals(exact[79], e.values()[6], 1e-8 * Math.abs(exact[79]));
        for (int i = 0; i < e.size(); i++) {
            double[] r = a.apply(e.vectors()[i]);
            Vectors.axpy(-e.values()[i], e.vectors()[i], r);
            assertTrue(Vectors.norm(r) < 1e-6, "residual of pair " + i + ": " + Vectors.norm(r));
            assertEquals(1, Vectors.norm(e.vectors()[i]), 1e-10);
        }
        Eigenpairs topOnly = Lanczos.extremes(a, 5, 0, 80, 1e-10, 1);
        assertTrue(topOnly.applications() < 40, "well-separated outliers converge early: " + topOnly.applications());
        assertEquals(exact[4], topOnly.values()[4], 1e-8 * exact[4]);
    }

    @Test
    void denseDecompositionAgreesWithTheKnownSpectrum() {
        double[] lambda = spectrum(40);
        DenseHessian d = DenseHessian.of(MatrixOperator.withSpectrum(lambda, 5));
        assertTrue(d.asymmetry() < 1e-14);
        double[] exact = sortedDescending(lambda);
        Eigenpairs e = d.eigen();
        for (int i = 0; i < 40; i++) {
            assertEquals(exact[i], e.values()[i], 1e-10, "eigenvalue " + i);
            assertTrue(e.residuals()[i] < 1e-10);
        }
        assertEquals(Arrays.stream(lambda).sum(), d.trace(), 1e-10);
    }

    @Test
    void powerIterationFindsTheLargestMagnitudesAndNeedsMoreProductsThanLanczos() {
        double[] lambda = spectrum(80);
        double[] exact = sortedDescending(lambda);
        MatrixOperator pa = MatrixOperator.withSpectrum(lambda, 3);
        Eigenpairs p = PowerIteration.top(pa, 3, 500, 1e-8, 2);
        for (int i = 0; i < 3; i++) {
            assertEquals(exact[i], p.values()[i], 1e-4 * exact[i], "power " + i);
        }
        MatrixOperator la = MatrixOperator.withSpectrum(lambda, 3);
        Lanczos.extremes(la, 3, 0, 80, 1e-6, 2);
        assertTrue(la.applications < pa.applications, "Lanczos " + la.applications + " vs power " + pa.applications);
    }

    @Test
    void hutchinsonIsWithinThreeStandardErrorsOfTheTrace() {
        double[] lambda = spectrum(60);
        MatrixOperator a = MatrixOperator.withSpectrum(lambda, 8);
        TraceEstimate t = Hutchinson.trace(a, 10, 400, 0.02, 4);
        double exact = Arrays.stream(lambda).sum();
        assertTrue(t.standardError() > 0);
        assertTrue(Math.abs(t.trace() - exact) <= 3 * t.standardError(), t + " vs " + exact);
        assertEquals(t.probes(), a.applications);
    }

    @Test
    void slqDensityIntegratesToOneAndMatchesTheTraceMoments() {
        int n = 60;
        double[] lambda = spectrum(n);
        MatrixOperator a = MatrixOperator.withSpectrum(lambda, 9);
        int runs = 200;
        SpectralDensity s = SpectralDensity.estimate(a, runs, 20, 2000, 0.01, 6);
        assertEquals(1, s.integral(), 1e-3);
        double m1 = Arrays.stream(lambda).sum() / n;
        double m2 = Arrays.stream(lambda).map(x -> x * x).sum() / n;
        double m4 = Arrays.stream(lambda).map(x -> x * x * x * x).sum() / n;
        // for a uniform unit vector v, Var(v^T A v) = 2 (tr(A^2)/n - (tr A / n)^2) / (n + 2)
        double se1 = Math.sqrt(2 * (m2 - m1 * m1) / (n + 2) / runs);
        double se2 = Math.sqrt(2 * (m4 - m2 * m2) / (n + 2) / runs);
        assertEquals(m1, s.moment(1), 4 * se1, "first moment");
        assertEquals(m2, s.moment(2), 4 * se2, "second moment");
        assertEquals(runs * 20, s.applications());
    }

    @Test
    void slqSpectralSumMatchesTheEigenvaluesWithinItsSamplingError() {
        int n = 60;
        double[] lambda = spectrum(n);
        MatrixOperator a = MatrixOperator.withSpectrum(lambda, 9);
        int runs = 300;
        // with n Lanczos steps each run's quadrature is exact, so only the start vectors' sampling error remains
        SpectralDensity s = SpectralDensity.estimate(a, runs, n, 50, 0.01, 8);
        double z = 0.5;
        java.util.function.DoubleUnaryOperator f = x -> x > 0 ? x / (x + z) : 0;
        double[] b = Arrays.stream(lambda).map(f).toArray();
        double exact = Arrays.stream(b).sum();
        double mb = exact / n;
        double mb2 = Arrays.stream(b).map(x -> x * x).sum() / n;
        // n v^T B v for uniform unit v has variance n^2 * 2 (tr(B^2)/n - (tr B / n)^2) / (n + 2)
        double se = n * Math.sqrt(2 * (mb2 - mb * mb) / (n + 2) / runs);
        double[] est = s.traceOf(f, n);
        assertEquals(exact, est[0], 4 * se, "effective dimension");
        assertEquals(se, est[1], 0.3 * se, "the reported standard error estimates the true one");
        assertEquals(n * s.moment(1), s.traceOf(x -> x, n)[0], 1e-9 * Math.abs(n * s.moment(1)), "f(x) = x gives n times the first moment");
    }
}
