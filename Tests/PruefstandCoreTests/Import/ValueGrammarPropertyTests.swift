import Foundation
import PropertyBased
import Testing
@testable import PruefstandCore

/// Number and date strings generated from the grammar in docs/formats.md ("Numbers and dates, exactly"),
/// valid and invalid, through the byte-level parsers, compared against a reference written here another way
/// (regular expressions over Unicode scalars, `Decimal`, Foundation's calendar). Where the generator built
/// a valid string it also knows the value, a third opinion independent of both.
@Suite("Value grammar properties (issue 19)")
struct ValueGrammarPropertyTests {
    // MARK: reference: amounts

    static let spaces: Set<Unicode.Scalar> = [" ", "\t", "\u{A0}", "\u{202F}"]

    /// The reference reading of an amount: cents, or nil for a row error.
    static func referenceCents(_ text: String, german: Bool) -> Int64? {
        var s = Array(text.unicodeScalars)
        func trim(_ a: inout [Unicode.Scalar]) {
            while let f = a.first, spaces.contains(f) { a.removeFirst() }
            while let l = a.last, spaces.contains(l) { a.removeLast() }
        }
        trim(&s)
        var negative = false, signs = 0, currencies = 0
        let parenthesised = s.first == "(" || s.last == ")"
        if parenthesised {
            guard s.count >= 2, s.first == "(", s.last == ")" else { return nil }
            s = Array(s[1..<(s.count - 1)]); trim(&s)
            negative = true
        }
        // Sign and currency marks at the front and the back, with spaces between them.
        func eat(fromFront: Bool) -> Bool {
            while !s.isEmpty {
                let c = fromFront ? s.first! : s.last!
                if spaces.contains(c) { if fromFront { s.removeFirst() } else { s.removeLast() }; continue }
                if c == "-" || c == "+" {
                    if parenthesised || signs > 0 { return false }
                    signs += 1; if c == "-" { negative = true }
                    if fromFront { s.removeFirst() } else { s.removeLast() }; continue
                }
                if c == "€" || c == "$" {
                    currencies += 1; if currencies > 1 { return false }
                    if fromFront { s.removeFirst() } else { s.removeLast() }; continue
                }
                let three = fromFront ? String(String.UnicodeScalarView(s.prefix(3))) : String(String.UnicodeScalarView(s.suffix(3)))
                if three.lowercased() == "eur" {
                    currencies += 1; if currencies > 1 { return false }
                    if fromFront { s.removeFirst(3) } else { s.removeLast(3) }; continue
                }
                return true
            }
            return true
        }
        guard eat(fromFront: true), eat(fromFront: false) else { return nil }
        let core = String(String.UnicodeScalarView(s))
        let dec = german ? "," : "\\.", groupMark = german ? "\\." : ","
        let pattern = "^(?:([0-9]+)|([0-9]{1,3}(?:([\(groupMark) \\x{A0}\\x{202F}'])[0-9]{3})(?:\\3[0-9]{3})*))?(?:\(dec)([0-9]+))?$"
        let regex = try! NSRegularExpression(pattern: pattern)
        let ns = core as NSString
        guard !core.isEmpty, let m = regex.firstMatch(in: core, range: NSRange(location: 0, length: ns.length)) else { return nil }
        func group(_ i: Int) -> String? { m.range(at: i).location == NSNotFound ? nil : ns.substring(with: m.range(at: i)) }
        let whole = (group(1) ?? group(2) ?? "").filter(\.isNumber)
        let frac = group(4) ?? ""
        if whole.isEmpty && frac.isEmpty { return nil }
        if frac.count > 2, frac.dropFirst(2).contains(where: { $0 != "0" }) { return nil }
        guard let value = Decimal(string: (whole.isEmpty ? "0" : whole) + "." + (frac.isEmpty ? "0" : frac)) else { return nil }
        let cents = value * 100
        guard cents <= Decimal(string: "90000000000000000")! else { return nil }
        let n = NSDecimalNumber(decimal: cents).int64Value
        return negative ? -n : n
    }

    // MARK: generator: amounts

    struct Amount { var text: String; var cents: Int64?; var german: Bool }

