package io.reactiveorm.benchmarks.report;

import io.reactiveorm.benchmarks.Workload;

/**
 * What one contestant scored on one workload: times in milliseconds per operation, allocation
 * in bytes per operation, statements per operation; heap figures (stream only) in bytes, else 0.
 */
public record Measurement(Workload workload, String contestant, double medianMs, double p90Ms,
    long samples, double allocBytesPerOp, double statementsPerOp, long peakHeapBytes,
    long peakLiveHeapBytes) {

  /** One line of the results file. */
  String toTsv() {
    return String.join("\t", workload.name(), contestant, Double.toString(medianMs),
        Double.toString(p90Ms), Long.toString(samples), Double.toString(allocBytesPerOp),
        Double.toString(statementsPerOp), Long.toString(peakHeapBytes),
        Long.toString(peakLiveHeapBytes));
  }

  static Measurement fromTsv(String line) {
    String[] f = line.split("\t");
    return new Measurement(Workload.valueOf(f[0]), f[1], Double.parseDouble(f[2]),
        Double.parseDouble(f[3]), Long.parseLong(f[4]), Double.parseDouble(f[5]),
        Double.parseDouble(f[6]), Long.parseLong(f[7]), Long.parseLong(f[8]));
  }
}
