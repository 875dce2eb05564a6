import Foundation
import GRDB
import Testing
@testable import PruefstandCore

/// The main job uses each input's declared load mode (issue 20): a corrected month declared in the
/// manifest with `mode: replace-period` replaces that month's postings, and a re-saved copy of an input
/// is found in the store. Run as a user runs it: the built binary on a small test city.
@Suite("Main job: load modes from the manifest", .serialized, .enabled(if: CrashSafetyTests.binary != nil, "the pruefstand binary is built beside the tests"))
struct LoadModeRunTests {
    @Test("a corrected month in the manifest replaces exactly that month; a re-saved input is already in the store")
    func correctedMonth() throws {
        let dir = try TestCity.make()
        let db = "\(dir)/city.sqlite"
        let run = "'\(CrashSafetyTests.binary!)' run '\(dir)' --db '\(db)' 2>&1"
        let (first, out1) = try TestSupport.shell(run)
        #expect(first == 0, "\(out1)")
        let store = try Store.open(path: db)
        // The corrected March 2024: written here from the stored postings, the first two left out and
        // the third with one euro more. The oracle is the sum of the rows written.
        let march = try store.read { try Row.fetchAll($0, sql: """
            SELECT fiscal_year, posting_date, document_id, product, cost_center, account, description, vendor, amount_cents
            FROM v_ledger WHERE posting_date BETWEEN '2024-03-01' AND '2024-03-31' ORDER BY posting_id
            """) }
        #expect(march.count > 3)
        func quoted(_ s: String) -> String { "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }
        var csv = AdversarialSupport.ledgerHeader + "\n"
        var fileCents: Int64 = 0
        for (i, r) in march.enumerated() where i >= 2 {
            var cents: Int64 = r["amount_cents"]
            if i == 2 { cents += 100 }
            fileCents += cents
            let amount = (cents < 0 ? "-" : "") + "\(cents.magnitude / 100).\(String(format: "%02d", Int(cents.magnitude % 100)))"
            let text: [String] = ["fiscal_year", "posting_date", "document_id", "product", "cost_center", "account", "description", "vendor"]
                .map { k in (r[k] as DatabaseValueConvertible?).map { "\($0)" } ?? "" }
            csv += (text + [amount]).map(quoted).joined(separator: ",") + "\n"
        }
        try csv.write(toFile: "\(dir)/korrektur-2024-03.csv", atomically: true, encoding: .utf8)
        // A re-saved copy of the 2024 ledger: CRLF line ends and a BOM.
        let original = try String(contentsOfFile: "\(dir)/ledger-2024.csv", encoding: .utf8)
        try ("\u{FEFF}" + original.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\n", with: "\r\n"))
            .write(toFile: "\(dir)/ledger-2024-neu.csv", atomically: true, encoding: .utf8)
        let monthsBefore = try Self.months(store)
        let manifest = try String(contentsOfFile: "\(dir)/pruefstand.yaml", encoding: .utf8).replacingOccurrences(of: "report:\n", with: """
              - { kind: ledger, file: ledger-2024-neu.csv }
              - { kind: ledger, file: korrektur-2024-03.csv, mode: replace-period, period: 2024-03 }
            report:

            """)
        try manifest.write(toFile: "\(dir)/pruefstand.yaml", atomically: true, encoding: .utf8)
        let (second, out2) = try TestSupport.shell(run)
        #expect(second == 0, "\(out2)")
        // In German, the run's language (the manifest names none).
        #expect(out2.contains("Schon gespeichert (gleicher Inhalt): ledger \(dir)/ledger-2024-neu.csv"), "\(out2)")
        #expect(out2.contains("Periode 2024-03-01..2024-03-31 abgeglichen"), "\(out2)")
        let monthsAfter = try Self.months(store)
        for (month, total) in monthsBefore where month != "2024-03" { #expect(monthsAfter[month] == total, "\(month)") }
        #expect(monthsAfter["2024-03"] == fileCents)
        // A third run finds everything in the store and changes nothing.
        let (third, _) = try TestSupport.shell(run)
        #expect(third == 0)
        #expect(try Self.months(store) == monthsAfter)
    }

    /// Cents per posting month, from the postings.
    static func months(_ store: Store) throws -> [String: Int64] {
        try store.read { db in
            var m: [String: Int64] = [:]
            for r in try Row.fetchAll(db, sql: "SELECT substr(posting_date, 1, 7) AS m, sum(amount_cents) AS c FROM v_ledger GROUP BY 1") {
                m[r["m"]] = r["c"]
            }
            return m
        }
    }
}
