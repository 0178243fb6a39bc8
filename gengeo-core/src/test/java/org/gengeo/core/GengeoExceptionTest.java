package org.gengeo.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.gengeo.core.model.Architecture;
import org.junit.jupiter.api.Test;

/** An error message stays one line whatever user text it echoes (the spec fuzz test found a line break in a spec). */
class GengeoExceptionTest {
    @Test
    void controlCharactersInEchoedInputAreEscaped() {
        assertEquals("model spec 'fl9\\nat64' must start with mlp:, cnn:, resnet, vgg or nin (e.g. mlp:784-100-10, resnet20, resnet18:cifar, vgg11_bn, nin)",
                org.junit.jupiter.api.Assertions.assertThrows(GengeoException.class, () -> Architecture.parse("fl9\nat64")).getMessage());
        assertEquals("a\\tb\\rc\\u0007d\\u2028", new GengeoException("a\tb\rc\u0007d\u2028").getMessage());
        assertEquals(GengeoException.BAD_INPUT, new GengeoException("x").exitCode());
    }
}
