package org.gengeo.core.model;

import ai.djl.ndarray.NDArray;
import java.util.Locale;
import org.gengeo.core.GengeoException;

/** Element-wise non-linearity applied after every hidden layer. */
public enum Activation {
    /** max(0, z). */
    RELU,
    /** tanh(z): smooth, used where finite differences must be exact. */
    TANH;

    /** Applies the non-linearity. */
    public NDArray apply(NDArray z) {
        return this == RELU ? z.getNDArrayInternal().relu() : z.tanh();
    }

    /** The lower-case name used in flags and metadata. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses "relu" or "tanh". */
    public static Activation parse(String text) {
        for (Activation a : values()) {
            if (a.label().equals(text.toLowerCase(Locale.ROOT))) {
                return a;
            }
        }
        throw new GengeoException("unknown activation '" + text + "' (expected relu or tanh)");
    }
}
