import Foundation

/// A row rule that does not hold in one value column of one group.
public struct InvariantFinding: Sendable, Codable, Hashable {
    public var rule: String
    /// The group's values (empty: the whole file).
    public var group: String
    /// The physical line of the rule's target row.
    public var line: Int
    public var column: String
    public var publishedCents: Int64
    public var computedCents: Int64
    public var message: String {
        "line \(line)\(group.isEmpty ? "" : " (\(group))"), column \(column): rule \(rule) does not hold: published \(Money(cents: publishedCents).germanString), "
            + "computed \(Money(cents: computedCents).germanString), difference \(Money(cents: publishedCents - computedCents).germanString)"
    }
    /// `message` in `lang` (German: `Zeile 6, Spalte Ansatz: Regel … gilt nicht: veröffentlicht 1.234,00 €, …`).
    public func message(_ lang: Language) -> String {
        guard lang == .de else { return message }
        func eur(_ c: Int64) -> String { NumberText.euros(Money(cents: c), .de) }
        return "Zeile \(line)\(group.isEmpty ? "" : " (\(group))"), Spalte \(column): Regel \(rule) gilt nicht: veröffentlicht \(eur(publishedCents)), "
            + "berechnet \(eur(computedCents)), Differenz \(eur(publishedCents - computedCents))"
    }
}

/// A column rule that does not hold in one row, or cannot be checked there (a term's cell is not an amount).
public struct ColumnFinding: Sendable, Codable, Hashable {
    public var file: String
    public var line: Int
    public var rule: String
    /// Nil when a cell was not an amount (then `problem` says which).
    public var publishedCents: Int64?
    public var computedCents: Int64?
    public var problem: String?
    /// `problem` in German.
    public var problemDE: String? = nil
    /// `message` in `lang`.
    public func message(_ lang: Language) -> String {
        guard lang == .de else { return message }
        func eur(_ c: Int64) -> String { NumberText.euros(Money(cents: c), .de) }
        let at = "\((file as NSString).lastPathComponent), Zeile \(line): Regel \(rule)"
        if let problem { return "\(at) nicht prüfbar: \(problemDE ?? problem)" }
        let p = publishedCents ?? 0, c = computedCents ?? 0
        return "\(at) gilt nicht: veröffentlicht \(eur(p)), berechnet \(eur(c)), Differenz \(eur(p - c))"
    }
    public var message: String {
        let at = "\((file as NSString).lastPathComponent), line \(line): rule \(rule)"
        if let problem { return "\(at) cannot be checked: \(problem)" }
        let p = publishedCents ?? 0, c = computedCents ?? 0
        return "\(at) does not hold: published \(Money(cents: p).germanString), computed \(Money(cents: c).germanString), "
            + "difference \(Money(cents: p - c).germanString)"
    }
}
