import Foundation

/// Cameral budgets (Kameralistik) of the Länder and of cities that keep them: the budget unit is the
/// Kapitel (Einzelplan 2 digits + Kapitel 2 or 3 digits: `0101`, `01010`), the posting code the Titel
/// (5 digits: Gruppierung 3 + Zählnummer 2); a Haushaltsstelle joins both, written differently by every
/// publisher (`0101-119 01` Niedersachsen, `0010.11904-9` Bremen with a check digit).
///
/// The side comes from the Titel's Hauptgruppe (its first digit), per the Gruppierungsplan of Bund and
/// Länder: 0 Steuern, 1 Verwaltungseinnahmen, 2 Zuweisungen, 3 Schuldenaufnahmen are revenue (Einnahmen);
/// 4 Personal to 9 besondere Finanzierungsausgaben are expense (Ausgaben).
///
/// Legal basis: § 13 HGrG and the Gruppierungsplan (VV-HGrG); the Länder's Haushaltssystematik.
///
/// A mapping gives the layout of a Haushaltsstelle as a regular expression with named groups
/// (`kapitel`, `titel` or `gruppierung` + `zaehlnummer`, optional `einzelplan` and `check`), and the
/// check-digit rule if the publisher writes one:
///
///     scheme: { name: kameral, code: '^(?<kapitel>\d{4})\.(?<titel>\d{5})-(?<check>\d)$', check_digit: weighted-mod11 }
public struct KameralScheme: CodeScheme {
    /// Check-digit rules seen in published Haushaltsstellen.
    public enum CheckDigit: String, Sendable, CaseIterable {
        /// Bremen: weights 7, 8, 9, 4, 5, 6, 7, 8, 9 over the 9 digits of Kapitel and Titel, sum mod 11,
        /// 10 written as 0 (true for all 10,486 Haushaltsstellen of the 2016/2017 budget).
        case weightedMod11 = "weighted-mod11"
    }
    /// An immutable compiled pattern (NSRegularExpression is thread-safe once built).
    final class Pattern: @unchecked Sendable {
        let text: String
        let regex: NSRegularExpression
        init(_ text: String) throws { self.text = text; regex = try NSRegularExpression(pattern: text) }
    }
    let pattern: Pattern?
    public let checkDigit: CheckDigit?

    public init() { pattern = nil; checkDigit = nil }
    /// A scheme for Haushaltsstellen written as `code` (named groups as above).
    public init(code: String?, checkDigit: CheckDigit?) throws {
        pattern = try code.map(Pattern.init)
        self.checkDigit = checkDigit
        if let p = pattern {
            let names = KameralScheme.groupNames(p.text)
            guard names.contains("kapitel") else { throw SchemeError("the code pattern needs a named group (?<kapitel>…)") }
            guard names.contains("titel") || (names.contains("gruppierung") && names.contains("zaehlnummer")) else {
                throw SchemeError("the code pattern needs a named group (?<titel>…), or (?<gruppierung>…) and (?<zaehlnummer>…)")
            }
            if checkDigit != nil, !names.contains("check") { throw SchemeError("check_digit needs a named group (?<check>…) in the code pattern") }
        } else if checkDigit != nil {
            throw SchemeError("check_digit needs a code pattern with a (?<check>…) group")
        }
    }

    public var name: String { "kameral" }
    public var derivesAccount: Bool { pattern != nil }

    /// The parts of a Haushaltsstelle, or the reason it is not one.
    public struct Parts: Equatable, Sendable {
        public var einzelplan: String
        public var kapitel: String
        public var titel: String?
    }

