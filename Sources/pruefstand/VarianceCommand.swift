import ArgumentParser
import Foundation
import PruefstandCore

extension VarianceDimension: ExpressibleByArgument {}
extension PlanPhasing: ExpressibleByArgument {}

/// Output format of the controlling commands.
enum ControllingOutputFormat: String, ExpressibleByArgument, CaseIterable { case table, csv, json }

/// Writes JSON for a dictionary built by the engine (sorted keys, so the output is stable).
func controllingJSON(_ object: Any) throws -> String { ControllingFormat.json(object) }

/// Writes text to standard output in one piece.
func controllingWrite(_ text: String) {
    FileHandle.standardOutput.write(Data(text.utf8))
}

struct VarianceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "variance",
        abstract: "Plan vs actual (Plan-Ist-Vergleich), exact to the cent.",
        discussion: """
        Compares the plan (budget lines of kind plan) with the actuals of the ledger, for a year or year to \
        date, by product, product group, product area, account, account group, cost centre or org unit. \
        Flags variances past both thresholds and names their largest drivers (table and json).

        With --by product,account --format csv the columns are product,account,plan,actual,variance,variance_pct, \
        one row per plan line, ordered by variance descending.
        Examples:
          pruefstand variance --year 2025
          pruefstand variance --year 2025 --by product,account --format csv > variance.csv
          pruefstand variance --by org-unit --through-month 6 --phasing seasonal
        """)

    @Option(help: "Fiscal year (default: the latest year with postings).") var year: Int?
    @Option(name: .customLong("by"), help: "Dimension: \(VarianceDimension.allCases.map(\.rawValue).joined(separator: "|")).")
    var dimension: VarianceDimension = .productAccount
    @Option(help: "Year to date through this month (1-12).") var throughMonth: Int?
    @Option(help: "Monthly phasing of the plan: \(PlanPhasing.helpList).") var phasing: PlanPhasing = .even
    @Option(help: "Flag variances of at least this many euros (absolute).") var thresholdAbsolute: Int64 = 10_000
    @Option(help: "… and at least this percentage of the plan.") var thresholdPercent: Double = 10
    @Option(help: "Output format: table|csv|json.") var format: ControllingOutputFormat = .table
    @OptionGroup var global: GlobalOptions

    func validate() throws {
        if let m = throughMonth, !(1...12).contains(m) { throw UsageText.error(global.language, de: "--through-month muss 1…12 sein, nicht \(m)", en: "--through-month must be 1…12, not \(m)") }
        if thresholdAbsolute < 0 || thresholdPercent < 0 { throw UsageText.error(global.language, de: "Schwellen dürfen nicht negativ sein", en: "thresholds must not be negative") }
        if thresholdAbsolute > Int64.max / 100 { throw UsageText.error(global.language, de: "--threshold-absolute: höchstens \(NumberText.count(Int(Int64.max / 100), .de)) Euro", en: "--threshold-absolute: at most \(Int64.max / 100) euros") }
        if let y = year, !FiscalYear.supportedRange.contains(y) { throw global.yearOutsideRange(y) }
    }

    func run() throws {
        let store = try global.openReadOnly()
        let percent = Decimal(string: String(thresholdPercent)) ?? 10
        let options = VarianceOptions(year: year, dimension: dimension, throughMonth: throughMonth, phasing: phasing,
                                      thresholds: VarianceThresholds(absolute: Money(euros: thresholdAbsolute), percent: percent),
                                      includeDrivers: format != .csv)
        let report = try VarianceAnalysis.run(store, options)
        switch format {
        case .csv: controllingWrite(report.csv())
        case .json: controllingWrite(try controllingJSON(report.jsonObject()))
        case .table:
            let names = try store.codeNameBook()
            let tables = report.reportTables(lang: global.language).map { $0.withNames(names, composite: ["row": report.dimension.keyColumns]) }
            controllingWrite(ControllingFormat.text(tables, lang: global.language, limit: 40) + report.totalLine(global.language))
        }
    }
}
