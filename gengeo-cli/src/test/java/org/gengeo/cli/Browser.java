package org.gengeo.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import org.gengeo.core.io.Json;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * A report page in headless Chromium through WebDriver (Debian's {@code chromium} and
 * {@code chromium-driver}; nothing is downloaded): what it logged, what each chart drew, and the
 * tooltip a real mouse hover over a data point brings up.
 */
final class Browser implements AutoCloseable {
    static final File CHROMIUM = new File("/usr/bin/chromium");
    static final File DRIVER = new File("/usr/bin/chromedriver");
    /** Selenium warns that it has no DevTools binding for this Chromium version; the test uses WebDriver only. */
    private static final java.util.logging.Logger DEVTOOLS_LOG = java.util.logging.Logger.getLogger("org.openqa.selenium.devtools");

    /** One chart as drawn: its title, the SVG elements ECharts drew, the data points it was given, and its hover tooltip. */
    record Chart(String id, String title, int drawn, int points, String tooltip) {}

    private final ChromeDriver driver;

    /** Whether Debian's chromium and chromium-driver are installed. */
    static boolean available() {
        return CHROMIUM.canExecute() && DRIVER.canExecute();
    }

    Browser() {
        DEVTOOLS_LOG.setLevel(Level.SEVERE);
        ChromeOptions o = new ChromeOptions();
        o.setBinary(CHROMIUM);
        o.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1200,900");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        o.setCapability("goog:loggingPrefs", logs);
        driver = new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(DRIVER).build(), o);
    }

    /** Opens {@code page} and waits until every chart has been drawn. */
    void open(Path page) throws InterruptedException {
        driver.get(page.toUri().toString());
        for (int tries = 0; tries < 600; tries++) {
            if (Boolean.TRUE.equals(js("return document.readyState === 'complete'"
                    + " && Array.from(document.querySelectorAll('div.plot')).every(function (d) {"
                    + " return window.echarts && echarts.getInstanceByDom(d) && d.querySelector('svg'); });"))) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError(page + ": the charts were not drawn within a minute");
    }

    /** Every console message logged since the last call. */
    List<String> console() {
        List<String> out = new ArrayList<>();
        for (LogEntry e : driver.manage().logs().get(LogType.BROWSER)) {
            out.add(e.getLevel() + " " + e.getMessage());
        }
        return out;
    }

    /** The addresses the page fetched other than data: addresses (the inlined library). */
    List<String> requests() {
        List<String> out = new ArrayList<>();
        for (Object o : (List<?>) js("return performance.getEntriesByType('resource').map(function (e) { return e.name; })"
                + ".filter(function (n) { return n.indexOf('data:') !== 0; });")) {
            out.add(String.valueOf(o));
        }
        return out;
    }

    /** Every chart of the open page, hovering a data point of each (the first drawable point of its first series). */
    List<Chart> charts() throws Exception {
        JsonNode all = Json.MAPPER.readTree((String) js("return JSON.stringify(Array.from(document.querySelectorAll('div.plot'))"
                + ".map(function (d) { var c = echarts.getInstanceByDom(d); var n = 0;"
                + " c.getOption().series.forEach(function (s) { n += (s.data || []).length; });"
                + " return {id: d.id, title: d.getAttribute('aria-label'), drawn: d.querySelectorAll('svg path, svg rect').length, points: n};"
                + " }));"));
        List<Chart> out = new ArrayList<>();
        for (JsonNode c : all) {
            String tooltip = hover(c.get("id").asText());
            assertEquals(List.of(), console(), "console messages while hovering '" + c.get("title").asText() + "'");
            out.add(new Chart(c.get("id").asText(), c.get("title").asText(), c.get("drawn").asInt(), c.get("points").asInt(), tooltip));
        }
        return out;
    }

    private String hover(String id) throws InterruptedException {
        WebElement div = driver.findElement(By.id(id));
        js("arguments[0].scrollIntoView({block: 'center'});", div);
        Object at = js("var c = echarts.getInstanceByDom(arguments[0]); var series = c.getOption().series;"
                + " for (var s = 0; s < series.length; s++) { var data = series[s].data || [];"
                + "  for (var k = 0; k < data.length; k++) { var v = data[k];"
                + "   if (typeof v[1] === 'number' || series[s].type === 'heatmap' && typeof v[2] === 'number') {"
                + "    var p = c.convertToPixel({seriesIndex: s}, [v[0], v[1]]);"
                + "    if (p && isFinite(p[0]) && isFinite(p[1])) { return [Math.round(p[0]), Math.round(p[1])]; } } } }"
                + " return null;", div);
        if (at == null) {
            return "";
        }
        List<?> xy = (List<?>) at;
        int x = ((Number) xy.get(0)).intValue() - div.getSize().getWidth() / 2;
        int y = ((Number) xy.get(1)).intValue() - div.getSize().getHeight() / 2;
        new Actions(driver).moveToElement(div, x, y).perform();
        for (int tries = 0; tries < 20; tries++) {
            Thread.sleep(100);
            Object text = js("return Array.from(arguments[0].querySelectorAll('div')).filter(function (e) {"
                    + " return e.style.zIndex === '9999999' && e.style.display !== 'none' && e.style.opacity !== '0'; })"
                    + ".map(function (e) { return e.innerText; }).join('\\n');", div);
            if (text != null && !text.toString().isBlank()) {
                new Actions(driver).moveToElement(driver.findElement(By.tagName("h1"))).perform();
                return text.toString();
            }
        }
        return "";
    }

    /**
     * Picks {@code factor} in the page's first "colour by" chooser (as a reader would) and returns
     * the series its chart then draws.
     */
    List<String> colourBy(String factor) {
        List<String> out = new ArrayList<>();
        for (Object o : (List<?>) js("var factor = arguments[0]; var select = document.querySelector('label.colour-by select');"
                + " var k = Array.from(select.options).findIndex(function (o) { return o.textContent === factor; });"
                + " select.value = String(k); select.dispatchEvent(new Event('change'));"
                + " var div = select.parentNode.nextElementSibling;"
                + " return echarts.getInstanceByDom(div).getOption().series.map(function (s) { return s.name; });", factor)) {
            out.add(String.valueOf(o));
        }
        return out;
    }

    /** Checks the open page: no console message, no network request, every chart drew its data and shows a tooltip on hover. */
    List<Chart> check(Path page) throws Exception {
        open(page);
        assertEquals(List.of(), console(), page + ": console messages");
        assertEquals(List.of(), requests(), page + ": requests");
        List<Chart> charts;
        try {
            charts = charts();
        } catch (AssertionError e) {
            throw new AssertionError(page + ": " + e.getMessage(), e);
        }
        assertTrue(!charts.isEmpty(), page + ": no chart");
        for (Chart c : charts) {
            assertTrue(c.points() > 0 && c.drawn() > 10, page + ": chart '" + c.title() + "' is empty: " + c);
            assertTrue(!c.tooltip().isBlank(), page + ": hovering a point of '" + c.title() + "' shows no tooltip");
        }
        return charts;
    }

    private Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    @Override
    public void close() {
        driver.quit();
    }
}
