package org.gengeo.study;

/**
 * One measurement of the temporal flatness experiment: a network of one seed at one epoch.
 *
 * @param seed      training seed
 * @param phase     {@code fit} (training until S is fitted), {@code post} (training on after that) or
 *                  {@code rescaled} (training on after the alpha-scaling)
 * @param epoch     epochs trained since initialisation (the three phases counted one after the other)
 * @param sinceFit  epochs trained since S was fitted (negative during the fitting phase)
 * @param trainLoss binary cross-entropy on S
 * @param trainAcc  accuracy on S
 * @param testAcc   accuracy on E
 * @param log10P    log10 P(f) of the function the network expresses: its predicted labels on S and on E (EP,
 *                  analytic NNGP kernel), as the authors' temporal code takes it
 * @param sharpness Keskar sharpness on S
 * @param function  the predicted labels on S then E, as a string of 0s and 1s
 */
public record TemporalPoint(int seed, String phase, int epoch, int sinceFit, double trainLoss, double trainAcc, double testAcc,
                            double log10P, double sharpness, String function) {
    /** How many of the examples of S u E the two points' functions label differently. */
    public int labelsChanged(TemporalPoint other) {
        int n = 0;
        for (int i = 0; i < function.length(); i++) {
            n += function.charAt(i) != other.function.charAt(i) ? 1 : 0;
        }
        return n;
    }
}
