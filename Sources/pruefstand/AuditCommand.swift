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
        voluntary-service products) come from --parameters, by default \
        Datasets/musterstadt/controlling/audit.yaml when it exists, else built-in defaults without thresholds.

        --format csv writes the findings table with all posting ids; json writes everything.
        Examples:
          pruefstand audit --year 2025 --parameters Datasets/musterstadt/controlling/audit.yaml
          pruefstand audit --format json > findings.json
        """)

    @Option(help: "Fiscal year (default: the latest year with postings).") var year: Int?
    @Option(help: "Audit parameter file (YAML).") var parameters: String?
    @Option(help: "Output format: table|csv|json.") var format: ControllingOutputFormat = .table
    @Option(help: "Store file (default: PRUEFSTAND_DB or pruefstand.sqlite).") var db: String?

    static let defaultParameters = "Datasets/musterstadt/controlling/audit.yaml"

    func validate() throws {
        if let y = year, !FiscalYear.supportedRange.contains(y) { throw ValidationError("--year: \(y) is outside the supported years \(FiscalYear.supportedRangeText)") }
    }

    func run() throws {
        let params: AuditParameters
        if let parameters { params = try AuditParameters.load(path: parameters) }
        else if FileManager.default.fileExists(atPath: Self.defaultParameters) { params = try AuditParameters.load(path: Self.defaultParameters) }
        else { params = AuditParameters() }
        let store = try Store.openReadOnly(path: Store.resolvePath(db))
        let report = try LedgerAudit.run(store, year: year, parameters: params)
        let names = try store.codeNameBook()
        switch format {
        case .csv: controllingWrite(ControllingFormat.csv(report.reportTables(idLimit: nil, testKeys: true)[0].withNames(names)))
        case .json: controllingWrite(try controllingJSON(report.jsonObject()))
        case .table: controllingWrite(ControllingFormat.text(report.reportTables().map { $0.withNames(names) }, limit: 30))
        }
    }
}
