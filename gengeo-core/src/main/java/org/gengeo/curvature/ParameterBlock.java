package org.gengeo.curvature;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.gengeo.core.GengeoException;
import org.gengeo.core.model.Network;
import org.gengeo.core.tensor.Precision;
import org.gengeo.core.tensor.Tensors;

/**
 * The parameters a curvature computation differentiates with respect to (all of a network's, or a
 * named subset such as {@code fc0.weight} or {@code fc0.weight,fc0.bias}), and the map between
 * them and one flat float64 vector: the parameters concatenated in network order, each row-major.
 */
public final class ParameterBlock {
    private final List<String> names;
    private final List<Shape> shapes;
    private final List<NDArray> arrays;
    private final int dim;

    private ParameterBlock(List<String> names, List<Shape> shapes, List<NDArray> arrays) {
        this.names = List.copyOf(names);
        this.shapes = List.copyOf(shapes);
        this.arrays = List.copyOf(arrays);
        long n = 0;
        for (Shape s : shapes) {
            n += s.size();
        }
        if (n > Integer.MAX_VALUE - 8) {
            throw new GengeoException("parameter block has " + n + " entries, more than one vector can hold");
        }
        this.dim = (int) n;
    }

    /** Every parameter of {@code net}. */
    public static ParameterBlock all(Network net) {
        return of(net, List.copyOf(net.parameters().keySet()));
    }

    /** The named parameters of {@code net}, in network order; an unknown name is an error listing the valid ones. */
    public static ParameterBlock of(Network net, List<String> wanted) {
        Map<String, NDArray> params = net.parameters();
        for (String w : wanted) {
            if (!params.containsKey(w)) {
                throw new GengeoException("--block: no parameter '" + w + "' (the model has " + String.join(", ", params.keySet()) + ")");
            }
        }
        List<String> names = new ArrayList<>();
        List<Shape> shapes = new ArrayList<>();
        List<NDArray> arrays = new ArrayList<>();
        for (Map.Entry<String, NDArray> p : params.entrySet()) {
            if (wanted.contains(p.getKey())) {
                names.add(p.getKey());
                shapes.add(p.getValue().getShape());
                arrays.add(p.getValue());
            }
        }
        return new ParameterBlock(names, shapes, arrays);
    }

    /** Length of the flat vector. */
    public int dim() {
        return dim;
    }

    public List<String> names() {
        return names;
    }

    public List<Shape> shapes() {
        return shapes;
    }

    /** The live parameter arrays of the block. */
    public List<NDArray> arrays() {
        return arrays;
    }

    /** Splits a flat vector into one array per parameter, in {@code precision}, created in {@code manager}. */
    public List<NDArray> split(double[] v, NDManager manager, Precision precision) {
        List<NDArray> out = new ArrayList<>(names.size());
        int at = 0;
        for (Shape s : shapes) {
            int n = (int) s.size();
            double[] part = new double[n];
            System.arraycopy(v, at, part, 0, n);
            at += n;
            NDArray a = manager.create(part, s);
            out.add(precision == Precision.FLOAT64 ? a : a.toType(precision.dataType(), false));
        }
        return out;
    }

    /** Concatenates one array per parameter into a flat float64 vector. */
    public double[] flatten(List<NDArray> parts) {
        double[] v = new double[dim];
        int at = 0;
        for (NDArray p : parts) {
            double[] d = Tensors.doubles(p);
            System.arraycopy(d, 0, v, at, d.length);
            at += d.length;
        }
        return v;
    }

    /** The block's current parameter values as a flat vector. */
    public double[] values() {
        return flatten(arrays);
    }
}
