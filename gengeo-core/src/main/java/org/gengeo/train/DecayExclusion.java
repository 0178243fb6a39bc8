package org.gengeo.train;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.gengeo.core.GengeoException;
import org.gengeo.core.model.Network;

/**
 * The parameters weight decay skips ({@code --weight-decay-exclude bn,bias}): the common CIFAR
 * practice of decaying only convolution and dense weights, not biases and not batch-norm scales and
 * shifts ("no bias decay", He et al. 2019, Bag of Tricks for Image Classification, Sec. 3.1, after
 * Jia et al. 2018). In PyTorch this is a parameter group with weight_decay 0. A parameter's role is read from {@link Network#parameterShapes}, never guessed
 * from its name by the caller: {@link #excludes} is the one place that decides.
 *
 * @param batchNorm skip the batch-norm parameters (gamma and beta)
 * @param bias      skip every bias (a batch norm's beta included)
 */
public record DecayExclusion(boolean batchNorm, boolean bias) {
    /** Decay every parameter. */
    public static final DecayExclusion NONE = new DecayExclusion(false, false);

    /**
     * Parses a comma-separated list of {@code bn} and {@code bias}; null, empty or {@code none} is {@link #NONE}.
     *
     * @throws GengeoException naming the bad item
     */
    public static DecayExclusion parse(String spec) {
        if (spec == null || spec.isBlank() || spec.equals("none")) {
            return NONE;
        }
        boolean bn = false;
        boolean bias = false;
        for (String item : spec.toLowerCase(Locale.ROOT).split(",", -1)) {
            switch (item.trim()) {
                case "bn": bn = true; break;
                case "bias": bias = true; break;
                default: throw new GengeoException("--weight-decay-exclude takes bn and/or bias (e.g. bn,bias), got '" + item.trim() + "'");
            }
        }
        return new DecayExclusion(bn, bias);
    }

    /**
     * True when weight decay skips parameter {@code p}: a bias ({@link Network.ParameterShape#isBias()})
     * under {@code bias}, a batch-norm scale or shift under {@code bn}. The only place that decides
     * what role a parameter has for weight decay.
     */
    public boolean excludes(Network.ParameterShape p) {
        return (bias && p.isBias()) || (batchNorm && p.isNormalisation());
    }

    /** Per parameter of {@code network}, in {@link Network#parameterList()} order, whether weight decay applies to it. */
    public boolean[] decayed(Network network) {
        Map<String, Network.ParameterShape> roles = new HashMap<>();
        for (Network.ParameterShape p : Network.parameterShapes(network.architecture())) {
            roles.put(p.name(), p);
        }
        String[] names = network.parameters().keySet().toArray(new String[0]);
        boolean[] decayed = new boolean[names.length];
        for (int i = 0; i < names.length; i++) {
            Network.ParameterShape p = roles.get(names[i]);
            if (p == null) {
                throw new IllegalStateException("parameter " + names[i] + " is not among " + network.architecture().spec() + "'s parameters");
            }
            decayed[i] = !excludes(p);
        }
        return decayed;
    }
}
