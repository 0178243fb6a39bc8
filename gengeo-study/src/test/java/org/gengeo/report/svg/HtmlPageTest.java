package org.gengeo.report.svg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

class HtmlPageTest {

  static int count(String s, String needle) {
    return s.split(Pattern.quote(needle), -1).length - 1;
  }

  @Test
  void pageHoldsFigureAndTableAndIsBalanced() {
    String svg = new LineChart("loss", "step", "loss").add("a", new double[] {1, 2}, new double[] {3, 4}).toSvg(400, 300);
    String html = new HtmlPage("Report <1> & co")
        .heading("Training").paragraph("SGD with lr < 0.1 & momentum")
        .figure(svg, "Loss \"curve\"")
        .heading("Measures")
        .table(new String[] {"measure", "value"}, List.of(new String[] {"trace", "12.5"}, new String[] {"<x>"}))
        .toHtml();
    assertTrue(html.startsWith("<!DOCTYPE html>"));
    assertTrue(html.contains(svg), "figure inlined verbatim");
    assertTrue(html.contains("<figcaption>Loss &quot;curve&quot;</figcaption>"));
    assertTrue(html.contains("<td class=\"num\">12.5</td>"));
    assertTrue(html.contains("<td>&lt;x&gt;</td><td></td>"));
    assertTrue(html.contains("<title>Report &lt;1&gt; &amp; co</title>"));
    for (String tag : new String[] {"html", "head", "body", "main", "section", "table", "figure", "svg", "style", "h1", "h2"}) {
      int opens = 0;
      Matcher m = Pattern.compile("<" + tag + "[\\s>]").matcher(html);
      while (m.find()) {
        opens++;
      }
      assertEquals(opens, count(html, "</" + tag + ">"), "balanced <" + tag + ">");
    }
    assertEquals(2, count(html, "<section>"));
    assertTrue(!html.contains("<script") && !html.contains("http://") || html.contains("http://www.w3.org/2000/svg"));
    // polyglot: the whole page is also well-formed XML
    Document d = Xml.parse(html);
    assertEquals("html", d.getDocumentElement().getNodeName());
    assertEquals(1, d.getElementsByTagName("table").getLength());
    assertEquals(1, d.getElementsByTagNameNS(Svg.NS, "svg").getLength());
  }

  @Test
  void badInputIsRejected() {
    assertThrows(IllegalArgumentException.class, () -> new HtmlPage("t").figure("<p>not svg</p>", "c"));
    assertThrows(IllegalArgumentException.class, () -> new HtmlPage("t").table(new String[0], List.of()));
    assertThrows(IllegalArgumentException.class,
        () -> new HtmlPage("t").table(new String[] {"a"}, List.<String[]>of(new String[] {"1", "2"})));
  }

  @Test
  void deterministic() {
    assertEquals(new HtmlPage("t").paragraph("p").toHtml(), new HtmlPage("t").paragraph("p").toHtml());
  }
}
