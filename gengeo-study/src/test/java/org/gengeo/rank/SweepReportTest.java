package org.gengeo.rank;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.gengeo.core.Provenance;
import org.gengeo.report.ReportFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

/** The sweep page: the models' table as in results.csv, measures ranked by |tau|, one scatter plot per measure. */
class SweepReportTest {
    static final String CSV = """
            id,lr,seed,outcome,steps,train_loss,train_acc,test_loss,test_acc,gap_acc,gap_loss,up,mixed,down
            m1,0.1,1,completed,10,0.5,0.9,0.7,0.8,0.1,0.2,1.5,1,50
            m2,0.1,2,completed,10,0.5,0.9,0.7,0.7,0.2,0.2,2.5,3,40
            m3,0.2,1,completed,10,0.5,0.9,0.7,0.6,0.3,0.2,3.5,2,30
            m4,0.2,2,completed,10,0.5,0.9,0.7,0.5,0.4,0.2,4.5,5,20
            m5,0.3,1,completed,10,0.5,0.9,0.7,0.4,0.5,0.2,5.5,4,10
            """;

    @Test
    void modelsRankingAndScatterPlots(@TempDir Path tmp) throws Exception {
        Files.writeString(tmp.resolve("results.csv"), CSV);
        assertEquals(tmp.resolve("report.html"), SweepReport.write(tmp, "test"));
        Document doc = ReportFixture.xml(Files.readString(tmp.resolve("report.html")));
        List<List<String>> rows = ReportFixture.rows(doc);
        List<String> lines = CSV.lines().skip(1).toList();
        for (int i = 0; i < lines.size(); i++) {
            assertEquals(List.of(lines.get(i).split(",")), rows.get(i));
        }
        assertTrue(html(tmp).contains("5 models from " + tmp.resolve("results.csv") + "."), "no config column is shared");
        // gap rises with 'up' (tau 1), falls with 'down' (-1); 'mixed' 1,3,2,5,4 has 8 concordant and 2 discordant pairs: 0.6
        assertEquals(List.of("1", "up", "1.000", "1.000"), rows.get(5).subList(0, 4));
        assertEquals(List.of("2", "down", "-1.000", "1.000"), rows.get(6).subList(0, 4));
        assertEquals(List.of("3", "mixed", "0.600", "0.600"), rows.get(7).subList(0, 4));
        assertEquals(List.of("up", "down", "mixed"), ReportFixture.chartTitles(doc));
        var up = ReportFixture.spec(doc, "up").get("variants");
        assertEquals(List.of("series", "lr", "seed"), List.of(up.get(0).get("label").asText(), up.get(1).get("label").asText(),
                up.get(2).get("label").asText()), "the scatter can be coloured by every factor");
        var points = up.get(0).get("option").get("series").get(0);
        assertEquals("model", points.get("dimensions").get(2).asText());
        assertEquals("m1", points.get("data").get(0).get(2).asText(), "each point names its model");
        assertTrue(html(tmp).contains("th:first-child,td:first-child{position:sticky;left:0"), "the model table keeps its first column");
    }

    @Test
    void sharedConfigColumnsAreNamedOnceAndNumbersShortened(@TempDir Path tmp) throws Exception {
        Files.writeString(tmp.resolve("results.csv"), """
                id,data,lr,outcome,steps,train_loss,train_acc,test_loss,test_acc,gap_acc,gap_loss
                a,gaussians,0.1,completed,8,2.206468454996745,0.9,0.7,0.8,0.1,0.2
                b,gaussians,0.2,diverged,8,NaN,0.9,0.7,0.8,0.1,0.2
                """);
        String html = SweepReport.page(tmp, Provenance.current("test")).toHtml();
        assertTrue(html.contains("2 models from " + tmp.resolve("results.csv") + "; all with data gaussians."), html);
        List<List<String>> rows = ReportFixture.rows(ReportFixture.xml(html));
        assertEquals(List.of("a", "0.1", "completed", "8", "2.20647", "0.9", "0.7", "0.8", "0.1", "0.2"), rows.get(0));
        assertEquals("NaN", rows.get(1).get(4));
    }

    private static String html(Path dir) throws Exception {
        return Files.readString(dir.resolve("report.html"));
    }

    @Test
    void aSweepWithoutMeasuresStillShowsItsModels(@TempDir Path tmp) throws Exception {
        String noMeasures = CSV.lines().map(l -> String.join(",", List.of(l.split(",")).subList(0, 11)) + "\n")
                .collect(java.util.stream.Collectors.joining());
        Files.writeString(tmp.resolve("results.csv"), noMeasures);
        String html = SweepReport.page(tmp, Provenance.current("test")).toHtml();
        Document doc = ReportFixture.xml(html);
        assertEquals(5, ReportFixture.rows(doc).size());
        assertTrue(html.contains("No ranking: "), html);
        assertEquals(List.of(), ReportFixture.chartTitles(doc));
    }
}
