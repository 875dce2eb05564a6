import Foundation

/// A parameter key that code reads by name, as a type: one `CaseIterable` enum per key namespace, its namespace
/// stated once, its cases naming the keys, each with the unit its reader expects.
///
/// A typed key cannot be mistyped (the compiler refuses `GewerbesteuerKey.hebesaz`), a reader's list of the keys it
/// reads is built from the enums (`allCases`) instead of being written again, and the parameter files keep their
/// keys: `key` is `namespace.rawValue`, the raw value written only where the file's key differs from the case
/// name. Keys that come from data (a fee item's `rate:`) stay strings; `ParameterSet` answers both.
///
///     public enum MyKey: String, ParameterKey {
///         public static let namespace = "mymodel"
///         case rate, baseGrowth = "basiswachstum"
///         public var unit: ParameterUnit { self == .rate ? .percent : .share }
///     }
///     let h = try parameters.value(MyKey.rate, 2027)   // reads `mymodel.rate`
public protocol ParameterKey: RawRepresentable<String>, CaseIterable, Hashable, Sendable {
    /// The words before the key's first dot (`gewerbesteuer`); empty for a type whose cases name whole keys of
    /// several namespaces (then each raw value is the whole key).
    static var namespace: String { get }
    /// The unit the code that reads the key expects (the parameter file's `unit:` must be this one).
    var unit: ParameterUnit { get }
    /// False for a key a baseline may leave out (the reader then falls back on another key).
    var isRequired: Bool { get }
}

extension ParameterKey {
    /// The key as the parameter files write it (`gewerbesteuer.hebesatz`).
    public var key: String { Self.namespace.isEmpty ? rawValue : "\(Self.namespace).\(rawValue)" }
    public var isRequired: Bool { true }
}

extension ParameterSet {
    /// The value of a typed key in `year` (`value(_:_:)` with `key.key`).
    public func value(_ key: some ParameterKey, _ year: Int) throws -> Decimal { try value(key.key, year) }
    public func dated(_ key: some ParameterKey, _ year: Int) throws -> DatedValue { try dated(key.key, year) }
    public subscript(key: some ParameterKey) -> ParameterEntry? { self[key.key] }
}

extension Dictionary where Key == String {
    /// A value of a dictionary keyed by parameter keys (a scenario's `overrides` and `overrideLines`) by typed key.
    public subscript(key: some ParameterKey) -> Value? { self[key.key] }
}
