package org.gengeo.report.page;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Properties;

/**
 * The Apache ECharts library (Apache License 2.0), read from its WebJar on the class path, and the
 * page's own script that hands each figure's option to it. Both are inlined into every page, so a
 * page makes no network request.
 */
final class EChartsLibrary {
  private static final String POM = "/META-INF/maven/org.webjars.npm/echarts/pom.properties";

  /** The ECharts version on the class path, e.g. "5.3.1". */
  static final String VERSION = version();

  /** echarts.min.js as a {@code data:} address (base64), so the page stays well-formed XML whatever the script contains. */
  static final String DATA_URI = "data:text/javascript;base64,"
      + Base64.getEncoder().encodeToString(resource("/META-INF/resources/webjars/echarts/" + VERSION + "/dist/echarts.min.js"));

  /** The page's script (charts.js beside this class): draws every figure, builds the colour choosers, formats tooltips. */
  static final String PAGE_SCRIPT = new String(resource("charts.js"), StandardCharsets.UTF_8);

  private EChartsLibrary() {}

  private static String version() {
    Properties p = new Properties();
    try (InputStream in = EChartsLibrary.class.getResourceAsStream(POM)) {
      if (in == null) {
        throw new IllegalStateException("the ECharts WebJar is not on the class path (" + POM + ")");
      }
      p.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return p.getProperty("version");
  }

  private static byte[] resource(String name) {
    try (InputStream in = EChartsLibrary.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
