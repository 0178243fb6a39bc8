package org.gengeo.core.tensor;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;

/** Small conversions between engine arrays and Java values. */
public final class Tensors {
    private Tensors() {}

    /** The value of a one-element array of any numeric type, as a double. */
    public static double scalar(NDArray a) {
        switch (a.getDataType()) {
            case FLOAT64: return a.getDouble();
            case FLOAT32: return a.getFloat();
            default: return a.toType(DataType.FLOAT64, false).getDouble();
        }
    }

    /** The values of an array of any numeric type, as doubles. */
    public static double[] doubles(NDArray a) {
        return a.getDataType() == DataType.FLOAT64 ? a.toDoubleArray() : a.toType(DataType.FLOAT64, false).toDoubleArray();
    }
}
