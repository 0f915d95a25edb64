package io.socketeer.bench.load;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the raw results of {@code run-server-bench.sh} (one JSON line per run, as the load
 * generator prints them, with the row's {@code label}, {@code server} and {@code round}) into the
 * README's Markdown table and two SVG charts: throughput as a ratio to Node, and latency percentiles.
 *
 * <p>With several rounds, each figure is the median of its runs, and each ratio the median of the
 * ratios of the runs of one round (made one right after the other), with their range beside it.
 *
 * <pre>
 * java -cp socketeer-benchmarks.jar io.socketeer.bench.load.BenchReport results.jsonl OUTPUT_DIR
 * </pre>
 */
public final class BenchReport {
  private static final Pattern FIELD = Pattern.compile("\"(\\w+)\":(\"[^\"]*\"|[-0-9.eE]+|null)");

  /** One run: its flat fields. */
  private static final class Run {
    final Map<String, String> fields = new LinkedHashMap<>();

    String text(String name) {
      String v = fields.get(name);
      return v == null ? null : v.replace("\"", "");
    }

    double number(String name) {
      String v = fields.get(name);
      return v == null || v.equals("null") || v.startsWith("\"") ? Double.NaN : Double.parseDouble(v);
    }
  }

  /** The runs of one row against one server, in round order. */
  static final class Runs {
    final List<Run> runs = new ArrayList<>();

    /** The median of a field over the runs that have it; NaN if none has. */
    double number(String name) {
      return median(runs.stream().mapToDouble(r -> r.number(name)).filter(v -> !Double.isNaN(v)).toArray());
    }

    String text(String name) {
      return runs.get(0).text(name);
    }

    /** Ratios {@code this / other} (or their inverse) of the runs of the same round. */
    double[] ratios(Runs other, String name, boolean inverse) {
      int n = Math.min(runs.size(), other.runs.size());
      double[] out = new double[n];
      int k = 0;
      for (int i = 0; i < n; i++) {
        double a = runs.get(i).number(name);
        double b = other.runs.get(i).number(name);
        double r = inverse ? b / a : a / b;
        if (!Double.isNaN(r) && !Double.isInfinite(r)) {
          out[k++] = r;
        }
      }
      return java.util.Arrays.copyOf(out, k);
    }
  }

  static double median(double[] values) {
    if (values.length == 0) {
      return Double.NaN;
    }
    double[] v = values.clone();
    java.util.Arrays.sort(v);
    int mid = v.length / 2;
    return v.length % 2 == 1 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
  }

  /** A ratio for the table: the median, and the range when there are several rounds. */
  static String ratio(double[] ratios, String suffix) {
    return summary(ratios, 1, "%.2fx", suffix, " (%.2f–%.2f)");
  }

  /** A share for the table, in percent: the median, and the range when there are several rounds. */
  private static String percent(double[] shares) {
    return summary(shares, 100, "%.0f%%", "", " (%.0f–%.0f%%)");
  }

  /**
   * The median of {@code values * scale} in format {@code median}, the {@code suffix}, then their
   * range in format {@code range} if there are several.
   */
  private static String summary(double[] values, double scale, String median, String suffix, String range) {
    if (values.length == 0) {
      return "n/a";
    }
    String m = String.format(Locale.ROOT, median, scale * median(values)) + suffix;
    if (values.length == 1) {
      return m;
    }
    return m + String.format(Locale.ROOT, range, scale * java.util.Arrays.stream(values).min().getAsDouble(),
        scale * java.util.Arrays.stream(values).max().getAsDouble());
  }

  private final Map<String, Map<String, Runs>> byLabel = new LinkedHashMap<>();
  private final StringBuilder table = new StringBuilder();
  /** Throughput ratios for the chart: label, ours / Node, target. */
  private final List<Object[]> ratios = new ArrayList<>();

  private BenchReport(List<String> lines) {
    for (String line : lines) {
      if (line.isBlank()) {
        continue;
      }
      Run run = new Run();
      Matcher m = FIELD.matcher(line);
      while (m.find()) {
        run.fields.put(m.group(1), m.group(2));
      }
      byLabel.computeIfAbsent(run.text("label"), k -> new LinkedHashMap<>())
          .computeIfAbsent(run.text("server"), k -> new Runs()).runs.add(run);
    }
  }

  /** Writes the table to standard output and the charts to the directory. */
  public static void main(String[] args) throws IOException {
    BenchReport report = new BenchReport(Files.readAllLines(Path.of(args[0]), StandardCharsets.UTF_8));
    System.out.print(report.table());
    Path dir = Path.of(args.length > 1 ? args[1] : ".");
    Files.writeString(dir.resolve("throughput.svg"), report.throughputSvg(), StandardCharsets.UTF_8);
    Files.writeString(dir.resolve("latency.svg"), report.latencySvg(), StandardCharsets.UTF_8);
  }

  private void row(String what, String ours, String node, String ratio) {
    table.append("| ").append(what).append(" | ").append(ours).append(" | ").append(node).append(" | ")
        .append(ratio).append(" |\n");
  }

  private static String num(double v) {
    return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%,.0f", v);
  }

  /** Returns the Markdown table of the results. */
  String table() {
    if (table.length() == 0) {
      buildTable();
    }
    return table.toString();
  }

  /** Parses the raw results, one JSON object per line. */
  static BenchReport of(List<String> lines) {
    return new BenchReport(lines);
  }

  private static String ms(Runs r) {
    return String.format(Locale.ROOT, "%.1f / %.1f / %.1f", r.number("p50Micros") / 1e3, r.number("p99Micros") / 1e3,
        r.number("p999Micros") / 1e3);
  }

  private static String cpu(Runs r) {
    double perOp = r.number("serverCpuMicrosPerOp");
    return Double.isNaN(perOp) ? "n/a"
        : String.format(Locale.ROOT, "%.2f µs (%.2f cores)", perOp, r.number("serverCpuCores"));
  }

  private void cpuRow(String label, Runs ours, Runs node) {
    double[] r = ours.ratios(node, "serverCpuMicrosPerOp", true);
    if (r.length > 0) {
      row(label + ": server CPU per operation", cpu(ours), cpu(node), ratio(r, " less CPU"));
      cpuRatios.add(new Object[] {label + ": ops per CPU second", median(r), 0.0});
    }
  }

  /** Efficiency ratios (Node's CPU per operation / ours), for the throughput chart. */
  private final List<Object[]> cpuRatios = new ArrayList<>();

  private static String x(double v) {
    return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.2fx", v);
  }

  private void buildTable() {
    table.append("| scenario | Socketeer | Node socket.io | ratio |\n|---|---:|---:|---:|\n");
    byLabel.forEach((label, runs) -> {
      Runs ours = runs.get("ours");
      Runs node = runs.get("node");
      if (ours == null || node == null) {
        return;
      }
      String scenario = ours.text("scenario");
      switch (scenario) {
        case "connect": {
          double[] r = ours.ratios(node, "perSecond", false);
          row(label + ": connects/s", num(ours.number("perSecond")), num(node.number("perSecond")), ratio(r, ""));
          ratios.add(new Object[] {label + ": connects/s", median(r), 1.1});
          cpuRow(label, ours, node);
          row(label + ": server RSS growth per connection (bytes)", num(ours.number("rssPerConnectionBytes")),
              num(node.number("rssPerConnectionBytes")),
              ratio(ours.ratios(node, "rssPerConnectionBytes", false), " (lower is better)"));
          break;
        }
        case "echo":
        case "polling": {
          double[] r = ours.ratios(node, "perSecond", false);
          row(label + ": round trips/s", num(ours.number("perSecond")), num(node.number("perSecond")), ratio(r, ""));
          ratios.add(new Object[] {label + ": round trips/s", median(r), 3.0});
          row(label + ": latency p50 / p99 / p99.9 (ms)", ms(ours), ms(node),
              ratio(ours.ratios(node, "p99Micros", true), " lower p99"));
          cpuRow(label, ours, node);
          Runs bare = runs.get("bare");
          if (bare != null) {
            double[] share = ours.ratios(bare, "perSecond", false);
            row(label + ": bare Netty WebSocket bound, round trips/s", num(bare.number("perSecond")), "",
                "Socketeer at " + percent(share));
            double[] bound = bare.ratios(node, "perSecond", false);
            row(label + ": bare Netty WebSocket bound / Node, round trips/s", "", "", ratio(bound, ""));
            double[] efficiency = ours.ratios(bare, "serverCpuMicrosPerOp", true);
            if (efficiency.length > 0) {
              row(label + ": bare Netty WebSocket bound, CPU per round trip", cpu(bare), "",
                  "Socketeer at " + percent(efficiency) + " of its efficiency");
            }
          }
          break;
        }
        case "broadcast": {
          double[] r = ours.ratios(node, "perSecond", false);
          row(label + ": deliveries/s (offered " + num(ours.number("expectedPerSecond")) + ")",
              num(ours.number("perSecond")), num(node.number("perSecond")), ratio(r, ""));
          // The 5x target is about throughput, so it applies where the offered load outran Node.
          boolean saturated = node.number("perSecond") < 0.9 * node.number("expectedPerSecond");
          ratios.add(new Object[] {label + ": deliveries/s", median(r), saturated ? 5.0 : 0.0});
          row(label + ": delivery latency p50 / p99 / p99.9 (ms)", ms(ours), ms(node),
              ratio(ours.ratios(node, "p99Micros", true), " lower p99"));
          cpuRow(label, ours, node);
          break;
        }
        case "idle": {
          double perConn = ours.number("rssPerConnectionBytes");
          row(label + ": server RSS growth per connection (bytes)", num(perConn),
              num(node.number("rssPerConnectionBytes")),
              ratio(ours.ratios(node, "rssPerConnectionBytes", false), " (lower is better)"));
          row(label + ": live heap per connection after GC (bytes)", num(ours.number("liveHeapPerConnectionBytes")),
              "", "");
          row(label + ": connections in 4 GiB at that RSS", num(4.0 * (1L << 30) / perConn),
              num(4.0 * (1L << 30) / node.number("rssPerConnectionBytes")), "");
          break;
        }
        default:
          break;
      }
    });
  }

  private static String esc(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }

  /** Horizontal bars of ours / Node per throughput figure, with 1x and the target marked. */
  private String throughputSvg() {
    List<Object[]> ratios = new ArrayList<>(this.ratios);
    ratios.addAll(cpuRatios);
    int rowH = 34;
    int left = 330;
    int width = 820;
    int plot = width - left - 40;
    double max = 6;
    for (Object[] r : ratios) {
      max = Math.max(max, Math.ceil((double) r[1]));
    }
    int height = 60 + rowH * ratios.size() + 30;
    StringBuilder svg = header(width, height, "Throughput and work per CPU second, Socketeer / Node socket.io (higher is better)");
    for (int t = 0; t <= max; t++) {
      double gx = left + plot * t / max;
      svg.append(String.format(Locale.ROOT,
          "<line x1='%.1f' y1='45' x2='%.1f' y2='%d' stroke='%s'/><text x='%.1f' y='%d' text-anchor='middle'>%dx</text>%n",
          gx, gx, height - 30, t == 1 ? "#333" : "#ddd", gx, height - 12, t));
    }
    for (int i = 0; i < ratios.size(); i++) {
      Object[] r = ratios.get(i);
      double y = 55 + i * rowH;
      double w = plot * (double) r[1] / max;
      double target = (double) r[2] > 0 ? left + plot * (double) r[2] / max : -100;
      svg.append(String.format(Locale.ROOT,
          "<text x='%d' y='%.1f' text-anchor='end'>%s</text><rect x='%d' y='%.1f' width='%.1f' height='20' fill='#2a7ab0'/>"
              + "<text x='%.1f' y='%.1f'>%.2fx</text><line x1='%.1f' y1='%.1f' x2='%.1f' y2='%.1f' stroke='#c0392b' stroke-width='3'/>%n",
          left - 8, y + 15, esc((String) r[0]), left, y, w, left + w + 6, y + 15, (double) r[1],
          target, y - 3, target, y + 23));
    }
    svg.append(String.format(Locale.ROOT, "<text x='%d' y='%d' fill='#c0392b'>red: target</text>%n", width - 110, 40));
    return svg.append("</svg>\n").toString();
  }

  /** Grouped bars of p50 / p99 / p99.9 per latency scenario, ours beside Node, log scale. */
  private String latencySvg() {
    List<String> labels = new ArrayList<>();
    byLabel.forEach((label, runs) -> {
      Runs ours = runs.get("ours");
      if (ours != null && runs.get("node") != null && !Double.isNaN(ours.number("p99Micros"))
          && !"idle".equals(ours.text("scenario")) && !"connect".equals(ours.text("scenario"))) {
        labels.add(label);
      }
    });
    int groupW = 230;
    int left = 60;
    int width = left + groupW * Math.max(1, labels.size()) + 20;
    int height = 380;
    int top = 50;
    int bottom = height - 70;
    double lo = Math.log10(0.1);
    double hi = Math.log10(10_000);
    StringBuilder svg = header(width, height, "Latency p50 / p99 / p99.9 in ms (log scale; lower is better)");
    for (int e = -1; e <= 4; e++) {
      double y = bottom - (bottom - top) * (e - lo) / (hi - lo);
      svg.append(String.format(Locale.ROOT,
          "<line x1='%d' y1='%.1f' x2='%d' y2='%.1f' stroke='#ddd'/><text x='%d' y='%.1f' text-anchor='end'>%s</text>%n",
          left, y, width - 20, y, left - 6, y + 4, e < 0 ? "0.1" : String.valueOf((long) Math.pow(10, e))));
    }
    String[] pcts = {"p50Micros", "p99Micros", "p999Micros"};
    String[] names = {"p50", "p99", "p99.9"};
    for (int g = 0; g < labels.size(); g++) {
      Map<String, Runs> runs = byLabel.get(labels.get(g));
      double gx = left + g * groupW + 15;
      for (int p = 0; p < 3; p++) {
        for (int s = 0; s < 2; s++) {
          Runs r = runs.get(s == 0 ? "ours" : "node");
          double v = Math.max(0.1, r.number(pcts[p]) / 1e3);
          double y = bottom - (bottom - top) * (Math.log10(v) - lo) / (hi - lo);
          double bx = gx + p * 66 + s * 28;
          svg.append(String.format(Locale.ROOT, "<rect x='%.1f' y='%.1f' width='26' height='%.1f' fill='%s'/>%n",
              bx, y, bottom - y, s == 0 ? "#2a7ab0" : "#8cc084"));
        }
        svg.append(String.format(Locale.ROOT, "<text x='%.1f' y='%d' text-anchor='middle'>%s</text>%n",
            gx + p * 66 + 27, bottom + 16, names[p]));
      }
      svg.append(String.format(Locale.ROOT, "<text x='%.1f' y='%d' text-anchor='middle'>%s</text>%n",
          gx + 95, bottom + 36, esc(labels.get(g))));
    }
    svg.append(String.format(Locale.ROOT,
        "<rect x='%d' y='%d' width='12' height='12' fill='#2a7ab0'/><text x='%d' y='%d'>Socketeer</text>"
            + "<rect x='%d' y='%d' width='12' height='12' fill='#8cc084'/><text x='%d' y='%d'>Node socket.io</text>%n",
        left, height - 22, left + 16, height - 12, left + 110, height - 22, left + 126, height - 12));
    return svg.append("</svg>\n").toString();
  }

  private static StringBuilder header(int width, int height, String title) {
    return new StringBuilder(String.format(Locale.ROOT,
        "<svg xmlns='http://www.w3.org/2000/svg' width='%d' height='%d' font-family='sans-serif' font-size='13'>%n"
            + "<rect width='100%%' height='100%%' fill='white'/><text x='%d' y='24' font-size='16' text-anchor='middle'>%s</text>%n",
        width, height, width / 2, esc(title)));
  }
}
