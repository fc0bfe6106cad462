package io.jgrad.bench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The report: bytes/op columns, the marks of missed targets and goals, the median of the forks. */
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

  @Test
  void ratiosPastTheGoalAndPastTheTargetAreMarkedApart() {
    List<Row> rows = List.of(
        new Row(1, "a", "", "grad", "hand", 100, 100, 0),
        new Row(1, "a", "", "grad", "jgrad", 120, 120, 0),
        new Row(1, "b", "", "grad", "hand", 100, 100, 0),
        new Row(1, "b", "", "grad", "jgrad", 150, 150, 0),
        new Row(1, "c", "", "grad", "hand", 100, 100, 0),
        new Row(1, "c", "", "grad", "jgrad", 250, 250, 0));
    String md = MarkdownReport.render(rows, null);
    assertTrue(md.contains("| a |  | grad | 100.0 ns | 120.0 ns | 1.20 |"), md);
    assertTrue(md.contains("| b |  | grad | 100.0 ns | 150.0 ns | 1.50 ○ |"), md);
    assertTrue(md.contains("| c |  | grad | 100.0 ns | 250.0 ns | 2.50 ✗ |"), md);
  }

  @Test
  void aRowIsTheMiddleFork() {
    assertEquals(3.0, JmhRows.median(List.of(9.0, 1.0, 3.0)));
    assertEquals(2.0, JmhRows.median(List.of(3.0, 1.0)));
  }
}
