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
    public var message: String {
        let at = "\((file as NSString).lastPathComponent), line \(line): rule \(rule)"
        if let problem { return "\(at) cannot be checked: \(problem)" }
        let p = publishedCents ?? 0, c = computedCents ?? 0
        return "\(at) does not hold: published \(Money(cents: p).germanString), computed \(Money(cents: c).germanString), "
            + "difference \(Money(cents: p - c).germanString)"
    }
}
