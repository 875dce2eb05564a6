import Foundation

/// The report tables' column vocabulary (issue 18): key, kind, titles in German and English and options of every
/// column, written once in `Sources/PruefstandCore/Resources/report-columns.tsv` and read once.
///
/// Tables share most of their columns (department, name, positions, year, FTE …); each declares which, in order,
/// in one line of keys instead of repeating the titles. A `+` after a key adds the column to the table's totals
/// row. A key is looked up as `TABLE.KEY` first, for a table that gives a shared key other words or another kind
/// (a year as a label), then as `KEY`. The file is a SwiftPM resource embedded in the code (`.embedInCode`, as
/// `BundledDefaults`), so the binary needs no resource folder; the tests check that every listed key is in the
/// catalogue, every entry is used and no title is missing in a language.
///
///     ReportColumns.list("check positions+ what", table: "review_not_assessed")   // or a table's line in report-tables.tsv
public enum ReportColumns {
    /// The catalogue's place in the repository, as errors name it.
    public static let sourcePath = "Sources/PruefstandCore/Resources/report-columns.tsv"

    /// The text of the shipped catalogue.
    public static var text: String { String(decoding: PackageResources.report_columns_tsv, as: UTF8.self) }

    /// Every column by its catalogue key (`KEY` or `TABLE.KEY`), read once.
    public static let catalogue: [String: ReportTable.Column] = {
        do { return try parse(text) } catch { preconditionFailure("\(error)") }
    }()

    /// The columns of `table`, in the order of `keys` (separated by blanks; `key+` for a column with a total).
    /// A key that is not in the catalogue is a programming error (the tests list every use).
    public static func list(_ keys: String, table: String) -> [ReportTable.Column] {
        keys.split(separator: " ").map { word in
            let total = word.hasSuffix("+")
            let key = String(total ? word.dropLast() : word)
            guard var column = catalogue["\(table).\(key)"] ?? catalogue[key] else {
                preconditionFailure("report column \(key) of table \(table) is not in \(sourcePath)")
            }
            column.total = total
            return column
        }
    }

    /// Reads a catalogue: one column a line as `key⇥kind⇥options⇥de⇥en`; `#` lines and blank lines are skipped.
    /// Refuses a line with another number of fields, an unknown kind or option, an empty title and a key twice,
    /// naming the line.
    public static func parse(_ text: String, path: String = sourcePath) throws -> [String: ReportTable.Column] {
        var columns: [String: ReportTable.Column] = [:]
        for (line, f) in try TabSeparated.rows(text, path: path, fields: ["key", "kind", "options", "de", "en"]) {
            func fail(_ message: String) -> PruefstandError { TabSeparated.error(path, line, message) }
            let key = f[0]
            guard !key.isEmpty, key.filter({ $0 == "." }).count <= 1, key.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || $0 == ".") }) else {
                throw fail("a key is letters, digits, _ and one . (TABLE.KEY), not \"\(key)\"")
            }
            guard let kind = ReportTable.Kind(rawValue: f[1]) else { throw fail("unknown kind \"\(f[1])\" for \(key)") }
            guard !f[3].isEmpty, !f[4].isEmpty else { throw fail("\(key) needs a German and an English title") }
            guard columns[key] == nil else { throw fail("\(key) is declared twice") }
            var column = ReportTable.Column(key.split(separator: ".").last.map(String.init) ?? key, de: f[3], en: f[4], kind: kind)
            for option in f[2].split(separator: ",") where option != "-" {
                switch option {
                case "input": column.isInput = true
                case "flag=notZero": column.flag = .notZero
                case "flag=nonEmpty": column.flag = .nonEmpty
                default: throw fail("unknown option \"\(option)\" for \(key) (input, flag=notZero, flag=nonEmpty)")
                }
            }
            columns[key] = column
        }
        return columns
    }
}