    public func parts(_ code: String) -> Result<Parts, SchemeError> {
        guard let p = pattern else {
            guard (4...5).contains(code.utf8.count), code.utf8.allSatisfy(CodeBytes.isDigit) else {
                return .failure(SchemeError(KameralScheme.notKapitel))
            }
            return .success(Parts(einzelplan: String(code.prefix(2)), kapitel: code, titel: nil))
        }
        let ns = code as NSString
        guard let m = p.regex.firstMatch(in: code, range: NSRange(location: 0, length: ns.length)) else {
            return .failure(SchemeError(Phrase(de: "keine Haushaltsstelle in der Form, die das Mapping angibt (scheme.code: \(p.text))",
                                                     en: "not a Haushaltsstelle of the form the mapping gives (scheme.code: \(p.text))")))
        }
        func group(_ name: String) -> String? {
            let r = m.range(withName: name)
            return r.location == NSNotFound ? nil : ns.substring(with: r)
        }
        guard let kapitel = group("kapitel"), kapitel.utf8.allSatisfy(CodeBytes.isDigit), kapitel.utf8.count >= 2 else {
            return .failure(SchemeError(Phrase(de: "das Kapitel einer Haushaltsstelle muss aus Ziffern bestehen", en: "the Kapitel of a Haushaltsstelle must be digits")))
        }
        guard let titel = group("titel") ?? group("gruppierung").flatMap({ g in group("zaehlnummer").map { g + $0 } }),
              titel.utf8.count == 5, titel.utf8.allSatisfy(CodeBytes.isDigit) else {
            return .failure(SchemeError(Phrase(de: "der Titel einer Haushaltsstelle muss 5 Ziffern haben (Gruppierung 3 + Zählnummer 2)",
                                                     en: "the Titel of a Haushaltsstelle must have 5 digits (Gruppierung 3 + Zählnummer 2)")))
        }
        if let rule = checkDigit {
            guard let check = group("check"), let stated = Int(check) else { return .failure(SchemeError(Phrase(de: "keine Prüfziffer", en: "no check digit"))) }
            let expected = KameralScheme.checkDigit(kapitel + titel, rule)
            guard expected == stated else {
                return .failure(SchemeError(Phrase(
                    de: "Prüfziffer \(stated) ist falsch: \(rule.rawValue) über \(kapitel)\(titel) ergibt \(expected.map(String.init) ?? "nichts (braucht 9 Ziffern)")",
                    en: "check digit \(stated) is wrong: \(rule.rawValue) over \(kapitel)\(titel) gives \(expected.map(String.init) ?? "nothing (needs 9 digits)")")))
            }
        }
        return .success(Parts(einzelplan: group("einzelplan") ?? String(kapitel.prefix(2)), kapitel: kapitel, titel: titel))
    }

    /// The check digit of Kapitel + Titel (9 digits) by `rule`; nil for another length.
    public static func checkDigit(_ digits: String, _ rule: CheckDigit) -> Int? {
        let d = digits.utf8.map { Int($0) - 0x30 }
        switch rule {
        case .weightedMod11:
            guard d.count == 9, d.allSatisfy({ (0...9).contains($0) }) else { return nil }
            let weights = [7, 8, 9, 4, 5, 6, 7, 8, 9]
            return zip(d, weights).reduce(0) { $0 + $1.0 * $1.1 } % 11 % 10
        }
    }

    public func productProblem(_ p: UnsafeBufferPointer<UInt8>) -> Phrase? {
        if pattern == nil {
            return (4...5).contains(p.count) && CodeBytes.allDigits(p) ? nil : KameralScheme.notKapitel
        }
        if case .failure(let e) = parts(String(decoding: p, as: UTF8.self)) { return e.text }
        return nil
    }
    public func accountProblem(_ p: UnsafeBufferPointer<UInt8>) -> Phrase? {
        p.count == 5 && CodeBytes.allDigits(p) ? nil
            : Phrase(de: "kein Titel (5 Ziffern: Gruppierung 3 + Zählnummer 2, z. B. 11901)", en: "not a Titel (5 digits: Gruppierung 3 + Zählnummer 2, e.g. 11901)")
    }
    /// Hauptgruppe 0–3 revenue, 4–9 expense.
    public func side(account p: UnsafeBufferPointer<UInt8>) -> BudgetSide? {
        guard let first = p.first, CodeBytes.isDigit(first) else { return nil }
        return first <= UInt8(ascii: "3") ? .revenue : .expense
    }
    public func place(product: String) -> CodePlace {
        switch parts(product) {
        case .success(let parts): return CodePlace(level: parts.titel == nil ? "kapitel" : "haushaltsstelle", area: parts.einzelplan, group: parts.kapitel)
        case .failure: return CodePlace(level: "kapitel", area: nil, group: nil)
        }
    }
    public func derivedAccount(product: String) -> String? {
        guard pattern != nil, case .success(let parts) = parts(product) else { return nil }
        return parts.titel
    }

    /// The named groups of a pattern, `(?<name>`.
    static func groupNames(_ pattern: String) -> Set<String> {
        var names = Set<String>()
        var rest = Substring(pattern)
        while let r = rest.range(of: "(?<") {
            let after = rest[r.upperBound...]
            if let end = after.firstIndex(of: ">") { names.insert(String(after[..<end])) }
            rest = after
        }
        return names
    }
}

/// A code that does not fit its scheme, or a scheme option that does not fit the scheme.
public struct SchemeError: Error, Sendable, CustomStringConvertible {
    /// The reason in German and English (a code's reason becomes a rejected row's).
    public var text: Phrase
    /// The English reason.
    public var message: String { text.en }
    /// A scheme option's error (a mapping error, English like the other mapping errors).
    public init(_ message: String) { text = Phrase(message) }
    public init(_ text: Phrase) { self.text = text }
    public var description: String { message }
}

extension KameralScheme {
    static let notKapitel = Phrase(de: "kein Kapitel (4 oder 5 Ziffern: Einzelplan und Kapitel, z. B. 0101)",
                                          en: "not a Kapitel (4 or 5 digits: Einzelplan and Kapitel, e.g. 0101)")
}
