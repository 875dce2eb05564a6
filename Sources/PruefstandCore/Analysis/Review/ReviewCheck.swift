import Foundation

/// One check of the position review: its id, its parameter type and its rule, in one file under
/// `Analysis/Review/Checks/`, listed once in `ReviewCheckRegistry`. What is said about it (its German and English
/// names, what it flags, its saving) is data beside its parameters' declarations, under `checks.<id>` of the
/// resource `defaults/review.yaml` (`ReviewCheckDeclaration`); the registry refuses a check declared nowhere.
///
/// Checks are independent: each reads the shared context (and its own parameters from `context.rules`)
/// and returns its cases, so a test can run one check alone. The registry is the only list of checks:
/// the engine, the rules parser, the workbook's review sheets, the CSV, `pruefstand review` and the docs
/// table iterate it.
///
///     public struct MyCheck: ReviewCheck {
///         public static let id = ReviewCheckID.myCheck
///         public struct Parameters: ReviewCheckParameters, Decodable { public var minMonths: Int }
///         public init() {}
///         public func run(_ ctx: ReviewContext) -> (cases: [ReviewCase], diagnostics: [ReviewDiagnostic]) {
///             let p = ctx.rules[MyCheck.self] …
///         }
///     }
///
///     # defaults/review.yaml (or, for a test's check, a file of its own)
///     checks:
///       my_check:
///         name: {de: …, en: …}
///         flags: …
///         saving: …
///         parameters:
///           min_months: {name: …, unit: months, …, values: […]}
public protocol ReviewCheck: Sendable {
    /// The check's parameters, read from its section of the rules file (`checks.<id>`).
    associatedtype Parameters: ReviewCheckParameters
    /// The check's key: its declaration's (`checks.<id>`) and its section's in the rules file.
    static var id: ReviewCheckID { get }
    init()
    func run(_ context: ReviewContext) -> (cases: [ReviewCase], diagnostics: [ReviewDiagnostic])
}

extension ReviewCheck {
    public var id: ReviewCheckID { Self.id }
    /// Builds the check's parameters from its section with its own parameter type (called on `any ReviewCheck`).
    func makeParameters(_ section: ReviewRulesSection) throws -> any ReviewCheckParameters {
        try Parameters(section)
    }
}

/// A check's parameters: one type beside the check, built from the check's section for one year. Their
/// declarations and default values are data, not Swift: the resource `defaults/review.yaml`
/// (`ReviewDeclarations`, docs/parameters.md), which a rules file overrides.
public protocol ReviewCheckParameters: Sendable {
    /// Reads every parameter from the section (a declared parameter always has a value). Every key the type
    /// does not ask for is refused afterwards with file, line and key (`ReviewRulesSection.finish`). A
    /// `Decodable` type gets it from its properties (`ReviewRulesSection+Decoder.swift`).
    init(_ section: ReviewRulesSection) throws
}

/// The parameters of a check that has none.
public struct NoReviewParameters: ReviewCheckParameters {
    public init(_ section: ReviewRulesSection) throws {}
}

/// The stable key of a check: its name in the rules file (`checks.long_vacancy`), in the list's check key
/// (`long_vacancy`, `leadership_span:depth`), in the CSV and the JSON. Each check declares its id in its own
/// file (`extension ReviewCheckID { static let longVacancy = … }`); the registry holds the order.
public struct ReviewCheckID: RawRepresentable, Hashable, Sendable, Codable, CustomStringConvertible {
    public let rawValue: String
    /// Nil unless `rawValue` is a key of lower-case letters, digits and underscores.
    public init?(rawValue: String) {
        guard let f = rawValue.utf8.first, (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(f),
              rawValue.utf8.allSatisfy({ (UInt8(ascii: "a")...UInt8(ascii: "z")).contains($0) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) || $0 == UInt8(ascii: "_") })
        else { return nil }
        self.rawValue = rawValue
    }
    /// For the checks' own declarations (a literal key).
    public init(_ key: StaticString) { self.init(rawValue: "\(key)")! }
    public init(from decoder: Decoder) throws {
        let s = try decoder.singleValueContainer().decode(String.self)
        guard let id = ReviewCheckID(rawValue: s) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not a check key: '\(s)'"))
        }
        self = id
    }
    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(rawValue)
    }
    public var description: String { rawValue }

    /// The shipped checks' ids, in the registry's order.
    public static var allCases: [ReviewCheckID] { ReviewCheckRegistry.standard.ids }
    /// The check's name from the shipped registry (the key itself for a check not in it).
    public func name(_ lang: Language) -> String { ReviewCheckRegistry.standard.name(self, lang) }
}

func missingCost(_ p: ReviewPosition) -> ReviewDiagnostic {
    ReviewDiagnostic(positionId: p.positionId,
                     messageDE: "Stelle \(p.positionId): keine Personalkosten für \(p.payGrade) in der Kostentabelle; Einsparung nicht berechnet",
                     messageEN: "position \(p.positionId): no pay cost for \(p.payGrade) in the cost table; saving not computed")
}
