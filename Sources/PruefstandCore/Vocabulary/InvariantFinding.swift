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
