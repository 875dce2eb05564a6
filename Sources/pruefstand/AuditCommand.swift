import ArgumentParser
import Foundation
import PruefstandCore

struct AuditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "Audit analytics on the ledger (duplicates, Benford, round amounts, splits, weekends/holidays, spending review).",
        discussion: """
        Runs the tests auditors run in IDEA or ACL on one year's postings; every finding lists the postings \
        (ids) and documents behind it. Parameters (duplicate window, approval thresholds, round-amount rule, \
        voluntary-service products) come from --parameters; without it the built-in defaults apply (no approval \
        thresholds, no voluntary-service products; docs/controlling.md). A city folder's file is never read implicitly.

        --format csv writes the findings table with all posting ids, its texts in --lang; json writes everything.
        Examples:
          pruefstand audit --year 2025 --parameters Datasets/musterstadt/controlling/audit.yaml
          pruefstand audit --format json > findings.json
        """)

    @Option(help: "Fiscal year (default: the latest year with postings).") var year: Int?
    @Option(help: "Audit parameter file (YAML), e.g. the city's controlling/audit.yaml (default: built-in defaults without thresholds).") var parameters: String?
    @Option(help: "Output format: table|csv|json.") var format: ControllingOutputFormat = .table
    @OptionGroup var global: GlobalOptions

    func validate() throws {
        if let y = year, !FiscalYear.supportedRange.contains(y) { throw global.yearOutsideRange(y) }
    }

    func run() throws {
        let params = try parameters.map { try AuditParameters.load(path: $0) } ?? AuditParameters()
        let store = try global.openReadOnly()
        let report = try LedgerAudit.run(store, year: year, parameters: params)
        let names = try store.codeNameBook()
        switch format {
        case .csv: controllingWrite(ControllingFormat.csv(report.reportTables(idLimit: nil, lang: global.language, testKeys: true)[0].withNames(names)))
        case .json: controllingWrite(try controllingJSON(report.jsonObject()))
        case .table: controllingWrite(ControllingFormat.text(report.reportTables(lang: global.language).map { $0.withNames(names) }, lang: global.language, limit: 30))
        }
    }
}
