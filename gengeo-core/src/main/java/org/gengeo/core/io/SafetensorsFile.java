package org.gengeo.core.io;

import java.util.Map;

/**
 * A parsed safetensors file: its tensors in header order (an unmodifiable insertion-ordered map)
 * and its {@code __metadata__} (empty if the header has none).
 *
 * @param tensors  tensor name to tensor, in the order the header lists them
 * @param metadata the header's {@code __metadata__} string map, in header order
 */
public record SafetensorsFile(Map<String, TensorData> tensors, Map<String, String> metadata) {}
