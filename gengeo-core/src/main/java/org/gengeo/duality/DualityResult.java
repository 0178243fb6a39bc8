package org.gengeo.duality;

import java.util.Map;
import org.gengeo.core.Provenance;

/**
 * {@code duality.json}: the activity-weight duality decomposition of a run's generalization loss
 * on one layer (Feng and Tu 2022). Directions are the layer Hessian's eigenvectors, ordered by
 * eigenvalue h_n, descending.
 *
 * @param run                 run directory
 * @param options             the analysis options
 * @param layer               dense layer analysed, e.g. fc1
 * @param block               the parameters dw lives in (fc1.weight, plus fc1.bias when augmented)
 * @param dimension           P, the number of those parameters
 * @param hessianMethod       closed-form, autograd (dense) or lanczos (top K)
 * @param complete            true when the directions are a complete basis (no remainder)
 * @param trainExamples       clean training examples (mislabelled ones excluded from losses, Hessian and pairing)
 * @param excludedTrain       mislabelled training examples excluded
 * @param testExamples        test examples
 * @param pairs               pairs used
 * @param skippedPairs        pairs skipped because the training activity a was 0 (all units dead)
 * @param zeroDwPairs         pairs with dw = 0 (kept, with g = 0: they add 0 to both sides)
 * @param meanPairDistance    mean distance of the pairs in the pairing space (NaN for all pairs)
 * @param trainLoss           mean loss over the clean training set
 * @param testLoss            mean loss over the test set
 * @param generalizationLoss  the true gap: test loss - clean train loss
 * @param pairedTrainLoss     mean loss of the training partners, (1/K) sum_k l(x_nn(k))
 * @param meanDl              (1/K) sum_k dl_k, dl_k = l(x_k; W) - l(x_nn(k); W) = l(x_nn; W + dw_k) - l(x_nn; W)
 * @param identity            the exact identity sum_n (mu_g mu_w + c sigma_g sigma_w) (+ remainder)
 * @param secondOrder         1/2 sum_n h_n (sigma_w^2 + mu_w^2), and without the mean term
 * @param splitBySigmaG       sharp (top by sigma_g, descending; the authors' ordering) and flat parts
 * @param splitByH            the same split with directions ordered by h_n
 * @param size                size measures of the dual weights and the layer
 * @param shape               how sigma_g, sigma_w and c vary across directions
 * @param directions          per-direction statistics
 * @param orderBySigmaG       direction indices sorted by sigma_g, descending
 * @param timings             seconds per stage
 */
public record DualityResult(Provenance provenance, String run, DualityOptions options, String layer, java.util.List<String> block,
                            int dimension, String hessianMethod, boolean complete, int trainExamples, int excludedTrain,
                            int testExamples, int pairs, int skippedPairs, int zeroDwPairs, double meanPairDistance,
                            double trainLoss, double testLoss, double generalizationLoss, double pairedTrainLoss, double meanDl,
                            Identity identity, SecondOrder secondOrder, Split splitBySigmaG, Split splitByH, Size size, Shape shape,
                            Directions directions, int[] orderBySigmaG, Map<String, Double> timings) {

    /** Per-direction statistics over the pairs (population normalisation), and the part outside the directions. */
    public record Directions(double[] h, double[] muW, double[] sigmaW, double[] muG, double[] sigmaG, double[] c, double remainder) {}

    /**
     * The exact identity mean dl = sum_n mu_g mu_w + sum_n c sigma_g sigma_w (+ remainder outside
     * the directions when they are not complete).
     */
    public record Identity(double meanTerms, double covarianceTerms, double remainder, double total) {}

    /** 1/2 sum_n h_n (sigma_w^2 + mu_w^2) and 1/2 sum_n h_n sigma_w^2 over the directions computed. */
    public record SecondOrder(double full, double sigmaOnly, boolean topKOnly) {}

    /**
     * Sharp/flat split of the identity: the first {@code sharpCount} directions in {@code ordering}
     * and the rest (the remainder, if any, goes to flat). *Cov sums only c sigma_g sigma_w (as the
     * authors' figures), *Total adds mu_g mu_w.
     */
    public record Split(String ordering, int sharpCount, double sharpCov, double flatCov, double sharpTotal, double flatTotal) {}

    /**
     * Size: sum_n sigma_w^2, sum_n (sigma_w^2 + mu_w^2) (= mean |dw|^2 when complete), the mean |dw|^2
     * itself, the Frobenius norm of the layer's weight, and the mean effective-gradient spread
     * sum_n sigma_g^2 (sharpness).
     */
    public record Size(double sumSigmaW2, double sumSecondMomentW, double meanDw2, double weightNorm, double sumSigmaG2) {}

    /**
     * The shape of the spectra: Spearman rank correlations of sigma_g,n and of sigma_w,n with h_n
     * over the directions (does sharpness follow curvature?), and the mean and population standard
     * deviation of c_n (the authors find c_n roughly independent of n).
     */
    public record Shape(double spearmanSigmaGH, double spearmanSigmaWH, double cMean, double cStd) {}
}