    static func amount(seed: UInt64) -> Amount {
        var rng = ScenarioMonteCarlo.SplitMix64(seed: seed)
        func pick<T>(_ xs: [T]) -> T { xs[Int(rng.next() % UInt64(xs.count))] }
        func chance(_ p: Double) -> Bool { rng.unit() < p }
        let german = chance(0.5)
        var valid = true
        // Whole part: 0 to 15 digits.
        let wholeDigits = Int(rng.next() % 16)
        var digits = (0..<wholeDigits).map { _ in Character(String(rng.next() % 10)) }
        if chance(0.3) { while digits.first == "0" { digits.removeFirst() } }
        var whole = String(digits)
        let wholeValue = Int64(whole.isEmpty ? "0" : whole)!
        let seps = [german ? "." : ",", " ", "\u{A0}", "\u{202F}", "'"]
        if whole.count > 3 && chance(0.6) {
            // Group by three with one separator, or break the grouping on purpose.
            let sep = pick(seps)
            var groups: [String] = []
            var rest = whole
            while rest.count > 3 { groups.insert(String(rest.suffix(3)), at: 0); rest.removeLast(3) }
            groups.insert(rest, at: 0)
            if chance(0.25) && groups.count > 1 {
                let i = Int(rng.next() % UInt64(groups.count - 1)) + 1
                let g = groups[i]; groups[i] = String(g.dropLast()); groups[i - 1] += String(g.last!)
                valid = false
            }
            if chance(0.1) && groups.count >= 3 {
                // Two different separators in one number.
                let other = seps.first { $0 != sep }!
                whole = groups[0] + sep + groups[1] + groups.dropFirst(2).map { other + $0 }.joined()
                valid = false
            } else {
                whole = groups.joined(separator: sep)
            }
        }
        // Decimals.
        var fracText = "", fracValue: Int64 = 0
        switch rng.next() % 6 {
        case 0, 1: break
        case 2: let d = rng.next() % 10; fracText = "\(d)"; fracValue = Int64(d) * 10
        case 3, 4: let d = rng.next() % 100; fracText = d < 10 ? "0\(d)" : "\(d)"; fracValue = Int64(d)
        default:
            let d = rng.next() % 100, extra = chance(0.5) ? "0" : String(rng.next() % 10)
            fracText = (d < 10 ? "0\(d)" : "\(d)") + extra + (chance(0.3) ? "0" : "")
            fracValue = Int64(d)
            if extra != "0" { valid = false }
        }
        if whole.isEmpty && fracText.isEmpty { valid = false }
        let decimalMark = german ? "," : "."
        var number = whole + (fracText.isEmpty ? (chance(0.05) ? decimalMark : "") : decimalMark + fracText)
        if number.hasSuffix(decimalMark) { valid = false }
        if chance(0.05) { number = number.replacingOccurrences(of: decimalMark, with: german ? "." : ","); valid = false }
        // Sign, currency, parentheses, spaces.
        let space = { pick(["", "", " ", "\u{A0}", "\t"]) }
        let currency = pick(["", "", "€", "EUR", "eur", "$"])
        let currencyAtFront = chance(0.4)
        var negative = false
        var body = number
        if !currency.isEmpty { body = currencyAtFront ? currency + space() + body : body + space() + currency }
        let parens = chance(0.15)
        let sign = pick(["", "", "-", "+"])
        if !sign.isEmpty {
            negative = sign == "-"
            if chance(0.5) { body = sign + space() + body } else { body = body + space() + sign }
            if parens { valid = false }
        }
        if parens {
            body = "(" + space() + body + space() + ")"; negative = true
            if chance(0.1) { body.removeLast(); valid = false }
        }
        var text = space() + body + space()
        if chance(0.08) {
            // A stray character somewhere.
            let junk = pick(["x", "-", "(", "1", ".", ",", "€", "\u{301}", "e", "٣"])
            let i = Int(rng.next() % UInt64(text.unicodeScalars.count + 1))
            var scalars = Array(text.unicodeScalars); scalars.insert(junk.unicodeScalars.first!, at: i)
            text = String(String.UnicodeScalarView(scalars)); valid = false
        }
        let cents = wholeValue * 100 + fracValue
        if cents > 90_000_000_000_000_000 { valid = false }
        return Amount(text: text, cents: valid ? (negative ? -cents : cents) : nil, german: german)
    }

    /// How many generated strings the reference read as valid and as invalid: both kinds must be common,
    /// or the property says little.
    final class Tally: @unchecked Sendable {
        private let lock = NSLock()
        private var counts = [0, 0]
        func add(valid: Bool) { lock.lock(); counts[valid ? 0 : 1] += 1; lock.unlock() }
        var shares: (valid: Double, invalid: Double) {
            lock.lock(); defer { lock.unlock() }
            let n = Double(max(1, counts[0] + counts[1]))
            return (Double(counts[0]) / n, Double(counts[1]) / n)
        }
    }

