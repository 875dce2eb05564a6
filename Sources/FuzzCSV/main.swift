// libFuzzer target for the CSV reader, the row checks and the mapping loader: arbitrary bytes must end in
// records, rejects or a PruefstandError, never a crash or a hang. Driven by libFuzzer when built with -DFUZZING (scripts/fuzz.sh, FuzzSupport).
import Foundation
import FuzzSupport
import PruefstandCore

let path = FileManager.default.temporaryDirectory.appendingPathComponent("fuzz-csv-\(getpid()).csv").path

/// First byte even: the bytes are a CSV file, read record by record with every value parser applied to
/// every field. Odd: the rest is a mapping file (YAML) for the strict loader.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCSV(_ bytes: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let bytes, size > 0 else { return 0 }
    let rest = Data(bytes: bytes + 1, count: size - 1)
    if bytes[0] & 1 == 1 {
        let text = String(decoding: rest, as: UTF8.self)
        expectOnly(PruefstandError.self, "the mapping loader") { _ = try Mapping.parse(try StrictYAML.parse(text, file: "fuzz.yaml")) }
        return 0
    }
    _ = FileManager.default.createFile(atPath: path, contents: rest)
    expectOnly(PruefstandError.self, "the CSV reader") {
        let reader = try CSVReader(path: path)
        var rec = CSVRecord()
        var n = 0
        while try reader.next(&rec), n < 10_000 {
            n += 1
            for i in 0..<rec.count {
                rec.withField(i) { p in
                    _ = ValueParsers.cents(p, style: .german)
                    _ = ValueParsers.cents(p, style: .english)
                    _ = ValueParsers.date(p, style: .auto)
                    _ = ValueParsers.integer(p)
                }
            }
            _ = reader.rawText(rec)
        }
        _ = try reader.sha256()
    }
    return 0
}

runFuzzer("FuzzCSV", fuzzCSV, warmUps: ["\u{0}a;b\n1,5;2\n", "\u{1}kind: ledger\n"])
