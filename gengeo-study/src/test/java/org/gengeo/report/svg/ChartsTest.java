package org.gengeo.report.svg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class ChartsTest {
  static final double NAN = Double.NaN;
  static final double INF = Double.POSITIVE_INFINITY;

  /** Every chart type on ordinary data and on edge cases. */
  static List<Supplier<Chart<?>>> allCharts() {
    List<Supplier<Chart<?>>> c = new ArrayList<>();
    double[] x = {0, 1, 2, 3, 4, 5};
    double[] y = {1, 0.5, 0.3, 0.2, 0.15, 0.12};
    // line
    c.add(() -> new LineChart("loss", "step", "loss").add("train", x, y).add("test", x, new double[] {1, .7, .6, .55, .5, .5}));
    c.add(() -> new LineChart("one point", "x", "y").add("a", new double[] {3}, new double[] {7}));
    c.add(() -> new LineChart("flat", "x", "y").markers(true).add("a", x, new double[] {2, 2, 2, 2, 2, 2}));
    c.add(() -> new LineChart("all zero", "x", "y").add("a", new double[] {0, 0}, new double[] {0, 0}));
    c.add(() -> new LineChart("nan", "x", "y").logY(true).add("a", x, new double[] {1, NAN, INF, 0.1, -INF, 1e-3}));
    c.add(() -> new LineChart("all nan", "x", "y").add("a", new double[] {NAN, INF}, new double[] {NAN, NAN}));
    c.add(() -> new LineChart("huge", "x", "y").add("a", new double[] {-1e308, 1e308, 0, 1}, new double[] {1, 2, 3, 4}));
    c.add(() -> new LineChart("tiny", "x", "y").logX(true).add("a", new double[] {1e-300, 1e300}, new double[] {1, 1 + 1e-15}));
    // scatter
    c.add(() -> new ScatterChart("sharpness", "lambda", "gap").add("a", x, y).add("b", y, x).annotate("Kendall tau = 0.41"));
    c.add(() -> new ScatterChart("one", "", "").add("a", new double[] {0}, new double[] {0}));
    c.add(() -> new ScatterChart("nan", "x", "y").logX(true).add("a", new double[] {NAN, 1, 10}, new double[] {1, INF, 2}));
    // bars
    c.add(() -> new BarChart("eigenvalues", "index", "lambda").bars(null, new double[] {41.2, 17.9, 9.1, 3.3, 1.2, 0.4, -0.2, -1.5}));
    c.add(() -> new BarChart("log", "index", "lambda").logY(true).bars(new String[] {"a", "b", "c"}, new double[] {1e-4, NAN, 300}));
    c.add(() -> new BarChart("one", "i", "v").bars(new String[] {"only"}, new double[] {5}));
    c.add(() -> new BarChart("equal", "i", "v").bars(null, new double[] {0, 0, 0}));
    c.add(() -> new BarChart("neg", "i", "v").bars(null, new double[] {-3, -1, -2}));
    c.add(() -> {
      String[] labels = new String[40];
      double[] v = new double[40];
      for (int i = 0; i < 40; i++) {
        labels[i] = "a rather long category name " + i;
        v[i] = Math.sin(i);
      }
      return new BarChart("many", "category", "value").bars(labels, v);
    });
    // density
    c.add(() -> {
      double[] g = new double[200];
      double[] d = new double[200];
      for (int i = 0; i < 200; i++) {
        g[i] = -5 + 60.0 * i / 199;
        d[i] = Math.exp(-g[i] * g[i] / 2) / Math.sqrt(2 * Math.PI) + 0.02 * Math.exp(-(g[i] - 40) * (g[i] - 40) / 8);
      }
      return new DensityChart("spectral density", "eigenvalue", "density").logY(true).curve(g, d);
    });
    c.add(() -> new DensityChart("zeros log", "x", "p").logY(true).curve(new double[] {0, 1, 2}, new double[] {0, 0, 0}));
    c.add(() -> new DensityChart("neg log", "x", "p").logY(true).floor(1e-3).curve(new double[] {0, 1, 2}, new double[] {-1, 0.5, NAN}));
    c.add(() -> new DensityChart("one", "x", "p").curve(new double[] {1}, new double[] {2}));
    c.add(() -> new DensityChart("hist", "x", "p").histogram("samples", new double[] {1, 2, 2, 3, NAN, 3, 3, 4}, 4)
        .histogram("same", new double[] {5, 5}, 3));
    // contour
    c.add(() -> new ContourChart("bowl", "a", "b").grid(lin(-1, 1, 21), lin(-1, 1, 17), bowl(lin(-1, 1, 21), lin(-1, 1, 17)))
        .levels(5).mark(0, 0, "min").zLabel("loss"));
    c.add(() -> new ContourChart("one", "a", "b").grid(new double[] {0}, new double[] {0}, new double[][] {{1}}));
    c.add(() -> new ContourChart("flat", "a", "b").grid(new double[] {0, 1}, new double[] {0, 1}, new double[][] {{1, 1}, {1, 1}}));
    c.add(() -> new ContourChart("nan", "a", "b").logZ(true).grid(new double[] {0, 1, 2}, new double[] {0, 1},
        new double[][] {{1, NAN, 100}, {INF, 10, 1000}}));
    c.add(() -> new ContourChart("all nan", "a", "b").grid(new double[] {0, 1}, new double[] {0, 1},
        new double[][] {{NAN, NAN}, {NAN, NAN}}));
    return c;
  }

  static double[] lin(double a, double b, int n) {
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = n == 1 ? a : a + (b - a) * i / (n - 1);
    }
    return v;
  }

  static double[][] bowl(double[] xs, double[] ys) {
    double[][] z = new double[ys.length][xs.length];
    for (int i = 0; i < ys.length; i++) {
      for (int j = 0; j < xs.length; j++) {
        z[i][j] = xs[j] * xs[j] + ys[i] * ys[i];
      }
    }
    return z;
  }

  @Test
  void everyChartParsesAsSvgAndIsDeterministic() {
    int[][] sizes = {{640, 400}, {160, 120}, {1200, 300}};
    for (Supplier<Chart<?>> s : allCharts()) {
      for (int[] size : sizes) {
        String a = s.get().toSvg(size[0], size[1]);
        Document d = Xml.svg(a);
        assertFalse(a.contains("NaN\"") || a.contains("Infinity"), "non-finite coordinate in " + a);
        assertEquals(a, s.get().toSvg(size[0], size[1]), "same input, same bytes");
        assertTrue(d.getElementsByTagNameNS(Svg.NS, "title").getLength() == 1);
      }
    }
  }

  @Test
  void titleIsEscaped() {
    String nasty = "a <b> & \"c\" 'd' </svg> \u0001";
    List<Chart<?>> charts = List.of(
        new LineChart(nasty, nasty, nasty).add(nasty, new double[] {1, 2}, new double[] {1, 2}).add("x", new double[] {1}, new double[] {1}),
        new ScatterChart(nasty, nasty, nasty).add(nasty, new double[] {1}, new double[] {1}).annotate(nasty),
        new BarChart(nasty, nasty, nasty).bars(new String[] {nasty, "&"}, new double[] {1, 2}),
        new DensityChart(nasty, nasty, nasty).curve(nasty, new double[] {1, 2}, new double[] {1, 2}).curve("<", new double[] {1}, new double[] {1}),
        new ContourChart(nasty, nasty, nasty).zLabel(nasty).mark(0, 0, nasty)
            .grid(new double[] {0, 1}, new double[] {0, 1}, new double[][] {{0, 1}, {1, 2}}));
    for (Chart<?> c : charts) {
      String svg = c.toSvg(500, 300);
      Document d = Xml.svg(svg);
      assertEquals("a <b> & \"c\" 'd' </svg> \uFFFD", d.getElementsByTagNameNS(Svg.NS, "title").item(0).getTextContent());
      assertEquals(1, d.getElementsByTagNameNS(Svg.NS, "svg").getLength());
    }
  }

  @Test
  void emptyOrMismatchedSeriesAreRejected() {
    assertThrows(IllegalArgumentException.class, () -> new LineChart("t", "x", "y").add("a", new double[0], new double[0]));
    assertThrows(IllegalArgumentException.class, () -> new LineChart("t", "x", "y").add("a", new double[] {1}, new double[] {1, 2}));
    assertThrows(IllegalArgumentException.class, () -> new ScatterChart("t", "x", "y").add("a", null, new double[] {1}));
    assertThrows(IllegalArgumentException.class, () -> new LineChart("t", "x", "y").toSvg(400, 300));
    assertThrows(IllegalArgumentException.class, () -> new BarChart("t", "x", "y").bars(null, new double[0]));
    assertThrows(IllegalArgumentException.class, () -> new BarChart("t", "x", "y").bars(new String[] {"a"}, new double[] {1, 2}));
    assertThrows(IllegalArgumentException.class, () -> new BarChart("t", "x", "y").toSvg(400, 300));
    assertThrows(IllegalArgumentException.class, () -> new DensityChart("t", "x", "y").curve(new double[0], new double[0]));
    assertThrows(IllegalArgumentException.class, () -> new DensityChart("t", "x", "y").histogram("h", new double[0], 3));
    assertThrows(IllegalArgumentException.class, () -> new DensityChart("t", "x", "y").toSvg(400, 300));
    assertThrows(IllegalArgumentException.class, () -> new ContourChart("t", "x", "y").grid(new double[0], new double[] {1}, new double[][] {{}}));
    assertThrows(IllegalArgumentException.class, () -> new ContourChart("t", "x", "y").grid(new double[] {1, 0}, new double[] {1}, new double[][] {{1, 2}}));
    assertThrows(IllegalArgumentException.class, () -> new ContourChart("t", "x", "y").grid(new double[] {0, 1}, new double[] {1}, new double[][] {{1}}));
    assertThrows(IllegalArgumentException.class, () -> new ContourChart("t", "x", "y").toSvg(400, 300));
    assertThrows(IllegalArgumentException.class, () -> new LineChart("t", "x", "y").add("a", new double[] {1}, new double[] {1}).toSvg(100, 100));
  }

  @Test
  void nonPositiveValuesOnLogAxesAreRejectedWithAClearMessage() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new LineChart("t", "x", "y").logY(true).add("train", new double[] {1, 2}, new double[] {1, -0.5}).toSvg(400, 300));
    assertTrue(e.getMessage().contains("train") && e.getMessage().contains("y[1]") && e.getMessage().contains("log"), e.getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> new ScatterChart("t", "x", "y").logX(true).add("a", new double[] {0}, new double[] {1}).toSvg(400, 300));
    assertThrows(IllegalArgumentException.class,
        () -> new BarChart("t", "x", "y").logY(true).bars(null, new double[] {1, 0}).toSvg(400, 300));
    assertThrows(IllegalArgumentException.class, () -> new ContourChart("t", "x", "y").logZ(true)
        .grid(new double[] {0, 1}, new double[] {0, 1}, new double[][] {{1, 2}, {0, 3}}).toSvg(400, 300));
    // the density chart clamps to its floor instead (documented)
    Xml.svg(new DensityChart("t", "x", "y").logY(true).curve(new double[] {0, 1}, new double[] {-1, 0}).toSvg(400, 300));
  }

  @Test
  void nanBreaksTheLine() {
    String svg = new LineChart("t", "x", "y").add("a", new double[] {0, 1, 2, 3, 4, 5}, new double[] {1, 2, NAN, 3, 4, INF})
        .toSvg(400, 300);
    Document d = Xml.svg(svg);
    Element series = Xml.firstWithClass(d, "series");
    String path = ((Element) series.getElementsByTagNameNS(Svg.NS, "path").item(0)).getAttribute("d");
    assertEquals(2, path.chars().filter(ch -> ch == 'M').count(), path);
    assertEquals(2, path.chars().filter(ch -> ch == 'L').count(), path);
  }

  @Test
  void legendOnlyWithSeveralSeries() {
    double[] x = {1, 2};
    assertEquals(0, Xml.countClass(Xml.svg(new LineChart("t", "x", "y").add("a", x, x).toSvg(400, 300)), "legend"));
    Document two = Xml.svg(new LineChart("t", "x", "y").add("a", x, x).add("b", x, x).toSvg(400, 300));
    assertEquals(1, Xml.countClass(two, "legend"));
    assertTrue(Xml.firstWithClass(two, "legend").getTextContent().contains("b"));
  }

  @Test
  void barsGoDownFromZero() {
    Document d = Xml.svg(new BarChart("t", "i", "v").valueLabels(false).bars(null, new double[] {2, -1}).toSvg(400, 300));
    NodeList rects = Xml.firstWithClass(d, "series").getElementsByTagNameNS(Svg.NS, "rect");
    Element up = (Element) rects.item(0);
    Element down = (Element) rects.item(1);
    double upBottom = Double.parseDouble(up.getAttribute("y")) + Double.parseDouble(up.getAttribute("height"));
    double downTop = Double.parseDouble(down.getAttribute("y"));
    assertEquals(upBottom, downTop, 0.02, "both bars meet at the zero line");
    assertEquals(2 * Double.parseDouble(down.getAttribute("height")), Double.parseDouble(up.getAttribute("height")), 0.05);
  }

  @Test
  void contourDrawsOneGroupPerLevelAndAColourBar() {
    double[] xs = lin(-1, 1, 31);
    double[] ys = lin(-1, 1, 31);
    Document d = Xml.svg(new ContourChart("bowl", "a", "b").grid(xs, ys, bowl(xs, ys)).levels(4).toSvg(500, 400));
    assertEquals(4, Xml.countClass(d, "contour"));
    assertEquals(1, Xml.countClass(d, "colorbar"));
    assertEquals(31 * 31, Xml.firstWithClass(d, "heatmap").getElementsByTagNameNS(Svg.NS, "rect").getLength());
  }

  @Test
  void differentDataGivesDifferentOutput() {
    double[] x = {1, 2, 3};
    assertNotEquals(new LineChart("t", "x", "y").add("a", x, x).toSvg(400, 300),
        new LineChart("t", "x", "y").add("a", x, new double[] {1, 2, 4}).toSvg(400, 300));
  }

  @Test
  void viridisEndsAndMissing() {
    assertEquals("#470155", Palette.viridis(0)); // matplotlib: #440154
    assertEquals("#FCE721", Palette.viridis(1)); // matplotlib: #FDE725
    assertEquals(Palette.MISSING, Palette.viridis(NAN));
    assertEquals(Palette.viridis(1), Palette.viridis(7));
  }
}
