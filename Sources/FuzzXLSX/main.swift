// libFuzzer target for the .xlsx reader: arbitrary bytes must end in a result or an XLSXError,
// never a crash, a hang or unbounded memory. Driven by libFuzzer when built with -DFUZZING (scripts/fuzz.sh, FuzzSupport).
import Foundation
import FuzzSupport
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
    expectOnly(XLSXError.self, "the .xlsx reader") {
        let reader = try XLSXReader(data: data, name: "fuzz.xlsx")
        for name in reader.sheetNames.prefix(4) {
            _ = try? reader.grid(sheet: name)
        }
    }
    return 0
}

runFuzzer("FuzzXLSX", fuzzXLSX, warmUps: ["\u{1}<worksheet><sheetData><row><c t=\"s\"><v>0</v></c></row></sheetData></worksheet>",
                                "\u{3}<sst><si><t>a</t></si></sst>", "\u{0}PK"])
