package org.gengeo.report.page;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.gengeo.core.io.Json;
import org.gengeo.report.chart.LineChart;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

class HtmlPageTest {
    @TempDir
    Path tmp;

    private static HtmlPage page() {
        return new HtmlPage("Report <1> & co").heading("Training").paragraph("SGD with lr < 0.1 & momentum")
                .figure(new LineChart("loss </script> & <b>", "step", "loss").add("a", new double[] {1, 2}, new double[] {3, 4}),
                        "Loss \"curve\"")
                .heading("Measures")
                .table(new String[] {"measure", "value"}, List.of(new String[] {"trace", "12.5"}, new String[] {"<x>"}));
    }

    @Test
    void pageIsWellFormedAndEmbedsTheFigureAndTheLibrary() throws Exception {
        String html = page().toHtml();
        assertTrue(html.startsWith("<!DOCTYPE html>"));
        assertTrue(html.contains("<figcaption>Loss &quot;curve&quot;</figcaption>"));
        assertTrue(html.contains("<td class=\"num\">12.5</td>"));
        assertTrue(html.contains("<td>&lt;x&gt;</td><td></td>"));
        assertTrue(html.contains("<div class=\"table\"><table>"), "tables scroll inside a wrapper");
        Document d = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(html.getBytes(StandardCharsets.UTF_8)));
        assertEquals("html", d.getDocumentElement().getNodeName());
        assertEquals(2, d.getElementsByTagName("section").getLength());
        Element plot = (Element) d.getElementsByTagName("div").item(0);
        assertEquals("loss </script> & <b>", plot.getAttribute("aria-label"));
        Element spec = d.getElementById("fig1-spec") != null ? d.getElementById("fig1-spec") : (Element) d.getElementsByTagName("script").item(0);
        JsonNode json = Json.MAPPER.readTree(spec.getTextContent());
        assertEquals("loss </script> & <b>", json.get("title").asText(), "the figure's JSON survives escaping");
        assertEquals(3.0, json.get("variants").get(0).get("option").get("series").get(0).get("data").get(0).get(1).asDouble());
        String src = ((Element) d.getElementsByTagName("script").item(1)).getAttribute("src");
        assertTrue(src.startsWith("data:text/javascript;base64,"), "the library is inlined, not fetched");
        String library = new String(Base64.getDecoder().decode(src.substring(src.indexOf(',') + 1)), StandardCharsets.UTF_8);
        assertTrue(library.contains("echarts") && library.length() > 500_000, "the whole ECharts bundle");
        assertFalse(html.replace(src, "").matches("(?s).*(src|href)=\"(https?:)?//.*"), "no network address is loaded");
    }

    @Test
    void aPageWithoutFiguresHasNoScript() {
        assertFalse(new HtmlPage("t").paragraph("p").toHtml().contains("<script"));
    }

    @Test
    void writeLeavesEachFiguresJsonBesideThePageAndRemovesStaleOnes() throws Exception {
        Path file = tmp.resolve("report.html");
        Files.createDirectories(tmp.resolve("report-figures"));
        Files.writeString(tmp.resolve("report-figures/07-old.json"), "{}");
        page().write(file);
        assertTrue(Files.readString(file).contains("fig1-spec"));
        try (Stream<Path> s = Files.list(tmp.resolve("report-figures"))) {
            assertEquals(List.of("01-loss-script-b.json"), s.map(p -> p.getFileName().toString()).toList());
        }
        JsonNode fig = Json.MAPPER.readTree(tmp.resolve("report-figures/01-loss-script-b.json").toFile());
        assertTrue(fig.get("library").asText().startsWith("Apache ECharts 5."));
        assertEquals("step", fig.get("variants").get(0).get("option").get("series").get(0).get("dimensions").get(0).asText());
    }

    @Test
    void badInputIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> new HtmlPage("t").table(new String[0], List.of()));
        assertThrows(IllegalArgumentException.class,
                () -> new HtmlPage("t").table(new String[] {"a"}, List.<String[]>of(new String[] {"1", "2"})));
        assertThrows(IllegalArgumentException.class, () -> new HtmlPage("t").figure(new LineChart("empty", "x", "y"), ""));
    }

    @Test
    void deterministic() {
        assertEquals(page().toHtml(), page().toHtml());
    }
}
