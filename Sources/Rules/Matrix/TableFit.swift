/// How the table fits a terminal of a given width: the REQUIREMENT column's width and the
/// width the WHERE / WHY cell wraps to, both in terminal columns. The ID, ENV and STATUS
/// columns keep their widths. The WHERE / WHY cell gets every column the terminal has
/// beside the whole REQUIREMENT column when that is `preferredDetail` or more; on a
/// narrower terminal the REQUIREMENT column gives way (its titles wrap too) down to
/// `minimumTitle`, and the WHERE / WHY cell takes the rest, down to `minimumDetail`.
/// Narrower still (under 78 columns for this repository's table), nothing fits and the
/// table is written one line per row.
struct TableFit: Equatable {
  /// The REQUIREMENT column's width.
  var title: Int
  /// The width the WHERE / WHY cell wraps to.
  var detail: Int

  init(title: Int, detail: Int) {
    self.title = title
    self.detail = detail
  }

  static let minimumTitle = 24
  static let minimumDetail = 24
  static let preferredDetail = 40

  /// The fit for columns of `widths` (ID, ENV, STATUS, REQUIREMENT, each padded to its
  /// longest cell) on a terminal `terminal` columns wide, two columns between each; nil
  /// when nothing fits.
  init?(widths: [Int], terminal: Int) {
    guard widths.count == 4 else { return nil }
    let available = terminal - (widths[0] + widths[1] + widths[2] + 2 * 4)
    title = Swift.min(widths[3], Swift.max(Self.minimumTitle, available - Self.preferredDetail))
    detail = available - title
    guard detail >= Self.minimumDetail else { return nil }
  }
}
