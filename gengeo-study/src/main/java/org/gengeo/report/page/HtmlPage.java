package org.gengeo.report.page;

import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.gengeo.core.Provenance;
import org.gengeo.core.io.AtomicFiles;
import org.gengeo.core.io.Json;
import org.gengeo.report.chart.Chart;

/**
 * One self-contained HTML5 page: a title, sections with headings, paragraphs, tables and
 * explorable figures with captions. The CSS is inline; the figures are drawn by the Apache ECharts
 * library, which is inlined into the page together with each figure's option (its data and how to
 * draw it), so the page can be mailed, archived or opened offline and makes no network request.
 *
 * <pre>{@code
 * new HtmlPage("Run a")
 *     .heading("Training").paragraph("SGD, lr 0.1, batch 64.")
 *     .figure(new LineChart("Loss", "step", "loss").add("train", step, loss), "Loss against step.")
 *     .heading("Measures").table(new String[] {"measure", "value"}, rows)
 *     .write(Path.of("runs/a/report.html"));
 * }</pre>
 *
 * <p>{@link #write(Path)} also writes each figure's option as JSON into a folder beside the page
 * ({@code report.html} gets {@code report-figures/01-loss.json}, ...), for a reader who wants to
 * re-plot the data elsewhere. All text is escaped, and the page is well-formed XML (polyglot
 * markup), so it can be checked with an XML parser. Wide tables scroll sideways with their first
 * column fixed. Each {@link #heading(String)} opens a new {@code <section>}.
 */
public final class HtmlPage {
  private static final Pattern NUMBER = Pattern.compile(
      "[-+\u2212]?(\\d[\\d,]*(\\.\\d*)?|\\.\\d+)([eE][-+]?\\d+)?\\s*[%kMGT]?|[-+]?(inf|NaN)");

  /** Jackson with '<', '>' and '&' written as \\u escapes, so a figure's JSON can sit inside a script element. */
  private static final ObjectMapper EMBEDDED = embedded();

  private static final String CSS = String.join("\n",
      "body{margin:0;background:#fff;color:#1a1a1a;font:15px/1.5 -apple-system,'Segoe UI',Helvetica,Arial,sans-serif}",
      "main{max-width:1000px;margin:0 auto;padding:24px 28px 48px}",
      "h1{font-size:1.7em;margin:0.2em 0 0.6em}",
      "h2{font-size:1.3em;margin:1.6em 0 0.5em;padding-bottom:0.2em;border-bottom:1px solid #ddd}",
      "p{margin:0.6em 0;max-width:48em}",
      "div.table{overflow-x:auto;max-width:100%;margin:0.8em 0}",
      "table{border-collapse:separate;border-spacing:0;font-size:0.93em}",
      "th,td{padding:4px 10px;border-bottom:1px solid #e3e3e3;text-align:left;vertical-align:top}",
      "th,td.num,td:first-child{white-space:nowrap}",
      "th{border-bottom:2px solid #999;font-weight:600}",
      "th:first-child,td:first-child{position:sticky;left:0;background:#fff;border-right:1px solid #e3e3e3}",
      "td.num{text-align:right;font-variant-numeric:tabular-nums}",
      "tbody tr:nth-child(even) td{background:#f7f7f7}",
      "figure{margin:1.2em 0;max-width:100%}",
      "div.plot{width:100%;max-width:900px;height:460px}",
      "label.colour-by{font-size:0.9em;color:#444}",
      "figcaption{font-size:0.9em;color:#444;margin-top:0.3em;max-width:48em}",
      "@media print{main{max-width:none;padding:0}figure{break-inside:avoid}}");

  private final String title;
  private final List<String> parts = new ArrayList<>();
  private final List<Figure> figures = new ArrayList<>();
  private boolean inSection;

  /** A figure of the page: its file name stem beside the page, title and ECharts variants. */
  private record Figure(String stem, ObjectNode spec) {}

  /**
   * @param title page title, used for {@code <title>} and the top {@code <h1>}
   */
  public HtmlPage(String title) {
    this.title = title == null ? "" : title;
  }

