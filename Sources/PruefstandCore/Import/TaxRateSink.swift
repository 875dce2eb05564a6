import Foundation
import GRDB

/// Hebesatz tables (`taxrates`): one municipality and year per row. A municipality is known by its AGS
/// (Amtlicher Gemeindeschlüssel) when the table gives one, else by its name; a key and year twice, in the
/// file or already in the store, rejects the row. Gewerbesteuer below 200 % is rejected: the statutory
/// minimum since 2004.
///
/// Legal basis: § 16 Abs. 4 Satz 2 GewStG (Mindesthebesatz 200 %); § 25 GrStG (the municipality sets the
/// Hebesätze of Grundsteuer A and B).
final class TaxRateSink: KeyedSink {
    override func insert(_ rows: ArraySlice<ParsedRow>, record: CSVRecord, raw: () -> String) throws -> RowProblem? {
        let r = rows[rows.startIndex]
        let name = r.string(index("municipality"))!
        let ags = r.string(index("ags")).flatMap { $0.isEmpty ? nil : $0 }
        let year = r.num[index("fiscal_year")]
        if let ags, !(ags.count == 8 && ags.allSatisfy(\.isASCIIDigitChar)) {
            return RowProblem(column: nil, field: "ags", value: String(ags.prefix(200)), reason: .init(
                de: "kein Amtlicher Gemeindeschlüssel (8 Ziffern, 05914000)", en: "not an Amtlicher Gemeindeschlüssel (8 digits, 05914000)"))
        }
        let gewst = r.num[index("gewerbesteuer")]
        if gewst < 200 {
            return RowProblem(column: nil, field: "gewerbesteuer", value: String(gewst),
                              reason: .init(de: "Hebesatz der Gewerbesteuer \(gewst) % liegt unter dem Mindesthebesatz von 200 % (§ 16 Abs. 4 Satz 2 GewStG)",
                                            en: "Gewerbesteuer Hebesatz \(gewst) % is below the minimum of 200 % (§ 16 Abs. 4 Satz 2 GewStG)"))
        }
        let key = (ags ?? name.lowercased()) + " \(year)"
        if let earlier = lines[key] {
            return RowProblem(column: nil, field: "municipality", value: name, reason: .init(
                de: "\(name) \(year) steht zweimal in der Datei (zuerst in Zeile \(earlier.line))", en: "\(name) \(year) occurs twice (first in line \(earlier.line))"))
        }
        if let other = try TaxRates.storedImport(db, key: ags ?? name, byAGS: ags != nil, year: year) {
            return RowProblem(column: nil, field: "municipality", value: name, reason: .init(
                de: "\(name) \(year) ist schon im Store, aus Import \(other) (eine neue Tabelle mit --replace-kind laden)",
                en: "\(name) \(year) is already in the store from import \(other) (use --replace-kind to load a new table)"))
        }
        try TaxRates.insert(db, importId: importId, line: record.line, municipality: name, ags: ags, year: year,
                            a: r.num[index("grundsteuer_a")], b: r.num[index("grundsteuer_b")], gewerbesteuer: gewst)
        lines[key] = (record.line, "")
        return nil
    }
}

extension RowParser {
    /// A Hebesatz in whole percent: digits, optionally followed by `%` (`520`, `520 %`, `1.139` with a German
    /// thousands dot), 0–9,999. Decimals are refused: published Hebesätze are whole percent.
    static func percent(_ p: UnsafeBufferPointer<UInt8>) -> Int64? {
        var digits: [UInt8] = []
        var text = Array(p)
        while let last = text.last, last == 0x20 || last == 0x25 { text.removeLast() }   // trailing spaces and %
        for (i, b) in text.enumerated() {
            if b >= 0x30 && b <= 0x39 { digits.append(b); continue }
            // A thousands dot only as in 1.139: one to three digits before it, three after.
            if b == 0x2E, i > 0, i <= 3, text.count - i - 1 == 3 { continue }
            return nil
        }
        guard (1...4).contains(digits.count) else { return nil }
        return Int64(String(decoding: digits, as: UTF8.self))
    }
}
