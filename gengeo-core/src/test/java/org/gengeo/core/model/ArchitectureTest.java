package org.gengeo.core.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.gengeo.core.GengeoException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Spec strings: parsing, parameter names and PyTorch layouts, and clear errors. */
class ArchitectureTest {
    @Test
    void mlpHasPyTorchNamesAndLayouts() {
        Architecture a = Architecture.parse("mlp:784-100-10");
        List<Network.ParameterShape> p = Network.parameterShapes(a);
        assertEquals(List.of("fc0.weight", "fc0.bias", "fc1.weight", "fc1.bias"), p.stream().map(Network.ParameterShape::name).toList());
        assertArrayEquals(new long[] {100, 784}, p.get(0).shape());
        assertArrayEquals(new long[] {10}, p.get(3).shape());
        assertEquals(10, a.outputs());
        assertEquals(784, a.inputSize());
        assertEquals(784 * 100 + 100 + 100 * 10 + 10, p.stream().mapToLong(Network.ParameterShape::size).sum());
    }

    @Test
    void cnnShapesFollowTheConvolutionArithmetic() {
        Architecture a = Architecture.parse("cnn:1x28x28-c16k5p2-m2-c32k5p2-m2-100-10");
        assertTrue(a.convolutional());
        List<Network.ParameterShape> p = Network.parameterShapes(a);
        assertArrayEquals(new long[] {16, 1, 5, 5}, p.get(0).shape());
        assertArrayEquals(new long[] {32, 16, 5, 5}, p.get(2).shape());
        assertEquals("fc0.weight", p.get(4).name());
        assertArrayEquals(new long[] {100, 32 * 7 * 7}, p.get(4).shape());
        Architecture strided = Architecture.parse("cnn:3x32x32-c8k3s2p1-10");
        assertArrayEquals(new long[] {10, 8 * 16 * 16}, Network.parameterShapes(strided).get(2).shape());
    }

    @Test
    void nobiasRemovesEveryBias() {
        Architecture a = Architecture.parse("mlp:784-30-30-10:nobias");
        assertFalse(a.bias());
        assertEquals(List.of("fc0.weight", "fc1.weight", "fc2.weight"),
                Network.parameterShapes(a).stream().map(Network.ParameterShape::name).toList());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "''|empty model spec",
        "resnet:18|must start with mlp:, cnn:, resnet, vgg or nin",
        "resnet21|no ResNet of depth 21",
        "resnet009999999999999999999999999|no ResNet of depth 009999999999999999999999999",
        "mlp:bn|has options but no layers",
        "resnet20:w=0|must be between 1",
        "resnet20:depth=3|unknown option",
        "resnet20:cifar|already a CIFAR network",
        "resnet18:in=3x8|must be an image shape",
        "vgg11_bn:in=3x16x16|too small for features.",
        "nin:w=4:w=5|given twice",
        "mlp:784|needs an input size and at least one layer",
        "mlp:784-0-10|must be between 1",
        "mlp:784-x-10|'x' is not a positive integer",
        "mlp:784--10|'' is not a positive integer",
        "cnn:28x28-10|must start with the input shape",
        "cnn:1x4x4-c2k5-10|larger than its 4x4 input",
        "cnn:1x28x28-c16k5|must end with a dense layer",
        "cnn:1x28x28-100-c16k5-10|cannot read layer 'c16k5'",
        "cnn:1x28x28-q7-10|cannot read layer 'q7'",
        "cnn:1x3x3-m4-10|larger than its 3x3 input",
    })
    void badSpecsAreOneLineErrors(String spec, String expected) {
        GengeoException e = assertThrows(GengeoException.class, () -> Architecture.parse(spec));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
    }
}
