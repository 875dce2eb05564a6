import Foundation

/// One CSV file of the sample: its name, its dialect and header, and the records it holds with the fields of
/// one record (`MusterstadtSample.sampleFiles` lists them all, in writing order).
///
/// Example: `SampleFile("codes.csv", header: ["code", "name"], codeNames) { [$0.code, $0.name] }.bytes()`
struct SampleFile {
    /// How a file writes its rows (`SampleCSV`'s separator, line ending and encoding).
    enum Dialect {
        /// UTF-8, comma, LF: the canonical formats.
        case canonical
        /// `gen_ledger.py --dialect excel-de`: `;`, Windows-1252, CRLF (the fields write decimal commas and German dates).
        case excelDE
        /// `gen_ledger.py`'s rfc4180: UTF-8, comma, CRLF.
        case rfc4180
    }

    let name: String
    /// The file's bytes: the header, then one row a record.
    let bytes: () -> [UInt8]

    /// `bytesPerRow` only reserves memory for a large file.
    init<Record>(_ name: String, dialect: Dialect = .canonical, bytesPerRow: Int = 0, header: [String], _ records: [Record],
                 fields: @escaping (Record) -> [String]) {
        self.name = name
        bytes = {
            var csv = switch dialect {
            case .canonical: SampleCSV(capacity: records.count * bytesPerRow)
            case .excelDE: SampleCSV(separator: ";", lineEnding: "\r\n", encoding: .windows1252, capacity: records.count * bytesPerRow)
            case .rfc4180: SampleCSV(separator: ",", lineEnding: "\r\n", encoding: .utf8, capacity: records.count * bytesPerRow)
            }
            csv.row(header)
            for r in records { csv.row(fields(r)) }
            return csv.bytes
        }
    }
}
