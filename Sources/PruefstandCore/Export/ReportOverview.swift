import CXlsxWriter
import Foundation

/// The data of the overview sheet: key figures, the consolidation path, relief scenarios and the largest
/// variances. Plain values: the integrator fills it from the analyses; the labels are in the report's language.
///
///     var o = ReportOverview()
///     o.keyFigures = [.init("Jahresergebnis 2025", .money(Money(euros: -12_000_000)), unit: "€")]
///     o.consolidationPath = [.init("Basis", [.init(2025, Money(euros: -12_000_000)), .init(2026, Money(euros: -8_000_000))])]
///     o.reliefScenarios = [.init("Grundsteuer B +50 Punkte", Money(euros: 3_100_000))]
///     o.variances = [.init("01.11.01 Personal", plan: Money(euros: 100), actual: Money(euros: 130))]
public struct ReportOverview: Sendable {
    public struct KeyFigure: Sendable {
        public var label: String
        public var value: ReportTable.Cell
        public var unit: String
        public var note: String
        public init(_ label: String, _ value: ReportTable.Cell, unit: String = "", note: String = "") {
            self.label = label; self.value = value; self.unit = unit; self.note = note
        }
    }
    public struct YearAmount: Sendable {
        public var year: Int
        public var amount: Money
        public init(_ year: Int, _ amount: Money) { self.year = year; self.amount = amount }
    }
    /// One line of the consolidation path chart, e.g. "Basis" or "mit Maßnahmen".
    public struct YearSeries: Sendable {
        public var name: String
        public var points: [YearAmount]
        public init(_ name: String, _ points: [YearAmount]) { self.name = name; self.points = points }
    }
    public struct LabeledAmount: Sendable {
        public var label: String
        public var amount: Money
        public init(_ label: String, _ amount: Money) { self.label = label; self.amount = amount }
    }
    /// A plan/actual pair; the variance (actual − plan) and its share of plan are workbook formulas.
    public struct Variance: Sendable {
        public var label: String
        public var plan: Money
        public var actual: Money
        public init(_ label: String, plan: Money, actual: Money) { self.label = label; self.plan = plan; self.actual = actual }
        public var variance: Money { actual - plan }
    }

    public var keyFigures: [KeyFigure] = []
    public var consolidationPath: [YearSeries] = []
    /// Per relief scenario its annual cost to the city, as a positive amount (a scenario that brings in more
    /// money shows a negative cost).
    public var reliefScenarios: [LabeledAmount] = []
    /// One bar per assumption: the change of a result when the assumption moves to the low and to the
    /// high end of its stated range (a tornado chart, largest swing first).
    public struct TornadoBar: Sendable {
        public var label: String
        public var atLow: Money
        public var atHigh: Money
        public init(_ label: String, atLow: Money, atHigh: Money) { self.label = label; self.atLow = atLow; self.atHigh = atHigh }
    }
    public var tornado: [TornadoBar] = []
    public var tornadoTitle = ""
    /// All candidates; the overview shows the ten with the largest absolute variance.
    public var variances: [Variance] = []
    /// How many variances the overview shows.
    public var topCount = 10
    /// Lines shown under the sheet title (sources, as-of date).
    public var notes: [String] = []

    public init() {}

    /// The ten (or `topCount`) largest absolute variances, largest first; ties by label.
    public var topVariances: [Variance] {
        Array(variances.sorted {
            $0.variance.magnitude != $1.variance.magnitude ? $0.variance.magnitude > $1.variance.magnitude : $0.label < $1.label
        }.prefix(topCount))
    }