    @Test("amounts: the parser agrees with the reference and, for strings built valid, with the built value")
    func amounts() async {
        let tally = Tally()
        await propertyCheck(count: 4000, input: Gen.uint64()) { seed in
            let a = Self.amount(seed: seed)
            let style: NumberStyle = a.german ? .german : .english
            let parsed: Int64? = { if case .success(let c) = ValueParsers.cents(a.text, style: style) { return c }; return nil }()
            let reference = Self.referenceCents(a.text, german: a.german)
            tally.add(valid: reference != nil)
            #expect(parsed == reference, "\(a.text.debugDescription) (\(style)): parser \(String(describing: parsed)), reference \(String(describing: reference))")
            if let built = a.cents { #expect(reference == built, "\(a.text.debugDescription): built \(built), reference \(String(describing: reference))") }
        }
        #expect(tally.shares.valid > 0.2 && tally.shares.invalid > 0.2, "valid \(tally.shares.valid), invalid \(tally.shares.invalid)")
    }

    @Test("amounts: fixed examples from the docs", arguments: [
        ("1.234,56", true, Int64(123_456)), ("-0,00", true, 0), ("-206,4", true, -20_640), ("12,50-", true, -1_250),
        ("(12.50)", false, -1_250), ("1,234.56", false, 123_456), ("€12,50", true, 1_250), ("12,50 EUR", true, 1_250),
        ("$ 1,000", false, 100_000), ("1.234,500", true, 123_450), ("1'234.50", false, 123_450), (",50", true, 50),
    ])
    func amountExamples(_ text: String, _ german: Bool, _ cents: Int64) {
        #expect(ValueParsers.cents(text, style: german ? .german : .english) == .success(cents))
        #expect(Self.referenceCents(text, german: german) == cents)
    }

    // MARK: reference: dates

    static let gregorian: Calendar = { var c = Calendar(identifier: .gregorian); c.timeZone = TimeZone(identifier: "UTC")!; return c }()

    /// A real day in 1900–2100 by Foundation's calendar (it normalises 30 February to 2 March: compare back).
    static func referenceDay(_ y: Int, _ m: Int, _ d: Int) -> (Int, Int, Int)? {
        guard (1900...2100).contains(y), (1...12).contains(m), d >= 1, d <= 31,
              let date = gregorian.date(from: DateComponents(year: y, month: m, day: d)) else { return nil }
        let back = gregorian.dateComponents([.year, .month, .day], from: date)
        return back.year == y && back.month == m && back.day == d ? (y, m, d) : nil
    }

    static func referenceDate(_ text: String, style: DateStyle) -> (Int, Int, Int)? {
        // Trimmed scalar by scalar: a space followed by a combining mark is one `Character`, not a space.
        var scalars = Array(text.unicodeScalars)
        while let f = scalars.first, f == " " || f == "\t" { scalars.removeFirst() }
        while let l = scalars.last, l == " " || l == "\t" { scalars.removeLast() }
        let t = String(String.UnicodeScalarView(scalars))
        func match(_ p: String) -> [String]? {
            let r = try! NSRegularExpression(pattern: p)
            let ns = t as NSString
            guard let m = r.firstMatch(in: t, range: NSRange(location: 0, length: ns.length)) else { return nil }
            return (0..<m.numberOfRanges).map { m.range(at: $0).location == NSNotFound ? "" : ns.substring(with: m.range(at: $0)) }
        }
        let time = "(?:[ T]([0-9]{1,2}):([0-9]{2})(?::([0-9]{2})(?:\\.[0-9]+)?)?)?$"
        func timeOK(_ g: [String], from i: Int) -> Bool {
            guard !g[i].isEmpty else { return true }
            return Int(g[i])! <= 23 && Int(g[i + 1])! <= 59 && (g[i + 2].isEmpty || Int(g[i + 2])! <= 59)
        }
        if style == .auto || style == .excelSerial, let g = match(style == .auto ? "^([0-9]{5})$" : "^([0-9]{1,6})$") {
            let serial = Int(g[1])!
            guard serial >= 1, serial != 60 else { return nil }
            // Day 1 is 1900-01-01; from 61 on, Excel counts a 29 February 1900 that never was.
            let base = gregorian.date(from: DateComponents(year: 1899, month: 12, day: serial < 60 ? 31 : 30))!
            let day = gregorian.date(byAdding: .day, value: serial, to: base)!
            let c = gregorian.dateComponents([.year, .month, .day], from: day)
            return referenceDay(c.year!, c.month!, c.day!)
        }
        if style == .auto || style == .german, let g = match("^([0-9]{1,2})\\.([0-9]{1,2})\\.([0-9]{4}|[0-9]{2})" + time) {
            guard timeOK(g, from: 4) else { return nil }
            return referenceDay(g[3].count == 2 ? 2000 + Int(g[3])! : Int(g[3])!, Int(g[2])!, Int(g[1])!)
        }
        if style == .auto || style == .iso, let g = match("^([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})" + time) {
            guard timeOK(g, from: 4) else { return nil }
            return referenceDay(Int(g[1])!, Int(g[2])!, Int(g[3])!)
        }
        if style == .auto || style == .slashDMY || style == .slashMDY, let g = match("^([0-9]{1,2})/([0-9]{1,2})/([0-9]{4})" + time) {
            guard timeOK(g, from: 4) else { return nil }
            return style == .slashMDY ? referenceDay(Int(g[3])!, Int(g[1])!, Int(g[2])!) : referenceDay(Int(g[3])!, Int(g[2])!, Int(g[1])!)
        }
        return nil
    }

    static func dateText(seed: UInt64) -> (String, DateStyle) {
        var rng = ScenarioMonteCarlo.SplitMix64(seed: seed)
        func pick<T>(_ xs: [T]) -> T { xs[Int(rng.next() % UInt64(xs.count))] }
        func chance(_ p: Double) -> Bool { rng.unit() < p }
        let style = pick([DateStyle.auto, .auto, .german, .iso, .slashDMY, .slashMDY, .excelSerial])
        func num(_ range: ClosedRange<Int>, width: Int) -> String {
            let v = Int.random(in: range, using: &rng)
            let s = String(v)
            return chance(0.7) ? String(repeating: "0", count: max(0, width - s.count)) + s : s
        }
        // Mostly plausible values, some out of range.
        let plausible = chance(0.7)
        let day = num(plausible ? 1...31 : 0...33, width: 2), month = num(plausible ? 1...12 : 0...14, width: 2)
        let year = chance(0.15) ? num(0...99, width: 2) : num(plausible ? 1950...2099 : 1850...2250, width: 4)
        // Mostly the layout of the style.
        var layout = Int(rng.next() % 5)
        if chance(0.7) {
            switch style {
            case .german: layout = 0
            case .iso: layout = 1
            case .slashDMY, .slashMDY: layout = 2
            case .excelSerial: layout = 3
            default: break
            }
        }
        var text: String
        switch layout {
        case 0: text = "\(day).\(month).\(year)"
        case 1: text = "\(year)-\(month)-\(day)"
        case 2: text = "\(day)/\(month)/\(year)"
        case 3: text = String(Int.random(in: plausible ? 10_000...73_000 : 0...130_000, using: &rng))
        default: text = "\(day)\(pick([".", "-", "/"]))\(month)\(pick([".", "-", "/"]))\(year)"
        }
        if chance(0.3) {
            let h = num(0...26, width: 2), m = num(0...61, width: 2)
            text += pick([" ", "T", "  ", "t"]) + h + ":" + m + (chance(0.5) ? ":" + num(0...61, width: 2) + (chance(0.3) ? ".250" : "") : "")
        }
        if chance(0.08) {
            var scalars = Array(text.unicodeScalars)
            scalars.insert(pick([" ", "1", ".", "x", ":", "\u{301}"]), at: Int(rng.next() % UInt64(scalars.count + 1)))
            text = String(String.UnicodeScalarView(scalars))
        }
        if chance(0.2) { text = pick([" ", "\t"]) + text + pick(["", " "]) }
        return (text, style)
    }

    @Test("dates: the parser agrees with the reference for every style")
    func dates() async {
        let tally = Tally()
        await propertyCheck(count: 4000, input: Gen.uint64()) { seed in
            let (text, style) = Self.dateText(seed: seed)
            let parsed: CivilDate? = { if case .success(let d) = ValueParsers.date(text, style: style) { return d }; return nil }()
            let reference = Self.referenceDate(text, style: style)
            tally.add(valid: reference != nil)
            #expect(parsed.map { [$0.year, $0.month, $0.day] } == reference.map { [$0.0, $0.1, $0.2] },
                    "\(text.debugDescription) (\(style.rawValue)): parser \(parsed?.iso ?? "error"), reference \(String(describing: reference))")
        }
        #expect(tally.shares.valid > 0.1 && tally.shares.invalid > 0.2, "valid \(tally.shares.valid), invalid \(tally.shares.invalid)")
    }
}
