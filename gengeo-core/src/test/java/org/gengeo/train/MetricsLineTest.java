package org.gengeo.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;
import org.gengeo.core.GengeoException;
import org.gengeo.core.io.Json;
import org.junit.jupiter.api.Test;

/** metrics.jsonl: missing numbers are JSON nulls, read back as NaN; old files with "NaN" strings still read. */
class MetricsLineTest {
    @Test
    void nonFiniteNumbersAreWrittenAsNullAndReadBackAsNaN() throws Exception {
        Map<String, Double> layers = new LinkedHashMap<>();
        layers.put("fc1", 0.5);
        layers.put("fc2", Double.NaN);
        MetricsLine l = new MetricsLine(7, 1, Double.NaN, 0.25, Double.POSITIVE_INFINITY, 0.5, 1.5, 0.1, 2.0, Double.NaN, layers, null);
        String text = l.toJsonLine();
        assertFalse(text.contains("NaN") || text.contains("Infinity"), text);
        JsonNode node = Json.MAPPER.readTree(text);
        assertTrue(node.get("train_loss").isNull(), text);
        assertTrue(node.get("test_loss").isNull(), text);
        assertTrue(node.get("coherence").isNull(), text);
        assertTrue(node.get("coherence_layers").get("fc2").isNull(), text);
        assertEquals(0.25, node.get("train_acc").doubleValue());
        MetricsLine back = MetricsLine.parse(text, "test");
        assertTrue(Double.isNaN(back.trainLoss()));
        assertTrue(Double.isNaN(back.testLoss()), "an infinity is not kept: JSON has no spelling for it");
        assertEquals(0.25, back.trainAcc());
        assertNull(back.coherence());
        assertEquals(0.5, back.coherenceLayers().get("fc1"));
    }

    @Test
    void oldLinesWithNaNStringsStillRead() {
        String old = "{\"step\":3,\"epoch\":0,\"train_loss\":\"NaN\",\"train_acc\":0.1,\"test_loss\":\"Infinity\",\"test_acc\":0.1,"
                + "\"batch_loss\":\"NaN\",\"lr\":0.01,\"wall_s\":1.0}";
        MetricsLine l = MetricsLine.parse(old, "old");
        assertTrue(Double.isNaN(l.trainLoss()));
        assertEquals(Double.POSITIVE_INFINITY, l.testLoss());
        assertEquals(0.01, l.lr());
        GengeoException e = assertThrows(GengeoException.class, () -> MetricsLine.parse(old.replace("\"NaN\"", "\"many\""), "f.jsonl line 2"));
        assertTrue(e.getMessage().startsWith("f.jsonl line 2"), e.getMessage());
    }
}
