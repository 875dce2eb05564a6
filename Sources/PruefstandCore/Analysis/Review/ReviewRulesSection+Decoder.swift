import Foundation

/// A check's parameters as a `Decodable` type (issue 18): each stored property is the declared parameter of the
/// same name in snake case (`minMonths`: `min_months`, `maxFTE`: `max_fte`), read from the check's section for
/// the section's year. An `Int` property is a whole number (`ReviewRulesSection.int`), a `Decimal` a number, or a
/// share in 0…1 where the declaration's unit is `share`. The section still refuses keys nobody asked for and
/// declared parameters no property reads, with file, line and key (`ReviewRulesSection.finish`).
///
///     struct Parameters: ReviewCheckParameters, Decodable {
///         /// Vacant for at least this many full months.
///         var minMonths: Int
///     }
///
/// A type that reads more than single values (a table, a list of norms: `AutomationCheck`, `GradeOutlierCheck`)
/// writes `init(_ s: ReviewRulesSection)` itself.
extension ReviewCheckParameters where Self: Decodable {
    public init(_ section: ReviewRulesSection) throws {
        try self.init(from: ReviewSectionDecoder(section: section))
    }
}

extension ReviewRulesSection {
    /// The parameter key of a Swift property name: `minDirectReportsFTE` → `min_direct_reports_fte`.
    static func parameterName(_ property: String) -> String {
        let chars = Array(property)
        var out = ""
        for (i, c) in chars.enumerated() {
            if c.isUppercase, i > 0 {
                let before = chars[i - 1], after = i + 1 < chars.count ? chars[i + 1] : nil
                if !before.isUppercase || after?.isLowercase == true { out.append("_") }
            }
            out += c.lowercased()
        }
        return out
    }

    /// The value of a `Decimal` property: a share where the declaration's unit says so, else a number.
    func number(_ name: String) throws -> Decimal {
        parameters[name]?.unit == .share ? try share(name) : try decimal(name)
    }
}

/// Reads a `Decodable` parameter type from a `ReviewRulesSection` (one keyed level of `Int` and `Decimal`).
struct ReviewSectionDecoder: Decoder {
    let section: ReviewRulesSection
    var codingPath: [CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        KeyedDecodingContainer(Parameters(section: section))
    }
    func unkeyedContainer() throws -> UnkeyedDecodingContainer { throw section.unsupported("a list") }
    func singleValueContainer() throws -> SingleValueDecodingContainer { throw section.unsupported("a single value") }

    /// The section's declared parameters by property name.
    struct Parameters<Key: CodingKey>: KeyedDecodingContainerProtocol {
        let section: ReviewRulesSection
        var codingPath: [CodingKey] { [] }
        var allKeys: [Key] { [] }
        func contains(_ key: Key) -> Bool { true }
        func decodeNil(forKey key: Key) throws -> Bool { false }
        /// Witnesses every typed `decode` of the protocol: only `Int` and `Decimal` are parameters.
        func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
            let name = ReviewRulesSection.parameterName(key.stringValue)
            if T.self == Int.self { return try section.int(name) as! T }
            if T.self == Decimal.self { return try section.number(name) as! T }
            throw section.unsupported("\(T.self) ('\(name)')")
        }
        func nestedContainer<N: CodingKey>(keyedBy type: N.Type, forKey key: Key) throws -> KeyedDecodingContainer<N> {
            throw section.unsupported("a nested mapping ('\(key.stringValue)')")
        }
        func nestedUnkeyedContainer(forKey key: Key) throws -> UnkeyedDecodingContainer {
            throw section.unsupported("a list ('\(key.stringValue)')")
        }
        func superDecoder() throws -> Decoder { ReviewSectionDecoder(section: section) }
        func superDecoder(forKey key: Key) throws -> Decoder { ReviewSectionDecoder(section: section) }
    }
}

extension ReviewRulesSection {
    /// A parameter type asked for what a declared parameter cannot be: a mistake in the check's Swift code.
    func unsupported(_ what: String) -> PruefstandError {
        .config(path: parser.path, line: nil, key: context,
                message: "the parameter type of \(context) reads \(what); a declared parameter is a whole number or a number (write init(_ s: ReviewRulesSection) for tables)")
    }
}