    /// The overview's parts as ordinary tables (for CSV and for stacking on the overview sheet).
    public func tables(lang: Language) -> [ReportTable] {
        var out: [ReportTable] = []
        if !keyFigures.isEmpty {
            let hasNotes = keyFigures.contains { !$0.note.isEmpty }
            var t = ReportTable(table: "overview_key_figures", lang: lang)
            if hasNotes { t.columns += ReportColumns.list("note", table: "overview_key_figures") }
            t.rows = keyFigures.map { k in
                // A percent or euro value shows its unit through its format already.
                var unit = k.unit
                if case .percent = k.value, unit == "%" { unit = "" }
                if case .money = k.value, unit == "€" { unit = "" }
                return [.text(k.label), k.value, .text(unit)] + (hasNotes ? [.text(k.note)] : [])
            }
            out.append(t)
        }
        if !consolidationPath.isEmpty {
            let years = Set(consolidationPath.flatMap { $0.points.map(\.year) }).sorted()
            var t = ReportTable(table: "overview_consolidation_path", lang: lang, rows: years.map { y in
                [.text(String(y))] + consolidationPath.map { s in s.points.first { $0.year == y }.map { .money($0.amount) } ?? .empty }
            })
            t.columns += consolidationPath.enumerated().map { i, s in ReportTable.Column("series_\(i + 1)", de: s.name, en: s.name, kind: .money) }
            out.append(t)
        }
        if !reliefScenarios.isEmpty {
            out.append(ReportTable(table: "overview_relief_scenarios", lang: lang, rows: reliefScenarios.map { [.text($0.label), .money($0.amount)] }))
        }
        if !tornado.isEmpty {
            out.append(ReportTable(table: "overview_tornado", lang: lang, values: ["title": tornadoTitle],
                                   rows: tornado.map { [.text($0.label), .money($0.atLow), .money($0.atHigh)] }))
        }
        let top = topVariances
        if !top.isEmpty {
            // The note explains the table where it stands alone (the council pack).
            out.append(ReportTable(table: "overview_top_variances", lang: lang, values: ["count": String(top.count)],
                rows: top.map { v in
                    let share: ReportTable.Cell = v.plan.cents == 0 ? .text("–")
                        : .formula("IF({col:plan}{r}=0,\"–\",{col:variance}{r}/{col:plan}{r})",
                                   cached: .percent(Decimal(v.variance.cents) / Decimal(v.plan.cents)))
                    return [.text(v.label), .money(v.plan), .money(v.actual),
                            .formula("{col:actual}{r}-{col:plan}{r}", cached: .money(v.variance)), share]
                }))
        }
        return out
    }
}

extension ReportTableRenderer {
    /// Shows a value axis in millions ("-12,5"), the unit being named in the chart title.
    static func millions(_ axis: UnsafeMutablePointer<lxw_chart_axis>) {
        // Each trailing comma divides by 1,000 (Excel and LibreOffice; display units are not read by LibreOffice).
        "#,##0.0,,".withCString { chart_axis_set_num_format(axis, $0) }
    }

    static func titleFont(_ chart: UnsafeMutablePointer<lxw_chart>) {
        var font = lxw_chart_font()
        font.size = 11
        font.bold = 1
        chart_title_set_name_font(chart, &font)
    }

    /// Adds the series of column `letter` over the data rows of a placed table (categories in column A), named
    /// by the column's header.
    @discardableResult
    static func addSeries(_ chart: UnsafeMutablePointer<lxw_chart>, sheet q: String, _ p: TablePlacement,
                          column letter: String) -> UnsafeMutablePointer<lxw_chart_series>? {
        let series = "=\(q)!$A$\(p.firstDataRow + 1):$A$\(p.lastDataRow + 1)".withCString { ca in
            "=\(q)!$\(letter)$\(p.firstDataRow + 1):$\(letter)$\(p.lastDataRow + 1)".withCString { chart_add_series(chart, ca, $0) }
        }
        "=\(q)!$\(letter)$\(p.headerRow + 1)".withCString { chart_series_set_name(series, $0) }
        return series
    }

    /// Finishes a horizontal bar chart of the overview and inserts it: title, value axis in millions, the first
    /// bar on top with the value axis kept at the bottom, the legend where asked.
    static func insertBarChart(_ chart: UnsafeMutablePointer<lxw_chart>, title: String, legend: lxw_chart_legend_position,
                               into sheet: XlsxSheet, workbook wb: XlsxWorkbook, row: Int, col: Int) throws {
        wb.setTitle(title, of: chart)
        millions(chart.pointee.x_axis)
        titleFont(chart)
        chart_axis_set_reverse(chart.pointee.y_axis)
        chart_axis_set_crossing_max(chart.pointee.y_axis)
        chart_legend_set_position(chart, UInt8(legend.rawValue))
        try sheet.insert(chart: chart, row: row, col: col, xScale: 1.25, yScale: 1.0)
    }

