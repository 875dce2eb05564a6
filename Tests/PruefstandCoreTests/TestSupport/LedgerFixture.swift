import Foundation
@testable import PruefstandCore

/// A deterministic synthetic ledger for tests, written by the test suite itself (no file outside the
/// repository is needed; issue 21).
///
/// The same columns and the same two dialects as the benchmark generator (`gen_ledger.py` of the team's bench folder,
/// which `make bench` keeps using): `rfc4180` (comma, decimal point, UTF-8, English header) and `excel-de`
/// (semicolon, decimal comma, Windows-1252, German header as in docs/formats.md). Texts carry umlauts,
/// quotes and the delimiters, so the dialects are exercised; 2 % of the amounts are negative (reversals).
/// Same `rows` and `seed` give byte-identical files; both dialects of one seed hold the same postings.
enum LedgerFixture {
    enum Dialect { case rfc4180, excelDE }

    static let accounts = ["501100", "501200", "502100", "521100", "522100", "523100", "527100", "531700",
                           "533100", "541100", "542100", "543100", "549100", "551700"]
    static let words = ["Reinigung", "Büromaterial", "Wartung", "Lizenz", "Miete", "Straßenunterhaltung",
                        "Grünpflege", "Schülerbeförderung", "Jugendhilfe", "Erstattung"]
    static let vendors = ["Stadtwerke Hagen", "Müller & Söhne GmbH", "IT-Dienstleister \"Süd\" AG",
                          "Grün; Pflege e.K.", "Kanzlei Weiß, Partner", "N.N."]

    /// Writes `rows` postings of fiscal year `year` to `path`; returns the sum of the amounts in cents.
    @discardableResult
    static func write(rows: Int, to path: String, dialect: Dialect = .rfc4180, seed: UInt64 = 2026,
                      year: Int = 2025) throws -> Int64 {
        var rng = ScenarioMonteCarlo.SplitMix64(seed: seed)
        func pick<T>(_ a: [T]) -> T { a[Int(rng.next() % UInt64(a.count))] }
        let products = (0..<60).map { _ in
            String(format: "%02d.%02d.%02d", 1 + Int(rng.next() % 17), 1 + Int(rng.next() % 9), 1 + Int(rng.next() % 12))
        }
        let costCenters = (0..<40).map { _ in "KST\(10000 + rng.next() % 90000)" }
        let de = dialect == .excelDE
        let sep: Character = de ? ";" : ","
        func field(_ s: String) -> String {
            s.contains(sep) || s.contains("\"") ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
        }
        var text = (de ? "Haushaltsjahr;Buchungsdatum;Belegnummer;Produkt;Kostenstelle;Sachkonto;Buchungstext;Kreditor;Betrag"
                       : "fiscal_year,posting_date,document_id,product,cost_center,account,description,vendor,amount") + "\r\n"
        var total: Int64 = 0
        let monthDays = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        for i in 0..<rows {
            let month = 1 + Int(rng.next() % 12), day = 1 + Int(rng.next() % UInt64(monthDays[month - 1]))
            var cents = Int64(100 + rng.next() % 2_000_000)
            if rng.next() % 50 == 0 { cents = -cents }
            total += cents
            let date = de ? String(format: "%02d.%02d.%04d", day, month, year) : String(format: "%04d-%02d-%02d", year, month, day)
            var desc = "\(pick(words)) \(String(format: "%02d", month))/\(year) Vorgang \(rng.next() % 99999)"
            if rng.next() % 20 == 0 { desc += "; Nachtrag \"lt. Vertrag\"" }
            let magnitude = cents.magnitude
            let amount = (cents < 0 ? "-" : "") + "\(magnitude / 100)" + (de ? "," : ".") + String(format: "%02d", Int(magnitude % 100))
            let fields = ["\(year)", date, "B\(year)-\(String(format: "%09d", i))", pick(products), pick(costCenters),
                          pick(accounts), desc, pick(vendors), amount]
            text += fields.map(field).joined(separator: String(sep)) + "\r\n"
        }
        guard let data = text.data(using: de ? .windowsCP1252 : .utf8) else {
            throw PruefstandError.other("the ledger fixture cannot be encoded")
        }
        try data.write(to: URL(fileURLWithPath: path))
        return total
    }
}
