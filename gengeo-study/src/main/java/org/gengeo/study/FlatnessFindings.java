package org.gengeo.study;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.gengeo.stats.Quantiles;

/**
 * The paper's findings (Zhang et al. 2021, sections 5-6) stated as checks on the study's numbers.
 * A rank correlation counts as "clear" when Kendall's |tau| is at least {@value #CLEAR}.
 */
final class FlatnessFindings {
    /** Smallest |tau| called a clear correlation. */
    static final double CLEAR = 0.3;

    private FlatnessFindings() {}

    static List<FlatnessStudyResult.Finding> check(FlatnessStudyOptions o, List<FlatnessRow> rows,
                                                   List<FlatnessStudyResult.Correlation> taus) {
        List<FlatnessStudyResult.Finding> out = new ArrayList<>();
        if (o.optimisers().contains("sgd")) {
            double p = tau(taus, "sgd", "log10 P(f)");
            double s = tau(taus, "sgd", "sharpness");
            double l = tau(taus, "sgd", "lambda_max");
            out.add(new FlatnessStudyResult.Finding("SGD: test accuracy rises with log10 P(f)", p >= CLEAR,
                    String.format(Locale.ROOT, "Kendall tau(log10 P(f), test acc) = %.3f", p)));
            out.add(new FlatnessStudyResult.Finding("SGD: flatter (lower sharpness) networks generalise better, less tightly than with P(f)",
                    s <= -CLEAR && Math.abs(s) <= p,
                    String.format(Locale.ROOT, "tau(sharpness, test acc) = %.3f, tau(lambda_max, test acc) = %.3f vs tau(log10 P(f)) = %.3f",
                            s, l, p)));
        }
        if (o.optimisers().size() > 1) {
            double p = tau(taus, FlatnessStudy.POOLED, "log10 P(f)");
            double s = tau(taus, FlatnessStudy.POOLED, "sharpness");
            out.add(new FlatnessStudyResult.Finding("All optimisers together: P(f) ranks the networks by test accuracy better than sharpness",
                    p >= CLEAR && p > Math.abs(s),
                    String.format(Locale.ROOT, "over %d networks: tau(log10 P(f), test acc) = %.3f, tau(sharpness, test acc) = %.3f",
                            rows.size(), p, s)));
        }
        double maxShift = rows.stream().mapToDouble(r -> Math.abs(r.scaledLog10P() - r.log10P())).max().orElse(Double.NaN);
        double maxDiff = rows.stream().mapToDouble(FlatnessRow::outputDifference).max().orElse(Double.NaN);
        out.add(new FlatnessStudyResult.Finding("alpha-scaling leaves the function and P(f) unchanged", maxShift < 1e-6,
                String.format(Locale.ROOT, "largest |change of log10 P(f)| = %.2g, largest relative output change = %.2g", maxShift, maxDiff)));
        double sharpRatio = median(rows.stream().mapToDouble(r -> r.sharpnessScaled() / r.sharpness()).toArray());
        double lambdaRatio = median(rows.stream().mapToDouble(r -> r.topEigenvalueScaled() / r.topEigenvalue()).toArray());
        out.add(new FlatnessStudyResult.Finding("alpha-scaling moves sharpness and lambda_max by large factors",
                sharpRatio > 3 && lambdaRatio > 3,
                String.format(Locale.ROOT, "median ratio after/before (alpha = %s): sharpness x%.3g, lambda_max x%.3g",
                        o.alpha(), sharpRatio, lambdaRatio)));
        for (String opt : o.optimisers()) {
            if (opt.equals("sgd")) {
                continue;
            }
            double p = tau(taus, opt, "log10 P(f)");
            double s = tau(taus, opt, "sharpness");
            out.add(new FlatnessStudyResult.Finding(label(opt) + ": P(f) still tracks test accuracy while sharpness does not",
                    p >= CLEAR && Math.abs(s) < CLEAR,
                    String.format(Locale.ROOT, "tau(log10 P(f), test acc) = %.3f, tau(sharpness, test acc) = %.3f", p, s)));
        }
        return out;
    }

    /** The optimiser's name as the paper writes it. */
    static String label(String optimiser) {
        switch (optimiser) {
            case "sgd": return "SGD";
            case "adam": return "Adam";
            case "entropy-sgd": return "Entropy-SGD";
            case FlatnessStudy.POOLED: return "all optimisers";
            default: return optimiser;
        }
    }

    static double tau(List<FlatnessStudyResult.Correlation> taus, String opt, String measure) {
        return taus.stream().filter(c -> c.optimiser().equals(opt) && c.measure().equals(measure))
                .mapToDouble(FlatnessStudyResult.Correlation::kendallTau).findFirst().orElse(Double.NaN);
    }

    /** The median of the finite values (NaN if there are none). */
    private static double median(double[] x) {
        return Quantiles.ofSorted(Arrays.stream(x).filter(Double::isFinite).sorted().toArray(), 0.5);
    }
}