    /// Writes the overview sheet: key figures and small tables on the left, charts on the right.
    func renderOverview(_ overview: ReportOverview, into sheet: XlsxSheet, workbook wb: XlsxWorkbook) throws {
        let de = lang == .de
        sheet.hideGridlines()
        try sheet.write(string: de ? "Übersicht – \(documentTitle)" : "Overview – \(documentTitle)", row: 0, col: 0, format: wb.format(.title))
        try sheet.write(string: (de ? "Stand: " : "As of: ") + dateText + " · Pruefstand " + Engine.version, row: 1, col: 0, format: wb.format(.note))
        var row = 2
        let noteRows = overview.notes.indices.map { row + $0 }
        for note in overview.notes {
            try sheet.write(string: note, row: row, col: 0, format: wb.format(.note)); row += 1
        }
        row += 1
        let tables = overview.tables(lang: lang)
        // Left block: each column as wide as its widest content over all stacked tables.
        let leftColumns = max(5, tables.map(\.columns.count).max() ?? 5)
        var widths = [Double](repeating: 12, count: leftColumns)
        for table in tables {
            for (c, w) in ReportTableRenderer.fittedWidths(table, lang: lang).enumerated() where c < widths.count {
                widths[c] = max(widths[c], min(w, c == 0 ? 48 : 22))
            }
        }
        for (c, w) in widths.enumerated() { sheet.setColumn(c, width: w) }
        // A note wraps inside the first column: its row is as tall as its lines, so the print shows all of it.
        for (note, r) in zip(overview.notes, noteRows) {
            let lines = max(1, Int((Double(note.count) * 1.1 / widths[0]).rounded(.up)))
            if lines > 1 { sheet.setRow(r, height: 13.5 * Double(lines)) }
        }
        // Charts below the tables, so the sheet prints one page wide at a legible scale.
        let chartColumn = 0
        var placed: [String: TablePlacement] = [:]
        for table in tables {
            let p = TablePlacement(table: table, sheetName: sheet.name, startRow: row)
            var opts = Options(); opts.standalone = false; opts.titleStyle = .keyLabel; opts.knownWidths = widths
            try render(table, into: sheet, workbook: wb, placement: p, options: opts)
            placed[table.key] = p
            row = p.lastRow + 2
        }

        var chartRow = row
        let q = sheet.quotedName
        if let p = placed["overview_consolidation_path"], let t = tables.first(where: { $0.key == "overview_consolidation_path" }) {
            let chart = wb.addChart(LXW_CHART_LINE)
            for c in 1..<t.columns.count {
                let series = Self.addSeries(chart, sheet: q, p, column: XlsxSheet.columnLetter(c))
                chart_series_set_marker_type(series, UInt8(LXW_CHART_MARKER_CIRCLE.rawValue))
            }
            wb.setTitle(de ? "Konsolidierungspfad: Jahresergebnis in Mio. €" : "Consolidation path: annual result in € million", of: chart)
            Self.millions(chart.pointee.y_axis)
            Self.titleFont(chart)
            chart_axis_set_label_position(chart.pointee.x_axis, UInt8(LXW_CHART_AXIS_LABEL_POSITION_LOW.rawValue))
            chart_legend_set_position(chart, UInt8(LXW_CHART_LEGEND_BOTTOM.rawValue))
            try sheet.insert(chart: chart, row: chartRow, col: chartColumn, xScale: 1.25, yScale: 1.1)
            chartRow += 18
        }
        if let p = placed["overview_relief_scenarios"] {
            let chart = wb.addChart(LXW_CHART_BAR)
            Self.addSeries(chart, sheet: q, p, column: "B")
            try Self.insertBarChart(chart, title: de ? "Entlastungsszenarien: Kosten für die Stadt, Mio. € je Jahr" : "Relief scenarios: cost to the city, € million per year",
                                    legend: LXW_CHART_LEGEND_NONE, into: sheet, workbook: wb, row: chartRow, col: chartColumn)
            chartRow += 16
        }
        if let p = placed["overview_tornado"] {
            let chart = wb.addChart(LXW_CHART_BAR)
            for letter in ["B", "C"] { Self.addSeries(chart, sheet: q, p, column: letter) }
            chart_set_series_overlap(chart, 100)   // low and high on one line: a tornado
            try Self.insertBarChart(chart, title: (de ? "Sensitivität (Tornado): " : "Sensitivity (tornado): ") + overview.tornadoTitle + (de ? ", Mio. €" : ", € million"),
                                    legend: LXW_CHART_LEGEND_BOTTOM, into: sheet, workbook: wb, row: chartRow, col: chartColumn)
            chartRow += 16
        }
        var printing = PrintSetup(title: documentTitle, date: dateText, lang: lang)
        printing.printArea = (max(row, chartRow + 1), leftColumns - 1)
        printing.contentWidth = widths.reduce(0, +)
        sheet.setupPrinting(printing)
    }
}
