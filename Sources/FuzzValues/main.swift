// libFuzzer target for the number, date, FTE, pay-grade and product-code parsers on arbitrary bytes.
// Besides not crashing, it checks properties: a parsed amount printed back parses to the same cents.
import Foundation
import FuzzSupport
import PruefstandCore

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzValues(_ bytes: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let bytes, size > 0 else { return 0 }
    let p = UnsafeBufferPointer(start: bytes, count: size)
    for style in [NumberStyle.german, .english] {
        if case .success(let cents) = ValueParsers.cents(p, style: style) {
            guard cents.magnitude <= UInt64(Money.maxInputCents) else { fatalError("amount \(cents) beyond the input limit") }
            let printed = Money(cents: cents).plainString
            guard case .success(let again) = ValueParsers.cents(printed, style: .english), again == cents else {
                fatalError("amount \(cents) printed as \(printed) does not parse back")
            }
            // The German display form (thousands dots, decimal comma, " €") and the same with no-break spaces.
            let german = Money(cents: cents).germanString
            guard case .success(let back) = ValueParsers.cents(german, style: .german), back == cents,
                  case .success(let spaced) = ValueParsers.cents(german.replacingOccurrences(of: ".", with: "\u{A0}"), style: .german), spaced == cents else {
                fatalError("amount \(cents) printed as \(german) does not parse back")
            }
        }
    }
    for style in [DateStyle.auto, .german, .iso, .slashDMY, .slashMDY, .excelSerial] {
        if case .success(let d) = ValueParsers.date(p, style: style) {
            guard CivilDate(iso: d.iso) == d, CivilDate(dayNumber: d.dayNumber) == d else { fatalError("date round trip failed: \(d)") }
            guard CivilDate.inputYears.contains(d.year) else { fatalError("date \(d) outside the input years") }
            _ = d.adding(months: 1200); _ = d.adding(months: -1200)
        }
    }
    let text = String(decoding: p, as: UTF8.self)
    if let f = FTE(text), FTE(f.description) != f { fatalError("FTE round trip failed: \(text)") }
    if let g = PayGrade(text), PayGrade(g.code) != g { fatalError("pay grade round trip failed: \(text)") }
    _ = ProductCode(text); _ = Account(text); _ = ValueParsers.bool(text)
    return 0
}

runFuzzer("FuzzValues", fuzzValues, warmUps: ["1.234,56", "2025-01-31", "EG 9b", "0,75"])
