package org.gengeo.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.gengeo.core.io.Safetensors;
import org.gengeo.core.io.TensorData;
import org.gengeo.core.tensor.Autograd;
import org.gengeo.core.tensor.Precision;
import org.gengeo.core.tensor.TensorEngine;
import org.gengeo.core.tensor.Tensors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Residual, VGG and NiN networks against PyTorch: the fixtures in {@code deep/} were written by
 * {@code torch_reference.py} from networks built with torchvision's own BasicBlock and VGG
 * make_layers (torch 1.13, float64), with non-trivial running statistics. gengeo must load the
 * state_dict as it is (torchvision names, int64 num_batches_tracked) and give PyTorch's evaluation
 * and training logits, training-mode gradients and updated running statistics.
 */
class DeepNetworksTorchTest {
    private static final Path PYTHON = Path.of("/usr/bin/python3");

    @TempDir
    Path tmp;

    private Map<String, TensorData> resource(String name) throws IOException {
        try (InputStream in = getClass().getResourceAsStream("deep/" + name)) {
            return Safetensors.read(in.readAllBytes(), name).tensors();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"resnet8", "resnet14", "vgg11_bn", "nin"})
    void matchesPyTorch(String name) throws IOException {
        TensorEngine.ensureStarted();
        byte[] model;
        try (InputStream in = getClass().getResourceAsStream("deep/" + name + ".model.safetensors")) {
            model = in.readAllBytes();
        }
        Map<String, TensorData> expected = resource(name + ".expected.safetensors");
        try (Network net = NetworkFiles.load(Safetensors.read(model, name), Precision.FLOAT64, name);
             NDManager m = TensorEngine.newManager()) {
            long n = expected.get("y").shape()[0];
            NDArray x = m.create(expected.get("x").toDoubleArray(), new Shape(n, net.architecture().inputSize()));
            long[] labels = new long[(int) n];
            double[] y = expected.get("y").toDoubleArray();
            for (int i = 0; i < n; i++) {
                labels[i] = (long) y[i];
            }
            NDArray yy = m.create(labels);
            close(expected.get("logits_eval").toDoubleArray(), Tensors.doubles(net.forward(x, ForwardPass.inference())), 1e-10, "eval logits");
            Loss loss = Loss.forOutputs(net.architecture().outputs());
            List<NDArray> params = net.parameterList();
            Autograd.clear(params);
            NDArray[] logits = new NDArray[1];
            Autograd.backward(() -> {
                logits[0] = net.forward(x, ForwardPass.training(0));
                return loss.mean(logits[0], yy);
            });
            close(expected.get("logits_train").toDoubleArray(), Tensors.doubles(logits[0]), 1e-10, "training logits");
            List<NDArray> grads = Autograd.gradients(params);
            int k = 0;
            for (String p : net.parameters().keySet()) {
                close(expected.get("grad." + p).toDoubleArray(), Tensors.doubles(grads.get(k++)), 1e-9, "gradient of " + p);
            }
            assertEquals(expected.keySet().stream().filter(s -> s.startsWith("grad.")).count(), net.parameters().size());
            for (Map.Entry<String, NDArray> b : net.buffers().entrySet()) {
                close(expected.get("after." + b.getKey()).toDoubleArray(), Tensors.doubles(b.getValue()), 1e-12, b.getKey());
            }
            Autograd.clear(params);
        }
    }

    private static void close(double[] want, double[] got, double tol, String what) {
        assertEquals(want.length, got.length, what);
        double scale = 0;
        double diff = 0;
        for (int i = 0; i < want.length; i++) {
            scale = Math.max(scale, Math.abs(want[i]));
            diff = Math.max(diff, Math.abs(want[i] - got[i]));
        }
        assertTrue(diff <= tol * Math.max(1, scale), what + ": max |difference| " + diff + " (scale " + scale + ")");
    }

    /**
     * torchvision's resnet18 itself (10 classes): its state_dict written by PyTorch loads and gives its
     * logits, and gengeo's own file of it loads back into torchvision with strict=True. Needs Debian's
     * python3-torch and python3-torchvision; skipped where they are missing.
     */
    @Test
    void torchvisionResnet18RoundTrip() throws Exception {
        assumeTrue(Files.isExecutable(PYTHON), "no /usr/bin/python3");
        String probe = python("-c", "import torch, torchvision; print('ok')");
        assumeTrue(probe.strip().endsWith("ok"), "python3-torch / python3-torchvision not installed");
        Path script = tmp.resolve("torch_reference.py");
        try (InputStream in = getClass().getResourceAsStream("torch_reference.py")) {
            Files.copy(in, script);
        }
        python(script.toString(), "resnet18", tmp.toString());
        TensorEngine.ensureStarted();
        Map<String, TensorData> expected = Safetensors.read(tmp.resolve("resnet18.expected.safetensors")).tensors();
        Path ours = tmp.resolve("gengeo-resnet18.safetensors");
        try (Network net = NetworkFiles.load(tmp.resolve("resnet18.safetensors")); NDManager m = TensorEngine.newManager()) {
            assertEquals(11_181_642, net.parameterCount());
            NDArray x = m.create(expected.get("x").toFloatArray(), new Shape(3, 3 * 32 * 32));
            close(expected.get("logits").toDoubleArray(), Tensors.doubles(net.forward(x, ForwardPass.inference())), 1e-5, "resnet18 logits");
            NetworkFiles.save(ours, net, "{\"test\":true}");
        }
        String out = python(script.toString(), "check", ours.toString(), tmp.resolve("resnet18.expected.safetensors").toString());
        assertTrue(out.contains("max_abs_diff"), out);
        double diff = Double.parseDouble(out.substring(out.indexOf("max_abs_diff") + 13).strip());
        assertTrue(diff < 1e-5, out);
    }

    private static String python(String... args) throws IOException, InterruptedException {
        String[] cmd = new String[args.length + 1];
        cmd[0] = PYTHON.toString();
        System.arraycopy(args, 0, cmd, 1, args.length);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(300, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("python timed out");
        }
        if (p.exitValue() != 0 && !args[0].equals("-c")) {
            throw new IOException("python failed: " + out);
        }
        return out;
    }
}
