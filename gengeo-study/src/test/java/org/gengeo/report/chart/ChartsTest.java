package org.gengeo.report.chart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ChartsTest {
    private static ObjectNode option(Chart<?> c) {
        return c.variants().get(0).option();
    }

    @Test
    void lineSeriesCarryTheirPointsTheAboutFactsAndMissingValues() {
        ObjectNode o = option(new LineChart("Loss", "step", "loss").about("run", "runs/a").logY(true)
                .add("train", new double[] {1, 2, 3}, new double[] {0.5, Double.NaN, -1}));
        assertEquals("axis", o.get("tooltip").get("trigger").asText(), "a line chart's tooltip lists every series at the hovered x");
        assertEquals("log", o.get("yAxis").get("type").asText());
        JsonNode s = o.get("series").get(0);
        assertEquals(List.of("step", "loss", "run"), names(s.get("dimensions")));
        assertEquals(0.5, s.get("data").get(0).get(1).asDouble());
        assertEquals("runs/a", s.get("data").get(0).get(2).asText());
        assertEquals("-", s.get("data").get(1).get(1).asText(), "NaN is ECharts' missing value");
        assertEquals("-", s.get("data").get(2).get(1).asText(), "a negative value cannot be drawn on a log axis");
        assertTrue(o.get("dataZoom").size() == 2 && o.get("legend").get("type").asText().equals("scroll"));
    }

    @Test
    void manySeriesStayDistinct() {
        LineChart c = new LineChart("many", "x", "y");
        for (int i = 0; i < 30; i++) {
            c.add("s" + i, new double[] {0, 1}, new double[] {i, i});
        }
        ObjectNode o = option(c);
        int colours = o.get("color").size();
        assertTrue(colours >= 12, "at least twelve colours, got " + colours);
        Set<String> looks = new HashSet<>();
        for (int i = 0; i < 30; i++) {
            JsonNode s = o.get("series").get(i);
            looks.add(o.get("color").get(i % colours).asText() + s.get("lineStyle").get("type").asText() + s.get("symbol").asText());
        }
        assertEquals(30, looks.size(), "colour, dash and symbol together tell all 30 series apart");
    }

    @Test
    void scatterRegroupsByEveryFactorAndKeepsTheReferenceLineALine() {
        Map<String, String[]> labels = new LinkedHashMap<>();
        labels.put("model", new String[] {"m0", "m1", "m2", "m3"});
        labels.put("lr", new String[] {"0.1", "0.01", "0.1", "0.01"});
        labels.put("seed", new String[] {"0", "0", "1", "1"});
        ScatterChart c = new ScatterChart("measure", "measure", "gap").add("models", new double[] {1, 2, 3, 4},
                new double[] {0.1, 0.2, 0.3, 0.4}, labels).line("y = x", new double[] {0, 1}, new double[] {0, 1}).colourBy("lr").colourBy("seed");
        List<Chart.Variant> v = c.variants();
        assertEquals(List.of("series", "lr", "seed"), v.stream().map(Chart.Variant::label).toList());
        JsonNode byLr = v.get(1).option().get("series");
        assertEquals(List.of("lr = 0.1", "lr = 0.01", "y = x"), names(byLr, "name"));
        assertEquals(2, byLr.get(0).get("data").size());
        JsonNode first = byLr.get(0).get("data").get(1);
        assertEquals(List.of("3.0", "0.3", "m2", "0.1", "1"), List.of(first.get(0).asText(), first.get(1).asText(), first.get(2).asText(),
                first.get(3).asText(), first.get(4).asText()), "a regrouped point keeps its coordinates and labels");
        assertEquals("line", byLr.get(2).get("type").asText());
        assertEquals("scatter", byLr.get(0).get("type").asText());
        assertEquals("item", v.get(0).option().get("tooltip").get("trigger").asText());
        assertThrows(IllegalArgumentException.class, () -> c.colourBy("batch"));
        assertThrows(IllegalArgumentException.class, () -> new ScatterChart("t", "x", "y").add("a", new double[] {1}, new double[] {1},
                Map.of("model", new String[] {"a", "b"})));
    }

    @Test
    void barsHaveOneValuePerCategory() {
        ObjectNode o = option(new BarChart("times", "epoch", "examples").categories("0", "1", "never").add("first", new double[] {2, 1, 1})
                .add("last", new double[] {1, 2, 1}));
        assertEquals(List.of("0", "1", "never"), names(o.get("xAxis").get("data")));
        assertEquals(2, o.get("series").size());
        assertEquals("never", o.get("series").get(1).get("data").get(2).get(0).asText());
        assertThrows(IllegalArgumentException.class, () -> new BarChart("t", "x", "y").categories("a").add("s", new double[] {1, 2}));
        assertThrows(IllegalArgumentException.class, () -> new BarChart("t", "x", "y").variants());
    }

    @Test
    void histogramIsADensityAndTheLogFloorClamps() {
        double[] samples = new double[1000];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = Math.sin(i) * Math.sin(i);
        }
        JsonNode data = option(new DensityChart("h", "x", "density").histogram("s", samples, 20)).get("series").get(0).get("data");
        double area = 0;
        for (int b = 0; b + 1 < data.size(); b++) {
            area += data.get(b).get(1).asDouble() * (data.get(b + 1).get(0).asDouble() - data.get(b).get(0).asDouble());
        }
        assertEquals(1, area, 1e-9, "bar areas sum to one");
        JsonNode log = option(new DensityChart("d", "x", "density").logY(true).curve(new double[] {0, 1, 2}, new double[] {0, 1, 0.5}))
                .get("series").get(0).get("data");
        assertEquals(1e-6, log.get(0).get(1).asDouble(), 1e-18, "zero density is drawn at 1e-6 of the peak");
    }

    @Test
    void heatmapCoversTheGridWithItsRange() {
        double[][] z = {{1, 2, 3}, {4, 5, Double.NaN}};
        ObjectNode o = option(new HeatmapChart("loss", "alpha", "beta").grid(new double[] {-1, 0, 1000}, new double[] {0.25, 1e-5}, z)
                .zLabel("train loss"));
        assertEquals(List.of("-1", "0", "1000"), names(o.get("xAxis").get("data")));
        assertEquals(List.of("0.25", "1e-05"), names(o.get("yAxis").get("data")));
        assertEquals(6, o.get("series").get(0).get("data").size());
        assertEquals(1, o.get("visualMap").get("min").asDouble());
        assertEquals(5, o.get("visualMap").get("max").asDouble());
        assertThrows(IllegalArgumentException.class, () -> new HeatmapChart("t", "x", "y").grid(new double[] {1, 2}, new double[] {1},
                new double[][] {{1}}));
    }

    @Test
    void noteGoesUnderTheTitle() {
        ObjectNode plain = option(new ScatterChart("t", "x", "y").add("a", new double[] {1}, new double[] {2}));
        ObjectNode noted = option(new ScatterChart("t", "x", "y").add("a", new double[] {1}, new double[] {2}).annotate("tau = 0.4"));
        assertEquals("tau = 0.4", noted.get("title").get("subtext").asText());
        assertNotEquals(plain.get("grid").get("top"), noted.get("grid").get("top"));
    }

    private static List<String> names(JsonNode array) {
        List<String> out = new java.util.ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static List<String> names(JsonNode array, String field) {
        List<String> out = new java.util.ArrayList<>();
        array.forEach(n -> out.add(n.get(field).asText()));
        return out;
    }
}
