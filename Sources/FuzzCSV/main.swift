// libFuzzer target for the CSV reader, the row checks and the mapping loader: arbitrary bytes must end in
// records, rejects or a PruefstandError, never a crash or a hang. Built only with -DFUZZING (scripts/fuzz.sh).
#if FUZZING
import Foundation
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
        do { _ = try Mapping.parse(try StrictYAML.parse(text, file: "fuzz.yaml")) }
        catch let e as PruefstandError { _ = e.description }
        catch { fatalError("mapping loader threw a non-Pruefstand error: \(error)") }
        return 0
    }
    FileManager.default.createFile(atPath: path, contents: rest)
    do {
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
    } catch let e as PruefstandError {
        _ = e.description
    } catch {
        fatalError("CSV reader threw a non-Pruefstand error: \(error)")
    }
    return 0
}

@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt) -> CInt

for warmUp in ["\u{0}a;b\n1,5;2\n", "\u{1}kind: ledger\n"] {
    let b = Array(warmUp.utf8)
    _ = b.withUnsafeBufferPointer { fuzzCSV($0.baseAddress, $0.count) }
}
var argc = CommandLine.argc
var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
exit(LLVMFuzzerRunDriver(&argc, &argv, fuzzCSV))
#else
print("FuzzCSV is a libFuzzer target: run scripts/fuzz.sh")
#endif
