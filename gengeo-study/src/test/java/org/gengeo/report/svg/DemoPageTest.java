package org.gengeo.report.svg;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Writes target/svg-demo.html with every chart type, for a person to look at. */
class DemoPageTest {

  private static String[] longLabels() {
    String[] l = new String[40];
    for (int i = 0; i < l.length; i++) {
      l[i] = "layer " + i + " weight";
    }
    return l;
  }

  private static double[] sines() {
    double[] v = new double[40];
    for (int i = 0; i < v.length; i++) {
      v[i] = Math.sin(i / 3.0) * 1500;
    }
    return v;
  }

  @Test
  void writeDemoPage() throws Exception {
    Random rnd = new Random(1);
    int steps = 200;
    double[] step = new double[steps];
    double[] train = new double[steps];
    double[] test = new double[steps];
    double[] noisy = new double[steps];
    for (int i = 0; i < steps; i++) {
      step[i] = i * 50;
      train[i] = 2.3 * Math.exp(-i / 30.0) + 1e-3 + 0.02 * rnd.nextDouble() * Math.exp(-i / 60.0);
      test[i] = 2.3 * Math.exp(-i / 35.0) + 0.35 + 0.03 * rnd.nextDouble();
      noisy[i] = i == 120 ? Double.NaN : 2.3 * Math.exp(-i / 80.0) + 0.6;
    }
    String line = new LineChart("Loss during training", "step", "cross-entropy loss").logY(true)
        .add("train", step, train).add("test", step, test).add("train, 20% label noise", step, noisy)
        .toSvg(720, 420);

    List<double[]> pts = new ArrayList<>();
    ScatterChart scatter = new ScatterChart("Sharpness against generalization gap", "top Hessian eigenvalue",
        "test error - train error").logX(true);
    String[] groups = {"batch 16", "batch 64", "batch 256"};
    for (int g = 0; g < 3; g++) {
      double[] x = new double[25];
      double[] y = new double[25];
      for (int i = 0; i < 25; i++) {
        x[i] = Math.pow(10, 0.5 + g * 0.6 + 0.5 * rnd.nextGaussian());
        y[i] = 0.02 + 0.03 * Math.log10(x[i]) + 0.01 * rnd.nextGaussian();
      }
      scatter.add(groups[g], x, y);
      pts.add(x);
    }
    String sc = scatter.annotate("Kendall tau = 0.41\n75 models").toSvg(720, 420);

    double[] eig = {412.3, 187.9, 91.4, 33.1, 12.2, 4.4, 1.9, 0.7, -0.3, -2.1};
    String bars = new BarChart("Top-10 Hessian eigenvalues", "index", "eigenvalue").bars(null, eig).toSvg(720, 380);
    String barsLog = new BarChart("Top-10 Hessian eigenvalues (log)", "index", "eigenvalue").logY(true)
        .bars(null, new double[] {412.3, 187.9, 91.4, 33.1, 12.2, 4.4, 1.9, 0.7, 0.05, 0.0021}).toSvg(720, 380);

    int n = 400;
    double[] grid = new double[n];
    double[] dens = new double[n];
    for (int i = 0; i < n; i++) {
      grid[i] = -20 + 460.0 * i / (n - 1);
      dens[i] = 0.9 * Math.exp(-grid[i] * grid[i] / 2) / Math.sqrt(2 * Math.PI)
          + 0.001 * Math.exp(-Math.pow(grid[i] - 90, 2) / 50) + 0.0002 * Math.exp(-Math.pow(grid[i] - 410, 2) / 20);
    }
    String density = new DensityChart("Hessian spectral density (SLQ)", "eigenvalue", "density").logY(true)
        .curve(grid, dens).toSvg(720, 380);
    double[] samples = new double[2000];
    for (int i = 0; i < samples.length; i++) {
      samples[i] = i < 1000 ? rnd.nextGaussian() : 2.5 + 0.5 * rnd.nextGaussian();
    }
    String hist = new DensityChart("Margin distribution", "normalised margin", "density")
        .histogram("correct", java.util.Arrays.copyOf(samples, 1000), 40)
        .histogram("shifted", java.util.Arrays.copyOfRange(samples, 1000, 2000), 40).toSvg(720, 380);

    double[] a = ChartsTest.lin(-1, 1, 61);
    double[] b = ChartsTest.lin(-1, 1, 61);
    double[][] loss = new double[b.length][a.length];
    for (int i = 0; i < b.length; i++) {
      for (int j = 0; j < a.length; j++) {
        double u = a[j];
        double v = b[i];
        loss[i][j] = 0.05 + 3 * u * u + 0.7 * v * v + 0.8 * Math.sin(3 * u) * Math.sin(2 * v) * u * v + 0.3 * u * v;
      }
    }
    String contour = new ContourChart("Loss landscape slice", "direction 1 (filter-normalised)", "direction 2")
        .grid(a, b, loss).logZ(true).levels(9).zLabel("train loss").mark(0, 0, "trained").toSvg(620, 520);

    String html = new HtmlPage("gengeo SVG chart demo")
        .paragraph("Every chart type of org.gengeo.report.svg, rendered as static inline SVG (no script, no network).")
        .heading("Line chart").figure(line, "Log-y loss curves; the third series has a NaN at step 6000, which breaks its line.")
        .heading("Scatter chart").figure(sc, "Three batch sizes, log-x, with an annotation.")
        .heading("Bar charts").figure(bars, "Linear axis: negative eigenvalues go down from zero.")
        .figure(barsLog, "The same on a log axis.")
        .heading("Density").figure(density, "Log-y spectral density with outliers at 90 and 410.")
        .figure(hist, "Two histograms normalised as densities.")
        .heading("Contour").figure(contour, "Heat map (viridis, log colour scale), 9 iso-lines, colour bar.")
        .heading("Edge cases")
        .figure(new BarChart("Forty long category labels", "category", "value").bars(longLabels(), sines()).toSvg(720, 380),
            "Labels that do not fit are rotated.")
        .figure(new LineChart("One point", "x", "y").add("a", new double[] {3}, new double[] {7}).toSvg(240, 180), "One point.")
        .figure(new ScatterChart("All NaN", "x", "y").add("a", new double[] {Double.NaN}, new double[] {1}).toSvg(240, 180),
            "No finite data.")
        .figure(new ContourChart("Flat", "x", "y").grid(new double[] {0, 1}, new double[] {0, 1},
            new double[][] {{2, 2}, {2, 2}}).toSvg(240, 180), "Constant field, smallest size.")
        .heading("Table").table(new String[] {"measure", "value", "note"},
            List.of(new String[] {"top eigenvalue", "412.3", "Lanczos, 20 iterations"},
                new String[] {"trace", "1.2k", "Hutchinson, 100 probes"},
                new String[] {"Kendall tau", "0.41", "sharpness vs gap <all models>"}))
        .toHtml();
    Path out = Path.of(System.getProperty("basedir", "."), "target", "svg-demo.html");
    new HtmlPage("x").write(out); // exercise write, then overwrite
    Files.writeString(out, html);
    Xml.parse(html);
    assertTrue(Files.size(out) > 10_000);
  }
}
