// libFuzzer target for the .xlsx reader: arbitrary bytes must end in a result or an XLSXError,
// never a crash, a hang or unbounded memory. Built only with -DFUZZING (scripts/fuzz.sh).
#if FUZZING
import Foundation
import PruefstandCore

/// The first byte picks what the rest is: even → a whole .xlsx file; odd → the XML of sheet 1 (and,
/// with bit 1 set, also of the shared string table) inside a valid workbook frame, so that mutations
/// reach the XML parser and the cell decoding instead of dying at the ZIP signature.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzXLSX(_ bytes: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let bytes, size > 0 else { return 0 }
    let mode = bytes[0]
    let rest = Data(bytes: bytes + 1, count: size - 1)
    let data = mode & 1 == 0 ? rest : FuzzWorkbook.wrap(sheetXML: rest, sharedStringsXML: mode & 2 != 0 ? rest : nil)
    do {
        let reader = try XLSXReader(data: data, name: "fuzz.xlsx")
        for name in reader.sheetNames.prefix(4) {
            _ = try? reader.grid(sheet: name)
        }
    } catch let error as XLSXError {
        _ = error.description   // every message must render
    } catch {
        fatalError("not an XLSXError: \(error)")
    }
    return 0
}

@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt) -> CInt

// Initialise lazy globals (the workbook frame, limits) before libFuzzer starts counting allocations,
// so LeakSanitizer does not report them as leaks of the first input.
for warmUp in ["\u{1}<worksheet><sheetData><row><c t=\"s\"><v>0</v></c></row></sheetData></worksheet>",
               "\u{3}<sst><si><t>a</t></si></sst>", "\u{0}PK"] {
    let bytes = Array(warmUp.utf8)
    _ = bytes.withUnsafeBufferPointer { fuzzXLSX($0.baseAddress, $0.count) }
}

var argc = CommandLine.argc
var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
exit(LLVMFuzzerRunDriver(&argc, &argv, fuzzXLSX))
#else
print("FuzzXLSX is a libFuzzer target: run scripts/fuzz.sh")
#endif
