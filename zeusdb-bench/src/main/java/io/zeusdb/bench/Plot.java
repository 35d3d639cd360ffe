package io.zeusdb.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The recall/QPS plot in the style of ann-benchmarks: recall@k across, QPS up on a log scale (up
 * and to the right is better), one line per library through its ef points.
 */
public final class Plot {

    private static final Color[] COLORS = {
        new Color(0xd62728), new Color(0x1f77b4), new Color(0x17becf), new Color(0x2ca02c),
        new Color(0xff7f0e), new Color(0x7f7f7f), new Color(0x9467bd), new Color(0x8c564b)};

    private Plot() {}

    /** Writes the unfiltered curves of {@code report} to {@code png}. */
    public static void write(Report report, Path png) throws IOException {
        System.setProperty("java.awt.headless", "true");
        XYChart chart = new XYChartBuilder().width(900).height(600)
                .title("Recall@" + report.config().get("k") + " vs QPS, 1 search thread (" + report.config().get("vectors")
                        + " x " + report.config().get("dim") + ", M=" + report.config().get("m") + ", efc="
                        + report.config().get("efConstruction") + ")")
                .xAxisTitle("recall@" + report.config().get("k")).yAxisTitle("queries per second (log)").build();
        chart.getStyler().setYAxisLogarithmic(true);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideSW);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setPlotGridLinesColor(new Color(0xdddddd));
        chart.getStyler().setMarkerSize(7);
        chart.getStyler().setXAxisDecimalPattern("0.00");
        int c = 0;
        for (String lib : report.libs()) {
            List<EqualRecall.Point> pts = report.points(lib, null, false);
            pts.removeIf(p -> !(p.qps() > 0));
            if (pts.isEmpty()) {
                continue;
            }
            pts.sort(Comparator.comparingDouble(EqualRecall.Point::recall));
            double[] x = pts.stream().mapToDouble(EqualRecall.Point::recall).toArray();
            double[] y = pts.stream().mapToDouble(EqualRecall.Point::qps).toArray();
            XYSeries s = chart.addSeries(lib, x, y);
            s.setMarker(SeriesMarkers.CIRCLE);
            Color color = COLORS[c++ % COLORS.length];
            s.setLineColor(color);
            s.setMarkerColor(color);
            s.setLineStyle(new BasicStroke(lib.equals(Report.OURS) ? 3f : 1.8f));
        }
        BitmapEncoder.saveBitmap(chart, png.toString(), BitmapEncoder.BitmapFormat.PNG);
    }
}
