import CXlsxWriter
import Foundation

/// Something that contributes tables to the controlling report (review, plan/actual, audit trail, …).
public protocol ReportSectionProvider {
    /// The tables of this section, in the report's language.
    func tables(lang: Language) throws -> [ReportTable]
}

/// A parameter file that a run used, listed with its SHA-256 in the audit trail.
public struct ParameterFileHash: Sendable, Hashable {
    public var path: String
    public var sha256: String
    public init(path: String, sha256: String) { self.path = path; self.sha256 = sha256 }
}

/// Collects the report's sections and writes the controlling workbook and its CSV files.
///
/// Sheets come in this order: the overview (if set), then the tables in the order they were added.
/// Formulas may refer to other tables by key (see `ReportTableRenderer`), so add all tables first.
///
///     let builder = ReportBuilder(lang: .de)
///     builder.overview = overview
///     builder.add(table: planActual)
///     try builder.add(AuditTrailSection(store: store, parameterFiles: files, runStartedAt: start))
///     try builder.add(RejectedRowsSection(store: store))
///     try builder.writeWorkbook(to: "bericht.xlsx")
///     try builder.writeCSV(to: "csv", dialect: .excelDE)
public final class ReportBuilder {
    public var lang: Language
    /// Shown in the sheet headers and the workbook properties.
    public var title: String
    /// The as-of text in page headers; defaults to today in German or ISO form.
    public var dateText: String
    public var overview: ReportOverview?
    public private(set) var tables: [ReportTable] = []
    /// Charts with their data, each on its own sheet after the overview (and as `<key>.csv`).
    public var chartPages: [ChartPage] = []
    /// Protect sheets that have input columns so only the highlighted input cells can be edited.
    public var protectSheetsWithInputs = true

    public init(title: String? = nil, lang: Language = .de, date: CivilDate = .today()) {
        self.lang = lang
        self.title = title ?? (lang == .de ? "Controlling-Bericht" : "Controlling report")
        self.dateText = lang == .de ? date.german : date.iso
    }

    /// Adds one table as its own sheet (and CSV file).
    public func add(table: ReportTable) { tables.append(table) }

    /// Adds all tables of a section provider, now.
    public func add(_ provider: any ReportSectionProvider) throws { tables += try provider.tables(lang: lang) }

    /// The sheet names the workbook will have, in order (overview first).
    public func plannedSheetNames() -> [String] {
        var taken: Set<String> = []
        var names: [String] = []
        if overview != nil {
            let n = XlsxWorkbook.sanitizedSheetName(lang == .de ? "Übersicht" : "Overview", taken: taken)
            taken.insert(n); names.append(n)
        }
        for t in chartPages.map(\.table) + tables {
            let n = XlsxWorkbook.sanitizedSheetName(t.sheetName(lang), taken: taken)
            taken.insert(n); names.append(n)
        }
        return names
    }

    /// Writes the workbook: overview sheet with charts, then one sheet per table. The file is replaced
    /// whole or not at all (`OutputFile`), and never if it is one of `protected` (the store, an input).
    /// Returns what the text sanitiser changed (`XMLText`), for the run log.
    @discardableResult
    public func writeWorkbook(to path: String, protecting protected: ProtectedFiles = ProtectedFiles()) throws -> TextChanges {
        try OutputFile.write(to: path, protecting: protected) { tmp in try writeWorkbook(to: path, writingTo: tmp) }
    }

    private func writeWorkbook(to path: String, writingTo temporaryPath: String) throws -> TextChanges {
        let wb = try XlsxWorkbook(path: path, writingTo: temporaryPath)
        wb.setProperties(title: title, subject: lang == .de ? "Haushaltscontrolling" : "Budget controlling")
        var renderer = ReportTableRenderer(lang: lang, documentTitle: title, dateText: dateText)
        renderer.protectSheetsWithInputs = protectSheetsWithInputs
        let names = plannedSheetNames()
        let chartNames = Array(names.dropFirst(overview == nil ? 0 : 1).prefix(chartPages.count))
        let tableNames = Array(names.dropFirst((overview == nil ? 0 : 1) + chartPages.count))
        let keys = (chartPages.map(\.table) + tables).map(\.key)
        if Set(keys).count != keys.count {
            throw PruefstandError.other("report: two tables share a key (\(keys.sorted().adjacentDuplicate ?? "?")); keys name CSV files and formula references")
        }
        for (table, name) in zip(tables, tableNames) {
            renderer.register(table, placement: TablePlacement(table: table, sheetName: name))
        }
        if let overview {
            let sheet = try wb.addSheet(names[0])
            try renderer.renderOverview(overview, into: sheet, workbook: wb)
            sheet.activate()
        }
        for (page, name) in zip(chartPages, chartNames) {
            let sheet = try wb.addSheet(name)
            wb.countReplacements(in: page.table.sheetName(lang))
            try renderer.renderChartPage(page, into: sheet, workbook: wb,
                                         printing: PrintSetup(title: "\(title) – \(page.table.title(lang))", date: dateText, lang: lang))
        }
        for (table, name) in zip(tables, tableNames) {
            let sheet = try wb.addSheet(name)
            wb.countReplacements(in: table.sheetName(lang))   // the planned name was made valid already
            try renderer.render(table, into: sheet, workbook: wb)
        }
        try wb.close()
        return wb.textChanges
    }

    /// Writes every table (and the overview's tables) as `<key>.csv` into a directory; returns the paths.
    /// Each file is replaced whole or not at all (`OutputFile`); none may be one of `protected`.
    @discardableResult
    public func writeCSV(to directory: String, dialect: CSVDialect, lineEnding: CSVWriter.LineEnding? = nil,
                         protecting protected: ProtectedFiles = ProtectedFiles()) throws -> [String] {
        let all = (overview?.tables(lang: lang) ?? []) + chartPages.map(\.table) + tables
        let paths = all.map { (directory as NSString).appendingPathComponent($0.key + ".csv") }
        for path in paths { try protected.check(output: path) }   // refuse before anything is written
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw PruefstandError.file(path: directory, message: "cannot create directory: \(error.localizedDescription)")
        }
        for (table, path) in zip(all, paths) {
            try CSVWriter.write(table, to: path, dialect: dialect, lineEnding: lineEnding, protecting: protected)
        }
        return paths
    }
}

extension Array where Element == String {
    fileprivate var adjacentDuplicate: String? {
        zip(self, dropFirst()).first { $0 == $1 }?.0
    }
}
