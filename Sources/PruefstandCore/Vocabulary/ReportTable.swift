import Foundation

/// One table of a report, independent of how it is written (workbook sheet or CSV file).
///
/// Analyses produce `ReportTable`s; the workbook writer and the CSV writer render them. A cell that
/// derives from other cells of the same row is a `.formula` with a template in which `{r}` stands for
/// the row's 1-based sheet row and `{col:NAME}` for the column letter of the column with key NAME;
/// its `cached` value is the engine's result, written as the formula's cached value so the file shows
/// right in viewers that do not recalculate.
public struct ReportTable: Sendable {
    public enum Kind: String, Sendable { case text, money, integer, decimal, percent, date, fte }

    public struct Column: Sendable {
        public var key: String          // machine name, used for CSV headers
        public var titleDE: String
        public var titleEN: String
        public var kind: Kind
        /// Add a totals row entry (`SUM` formula) for this column.
        public var total: Bool
        /// For input columns in a workbook (e.g. a review decision): the allowed values, shown as a
        /// dropdown (data validation). `nil` for ordinary columns.
        public var choices: [String]?
        /// An input column that the reader of the workbook fills in (unlocked, highlighted).
        public var isInput: Bool
        /// Cells that meet this condition are highlighted (conditional formatting) in the workbook.
        public var flag: Flag? = nil
        public init(_ key: String, de: String, en: String, kind: Kind, total: Bool = false,
                    choices: [String]? = nil, isInput: Bool = false) {
            self.key = key; self.titleDE = de; self.titleEN = en; self.kind = kind; self.total = total
            self.choices = choices; self.isInput = isInput || choices != nil
        }
        public func title(_ lang: Language) -> String { lang == .de ? titleDE : titleEN }
    }

    /// A condition under which a cell is highlighted, e.g. a flag column that says "ja".
    public enum Flag: Sendable, Hashable {
        /// The cell's text equals this value.
        case equals(String)
        /// The cell is not empty.
        case nonEmpty
        /// The number is greater than the limit (a share for percent columns: 0.1 is 10 %; euros for money).
        case above(Decimal)
        /// The number is less than the limit.
        case below(Decimal)
        /// The number is not zero (e.g. a control difference).
        case notZero
    }

    public indirect enum Cell: Sendable, Hashable {
        case empty
        case text(String)
        case money(Money)
        case integer(Int64)
        case decimal(Decimal)
        /// A share: 0.125 is 12.5 %.
        case percent(Decimal)
        case date(CivilDate)
        case formula(String, cached: Cell)
    }

    public var key: String            // e.g. "variance"; CSV file name stem
    public var titleDE: String
    public var titleEN: String
    public var columns: [Column]
    public var rows: [[Cell]]
    /// Lines of explanation shown above the table (sources, suppression notes).
    public var notes: [String]

    /// A short sheet name (Excel allows 31 characters) for a title that is longer; nil: the title.
    public var sheetDE: String? = nil
    public var sheetEN: String? = nil
    /// Internal hyperlinks of the workbook (issue 16, drill-down): the cell of `row` in `column` links to
    /// the data row `targetRow` of table `table` (e.g. a variance line to its postings). CSV ignores them.
    public var rowLinks: [RowLink] = []
    public struct RowLink: Sendable, Hashable {
        public var row: Int, column: String, table: String, targetRow: Int
        public init(row: Int, column: String, table: String, targetRow: Int) {
            self.row = row; self.column = column; self.table = table; self.targetRow = targetRow
        }
    }
    public init(key: String, de: String, en: String, columns: [Column], rows: [[Cell]] = [], notes: [String] = [],
                sheetDE: String? = nil, sheetEN: String? = nil) {
        self.key = key; self.titleDE = de; self.titleEN = en; self.columns = columns; self.rows = rows; self.notes = notes
        self.sheetDE = sheetDE; self.sheetEN = sheetEN
    }
    public func title(_ lang: Language) -> String { lang == .de ? titleDE : titleEN }
    /// The name of the table's sheet: the short name if there is one, else the title.
    public func sheetName(_ lang: Language) -> String { (lang == .de ? sheetDE : sheetEN) ?? title(lang) }

    /// The header and the rows (cell texts, one a column) as text lines with aligned columns, two blanks apart:
    /// a cell of a `leftAligned` kind is padded on the right, any other (a figure) on the left, so that figures
    /// line up; with the columns' widths. The terminal renderers of the commands (`ControllingFormat.text`,
    /// `ScenarioText.table`) share it.
    public func alignedLines(header: [String], rows: [[String]], leftAligned: Set<Kind>) -> (lines: [String], widths: [Int]) {
        var widths = header.map(\.count)
        for r in rows { for (i, c) in r.enumerated() where i < widths.count { widths[i] = max(widths[i], c.count) } }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { i, c in
                let pad = String(repeating: " ", count: max(0, widths[i] - c.count))
                return leftAligned.contains(columns[i].kind) ? c + pad : pad + c
            }.joined(separator: "  ")
        }
        return ([line(header)] + rows.map(line), widths)
    }
}

/// Output language of reports and messages; German by default.
public enum Language: String, Sendable, CaseIterable, Codable { case de, en }
