package io.reactiveorm.benchmarks.report;

import io.reactiveorm.benchmarks.Contestants;
import io.reactiveorm.benchmarks.Workload;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.style.Styler;

/**
 * The chart of the report: for each workload, each contestant's median time relative to raw
 * R2DBC's (1 = as fast as the bare driver), on a log scale, as a PNG.
 */
final class Chart {

  private static final Map<Workload, String> SHORT = new EnumMap<>(Workload.class);

  static {
    SHORT.put(Workload.INSERT, "insert");
    SHORT.put(Workload.SELECT, "select");
    SHORT.put(Workload.SELECT_WITH_ROLE, "+ role");
    SHORT.put(Workload.UPDATE_BY_ID, "update ids");
    SHORT.put(Workload.LOAD_CHANGE_COMMIT, "change+write");
    SHORT.put(Workload.ARTICLES_WITH_TAGS, "+ tags (m2m)");
    SHORT.put(Workload.ROLES_WITH_USERS, "+ users (o2m)");
    SHORT.put(Workload.NAIVE_LOOP, "naive N+1");
    SHORT.put(Workload.STREAM, "stream 1M");
    SHORT.put(Workload.CONCURRENT, "64 clients");
  }

  private static final Map<String, Color> COLORS = Map.of(
      Contestants.REACTIVE_ORM, new Color(0x1f, 0x77, 0xb4),
      Contestants.SPRING_DATA, new Color(0x2c, 0xa0, 0x2c),
      Contestants.HIBERNATE_REACTIVE, new Color(0xd6, 0x27, 0x28),
      Contestants.JDBC, new Color(0x7f, 0x7f, 0x7f));

  private Chart() {}

  static void write(List<Measurement> measurements, Path file) throws IOException {
    Map<Workload, Double> raw = new EnumMap<>(Workload.class);
    for (Measurement m : measurements) {
      if (m.contestant().equals(Contestants.RAW_R2DBC)) {
        raw.put(m.workload(), m.medianMs());
      }
    }
    List<Workload> workloads = new ArrayList<>(raw.keySet());
    double smallest = 1;
    for (Measurement m : measurements) {
      Double base = raw.get(m.workload());
      if (base != null && m.medianMs() > 0) {
        smallest = Math.min(smallest, m.medianMs() / base);
      }
    }
    // the axis starts a decade at or below the smallest ratio, so that every bar shows
    double axisMin = Math.pow(10, Math.floor(Math.log10(smallest)));
    CategoryChart chart = new CategoryChartBuilder().width(1400).height(600)
        .title("Median time per operation relative to raw R2DBC (= 1, lower is better, log scale)")
        .xAxisTitle("workload").yAxisTitle("× raw R2DBC").build();
    chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
    chart.getStyler().setYAxisLogarithmic(true);
    chart.getStyler().setYAxisMin(axisMin);
    chart.getStyler().setChartBackgroundColor(Color.WHITE);
    chart.getStyler().setPlotGridVerticalLinesVisible(false);
    chart.getStyler().setYAxisDecimalPattern("0.##");
    chart.getStyler().setLabelsVisible(true);
    chart.getStyler().setLabelsRotation(90);
    chart.getStyler().setLabelsPosition(0.95);
    chart.getStyler().setLabelsFont(new java.awt.Font(java.awt.Font.SANS_SERIF, java.awt.Font.PLAIN,
        10));
    chart.getStyler().setLabelsFontColorAutomaticEnabled(false);
    chart.getStyler().setLabelsFontColor(Color.BLACK);
    if (workloads.isEmpty()) {
      chart.addSeries("no data", List.of("none"), List.of(1.0));
    }
    for (String contestant : Contestants.ALL) {
      if (contestant.equals(Contestants.RAW_R2DBC)) {
        continue;
      }
      Map<Workload, Double> ratios = new HashMap<>();
      for (Measurement m : measurements) {
        Double base = raw.get(m.workload());
        if (m.contestant().equals(contestant) && base != null) {
          ratios.put(m.workload(), m.medianMs() / base);
        }
      }
      if (ratios.isEmpty() || workloads.isEmpty()) {
        continue;
      }
      List<String> names = new ArrayList<>();
      List<Double> values = new ArrayList<>();
      for (Workload workload : workloads) {
        names.add(SHORT.get(workload));
        // a missing bar sits at the axis minimum, out of sight
        values.add(ratios.getOrDefault(workload, axisMin));
      }
      chart.addSeries(Contestants.label(contestant), names, values)
          .setFillColor(COLORS.get(contestant));
    }
    BitmapEncoder.saveBitmap(chart, file.toString(), BitmapEncoder.BitmapFormat.PNG);
  }
}
