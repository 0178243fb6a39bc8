package org.gengeo.core.tensor;

import ai.djl.ndarray.types.DataType;
import java.util.Locale;
import org.gengeo.core.GengeoException;

/** Floating-point precision of a model's parameters and computations. */
public enum Precision {
    /** 32-bit floats: the default for training. */
    FLOAT32(DataType.FLOAT32),
    /** 64-bit floats: for numerical checks and exact curvature work. */
    FLOAT64(DataType.FLOAT64);

    private final DataType dataType;

    Precision(DataType dataType) {
        this.dataType = dataType;
    }

    /** The engine's data type. */
    public DataType dataType() {
        return dataType;
    }

    /** The lower-case name used on the command line and in files: float32, float64. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses "float32" / "float64" (also "f32", "f64"). */
    public static Precision parse(String text) {
        switch (text.toLowerCase(Locale.ROOT)) {
            case "float32": case "f32": case "fp32": return FLOAT32;
            case "float64": case "f64": case "fp64": case "double": return FLOAT64;
            default: throw new GengeoException("unknown precision '" + text + "' (expected float32 or float64)");
        }
    }
}
