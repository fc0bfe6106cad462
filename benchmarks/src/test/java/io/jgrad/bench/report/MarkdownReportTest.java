package io.jgrad.bench.report;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The report's bytes/op columns: the GC profiler's figure where there is one, a dash where not. */
class MarkdownReportTest {
  @Test
  void bytesPerOperationAppearInBothTables() {
    List<Row> rows = List.of(
        new Row(1, "w", "", "value", "hand", 10, 10, 0),
        new Row(1, "w", "", "grad", "hand", 20, 20, 8_000),
        new Row(1, "w", "", "grad", "jgrad", 40, 40, 172_000),
        new Row(1, "w", "", "grad", "fd", 80, 80, Double.NaN));
    String md = MarkdownReport.render(rows, null);
    assertTrue(md.contains("| hand-written bytes/op | jgrad bytes/op |"), md);
    assertTrue(md.contains("| 8.0 KB | 172.0 KB |"), md);
    assertTrue(md.contains("| × hand-written | bytes/op |"), md);
    assertTrue(md.contains("| finite differences | 80.0 ns | 80.0 ns | 4.00 | – |"), md);
    assertTrue(md.contains("| 2.00 | 172.0 KB |"), md);
  }
}
