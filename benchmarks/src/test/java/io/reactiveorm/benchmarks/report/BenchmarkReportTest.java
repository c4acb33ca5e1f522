package io.reactiveorm.benchmarks.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.reactiveorm.benchmarks.PairedBenchmark;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class BenchmarkReportTest {

  private static Properties fork(double ormMedian, double partnerMedian) {
    Properties fork = new Properties();
    fork.setProperty(PairedBenchmark.ORM_MEDIAN, Double.toString(ormMedian));
    fork.setProperty(PairedBenchmark.PARTNER_MEDIAN, Double.toString(partnerMedian));
    return fork;
  }

  @Test
  void showsTheForkWhoseRatioIsTheMedianNotTheMedianOfEachSide() {
    Properties fast = fork(1.035, 0.928);   // 1.116x
    Properties slow = fork(1.276, 1.208);   // 1.056x
    Properties middle = fork(1.305, 1.209); // 1.079x

    // the medians of each side (1.276 over 1.208) would say 1.056x, from two different forks
    assertThat(BenchmarkReport.medianFork(List.of(fast, slow, middle))).isSameAs(middle);
  }

  @Test
  void ofTwoForksShowsTheOneLessFavourableToReactiveOrm() {
    Properties better = fork(1.0, 1.0);
    Properties worse = fork(1.2, 1.0);

    assertThat(BenchmarkReport.medianFork(List.of(worse, better))).isSameAs(worse);
    assertThat(BenchmarkReport.medianFork(List.of(better))).isSameAs(better);
  }
}