  /** Escapes {@code &, <, >, "} and {@code '} for HTML text and attribute values. */
  public static String escape(String text) {
    StringBuilder b = new StringBuilder(text.length());
    for (char c : text.toCharArray()) {
      switch (c) {
        case '&' -> b.append("&amp;");
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '"' -> b.append("&quot;");
        case '\'' -> b.append("&#39;");
        default -> b.append(c < 0x20 && c != '\n' && c != '\t' ? ' ' : c);
      }
    }
    return b.toString();
  }
  /**
   * Starts a new section with an {@code <h2>} heading.
   *
   * @param text heading text
   * @return this page
   */
  public HtmlPage heading(String text) {
    closeSection();
    parts.add("<section>\n<h2>" + escape(text) + "</h2>\n");
    inSection = true;
    return this;
  }

  /**
   * Ends the page with the section that says which gengeo wrote it, when, and by which command.
   *
   * @param provenance the writing process
   * @return this page
   */
  public HtmlPage about(Provenance provenance) {
    heading("About this page");
    return paragraph("Written by gengeo " + provenance.gengeoVersion() + " (commit " + provenance.gitCommit() + ") at "
        + provenance.createdAt() + ": " + provenance.command());
  }

  /**
   * Reads an input of the page: null when {@code file} does not exist; when {@code read} fails, a
   * one-line error on the page naming {@code file}, and null, so one bad file does not lose the
   * rest of the page.
   *
   * @param file the file {@code read} reads
   * @param read the reader
   * @return what {@code read} returned, or null
   */
  public <T> T readOrNote(Path file, Supplier<T> read) {
    if (!Files.exists(file)) {
      return null;
    }
    try {
      return read.get();
    } catch (RuntimeException e) {
      String msg = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().lines().findFirst().orElse("");
      paragraph("Error: " + (msg.contains(file.getFileName().toString()) ? msg : file + ": " + msg));
      return null;
    }
  }

  /**
   * Adds a paragraph of plain text.
   *
   * @param text the text (escaped; line breaks are kept as spaces)
   * @return this page
   */
  public HtmlPage paragraph(String text) {
    parts.add("<p>" + escape(text) + "</p>\n");
    return this;
  }

  /**
   * Adds a table. Cells that look like numbers are right-aligned. Short rows are padded with
   * empty cells; null cells are written empty.
   *
   * @param header column titles
   * @param rows rows of cells, each at most as long as {@code header}
   * @return this page
   * @throws IllegalArgumentException if {@code header} is null or empty or a row is longer than
   *     the header
   */
  public HtmlPage table(String[] header, List<String[]> rows) {
    if (header == null || header.length == 0) {
      throw new IllegalArgumentException("table needs at least one column");
    }
    StringBuilder b = new StringBuilder("<div class=\"table\"><table>\n<thead><tr>");
    for (String h : header) {
      b.append("<th>").append(escape(h)).append("</th>");
    }
    b.append("</tr></thead>\n<tbody>\n");
    int r = 0;
    for (String[] row : rows == null ? List.<String[]>of() : rows) {
      String[] cells = row == null ? new String[0] : row;
      if (cells.length > header.length) {
        throw new IllegalArgumentException("table row " + r + " has " + cells.length + " cells but the header has "
            + header.length);
      }
      b.append("<tr>");
      for (int i = 0; i < header.length; i++) {
        String c = i < cells.length && cells[i] != null ? cells[i] : "";
        b.append(NUMBER.matcher(c.trim()).matches() ? "<td class=\"num\">" : "<td>")
            .append(escape(c)).append("</td>");
      }
      b.append("</tr>\n");
      r++;
    }
    b.append("</tbody>\n</table></div>\n");
    parts.add(b.toString());
    return this;
  }

  /**
   * Adds a list of links, e.g. to the pages of the runs an index compares.
   *
   * @param links pairs of (relative address, text); both are escaped
   * @return this page
   */
  public HtmlPage links(List<String[]> links) {
    StringBuilder b = new StringBuilder("<ul>\n");
    for (String[] l : links) {
      b.append("<li><a href=\"").append(escape(l[0])).append("\">").append(escape(l[1])).append("</a></li>\n");
    }
    parts.add(b.append("</ul>\n").toString());
    return this;
  }

