/// How the table fits a terminal of a given width: the REQUIREMENT column's width and the
/// width the WHERE / WHY cell wraps to, both in terminal columns. The ID, ENV and STATUS
/// columns keep their widths, and the two wrapped columns share what is left: the
/// REQUIREMENT column gets the width that puts the rows on the fewest lines, from its
/// whole width down to `minimumTitle`, keeping at least `minimumDetail` for WHERE / WHY
/// (on a tie, or without the rows, its whole width when that leaves `preferredDetail` for
/// WHERE / WHY, else as much as does, down to `minimumTitle`). Narrower still (under 78
/// columns for this repository's table), nothing fits and the table is written one line per
/// row.
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
  /// The most rows times candidate widths the search for the fewest lines weighs; past it
  /// (thousands of rows with titles hundreds of columns wide) the preferred width is kept.
  static let maximumSearch = 1_000_000

  /// The fit for columns of `widths` (ID, ENV, STATUS, REQUIREMENT, each padded to its
  /// longest cell) on a terminal `terminal` columns wide, two columns between each, for
  /// rows whose titles and WHERE / WHY cells take `cells` columns (the lines a cell wraps
  /// onto are estimated as its columns over the width, rounded up); nil when nothing fits.
  init?(widths: [Int], terminal: Int, cells: [(title: Int, detail: Int)] = []) {
    guard widths.count == 4 else { return nil }
    let available = terminal - (widths[0] + widths[1] + widths[2] + 2 * 4)
    let preferred = Swift.min(widths[3], Swift.max(Self.minimumTitle, available - Self.preferredDetail))
    guard available - preferred >= Self.minimumDetail else { return nil }
    var best = (title: preferred, lines: Self.lines(cells, title: preferred, detail: available - preferred))
    let narrowest = Swift.min(widths[3], Self.minimumTitle)
    let widest = Swift.min(widths[3], available - Self.minimumDetail)
    let candidates = widest - narrowest + 1
    if !cells.isEmpty, candidates > 0, candidates <= Self.maximumSearch / cells.count {
      for title in stride(from: widest, through: narrowest, by: -1) {
        let lines = Self.lines(cells, title: title, detail: available - title)
        if lines < best.lines { best = (title, lines) }
      }
    }
    title = best.title
    detail = available - best.title
  }

  /// The lines `cells` take with the title column `title` wide and WHERE / WHY wrapped to
  /// `detail`: each row as many as its longer cell.
  private static func lines(_ cells: [(title: Int, detail: Int)], title: Int, detail: Int) -> Int {
    func count(_ columns: Int, _ width: Int) -> Int { Swift.max(1, (columns + width - 1) / width) }
    return cells.reduce(0) { $0 + Swift.max(count($1.title, title), count($1.detail, detail)) }
  }
}