  /**
   * Adds an explorable figure with a caption.
   *
   * @param chart the chart; its options are taken now, so later changes to it do not show
   * @param caption caption text (escaped); null or empty for none
   * @return this page
   * @throws IllegalArgumentException if the chart has no data
   */
  public HtmlPage figure(Chart<?> chart, String caption) {
    int n = figures.size() + 1;
    String slug = chart.title().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
    String stem = String.format(Locale.ROOT, "%02d-%s", n, slug.length() > 48 ? slug.substring(0, 48) : slug);
    ObjectNode spec = JsonNodeFactory.instance.objectNode().put("title", chart.title())
        .put("library", "Apache ECharts " + EChartsLibrary.VERSION);
    ArrayNode variants = spec.putArray("variants");
    chart.variants().forEach(v -> variants.addObject().put("label", v.label()).set("option", v.option()));
    figures.add(new Figure(stem, spec));
    String id = "fig" + n;
    StringBuilder b = new StringBuilder("<figure>\n<div class=\"plot\" id=\"").append(id).append("\" role=\"img\" aria-label=\"")
        .append(escape(chart.title())).append("\"></div>\n<script type=\"application/json\" id=\"").append(id).append("-spec\">")
        .append(json(spec)).append("</script>\n");
    if (caption != null && !caption.isEmpty()) {
      b.append("<figcaption>").append(escape(caption)).append("</figcaption>\n");
    }
    b.append("</figure>\n");
    parts.add(b.toString());
    return this;
  }

  private void closeSection() {
    if (inSection) {
      parts.add("</section>\n");
      inSection = false;
    }
  }

  /**
   * Builds the page. The page is not changed, so more content can be added and the page built
   * again.
   *
   * @return the complete HTML document, starting with {@code <!DOCTYPE html>}
   */
  public String toHtml() {
    StringBuilder b = new StringBuilder(8192);
    b.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n")
        .append("<title>").append(escape(title)).append("</title>\n")
        .append("<style>\n").append(CSS).append("\n</style>\n</head>\n<body>\n<main>\n");
    if (!title.isEmpty()) {
      b.append("<h1>").append(escape(title)).append("</h1>\n");
    }
    for (String p : parts) {
      b.append(p);
    }
    if (inSection) {
      b.append("</section>\n");
    }
    b.append("</main>\n");
    if (!figures.isEmpty()) {
      b.append("<script src=\"").append(EChartsLibrary.DATA_URI).append("\"></script>\n")
          .append("<script>//<![CDATA[\n").append(EChartsLibrary.PAGE_SCRIPT).append("//]]></script>\n");
    }
    b.append("</body>\n</html>\n");
    return b.toString();
  }

  /**
   * Writes the page as UTF-8, atomically (a temporary file in the same directory, then a rename),
   * creating parent directories; first each figure's JSON into the folder beside it
   * ({@code name-figures/} for {@code name.html}), removing figure files a previous write left there.
   *
   * @param file the target file
   * @throws UncheckedIOException if writing fails
   */
  public void write(Path file) {
    Path abs = file.toAbsolutePath();
    String name = abs.getFileName().toString();
    Path dir = abs.resolveSibling(name.replaceAll("\\.html?$", "") + "-figures");
    Set<Path> written = new HashSet<>();
    for (Figure f : figures) {
      Path target = dir.resolve(f.stem() + ".json");
      AtomicFiles.writeString(target, Json.pretty(f.spec()));
      written.add(target);
    }
    if (Files.isDirectory(dir)) {
      try (Stream<Path> old = Files.list(dir)) {
        for (Path p : old.filter(p -> p.toString().endsWith(".json") && !written.contains(p)).toList()) {
          Files.delete(p);
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot clean " + dir + ": " + e.getMessage(), e);
      }
    }
    AtomicFiles.writeString(abs, toHtml());
  }

  private static String json(ObjectNode spec) {
    try {
      return EMBEDDED.writeValueAsString(spec);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static ObjectMapper embedded() {
    ObjectMapper m = Json.MAPPER.copy();
    m.getFactory().setCharacterEscapes(new CharacterEscapes() {
      private final int[] table = table();

      private int[] table() {
        int[] t = standardAsciiEscapesForJSON();
        t['<'] = ESCAPE_STANDARD;
        t['>'] = ESCAPE_STANDARD;
        t['&'] = ESCAPE_STANDARD;
        return t;
      }

      @Override
      public int[] getEscapeCodesForAscii() {
        return table;
      }

      @Override
      public SerializableString getEscapeSequence(int ch) {
        return null;
      }
    });
    return m;
  }
}
