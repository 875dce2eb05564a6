import Foundation

/// One test of the ledger audit: its key and names, its parameters, what it finds and what it adds to the
/// report.
///
/// A check reads the compact ledger through `AuditChecks` (shared by all checks of a run) and returns
/// `RawFinding`s, postings as ledger indexes; it may also return a result of its own (Benford's tests, the
/// spending review) that its `tables` and `json` render. `AuditCheckRegistry.standard` lists the checks in
/// the order they report; `LedgerAudit.run`, the outputs and the docs test iterate it. Adding one:
/// docs/contributing.md, "An audit check".
///
///     struct MyCheck: AuditCheck {
///         static let key = "my-check"
///         static let name = Phrase(de: "Meine Prüfung", en: "My check")
///         static let kinds = [AuditTestKind.myCheck]
///         func run(_ a: AuditChecks, _ p: Parameters) -> AuditCheckOutput { … }
///     }
protocol AuditCheck: Sendable {
    /// The check's parameters, read from its keys of the audit parameter file.
    associatedtype Parameters: AuditCheckParameters = NoAuditParameters
    init()
    /// The machine key (`duplicate-payment`); the key of its parameters and its result.
    static var key: String { get }
    /// The check's name in German and English.
    static var name: Phrase { get }
    /// The kinds of findings it reports (the findings table's test column), none for a check that only
    /// makes tables.
    static var kinds: [AuditTestKind] { get }
    /// Started before the others when the checks run side by side (false by default): the long checks
    /// that light ones should not wait behind. Only the start order; the report order is the registry's.
    static var startsFirst: Bool { get }
    /// Runs the check; reads only.
    func run(_ a: AuditChecks, _ p: Parameters) -> AuditCheckOutput
    /// The check's own tables, after the findings table (none by default).
    func tables(_ report: AuditReport, lang: Language) -> [ReportTable]
    /// The check's own entries of the JSON object (none by default).
    func json(_ report: AuditReport) -> [String: Any]
}

extension AuditCheck {
    static var startsFirst: Bool { false }
    func tables(_ report: AuditReport, lang: Language) -> [ReportTable] { [] }
    func json(_ report: AuditReport) -> [String: Any] { [:] }

    /// Runs the check with its parameters out of all parameters.
    func run(_ a: AuditChecks, parameters: AuditParameters) -> AuditCheckOutput { run(a, parameters[Self.self]) }

    /// This check's result in a report, if it ran.
    static func result<R>(_ report: AuditReport, as _: R.Type) -> R? { report.results[key] as? R }
}

/// A check's parameters: a typed value read from the audit parameter file for one fiscal year. Their
/// declarations and default values are data, not Swift: the resource `defaults/audit.yaml`
/// (docs/parameters.md), which a city's file overrides.
protocol AuditCheckParameters: Sendable, Hashable {
    /// Reads every parameter (a declared parameter always has a value) and the check's lists; errors name the
    /// file, line and key.
    init(_ s: AuditParameterSection) throws
}

/// For a check without parameters.
struct NoAuditParameters: AuditCheckParameters {
    init(_ s: AuditParameterSection) {}
}

/// What a check returns: its findings (postings as ledger indexes) and a result of its own, if any.
struct AuditCheckOutput: Sendable {
    var findings: [RawFinding] = []
    var result: (any Sendable)? = nil
}


/// The kind of a finding (the findings table's test column). Each check declares its kinds beside it
/// (`AuditTestKind.duplicatePayment` in `DuplicatePaymentCheck.swift`).
public struct AuditTestKind: Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// Key and names, shared by every finding of the kind (one reference in each finding, not three strings).
    private final class Definition: Sendable {
        let key: String, german: String, english: String
        init(key: String, german: String, english: String) { self.key = key; self.german = german; self.english = english }
    }
    private let definition: Definition

    /// The machine key (`duplicate-payment`), kept in CSV and JSON.
    public var rawValue: String { definition.key }
    /// The test's name in German.
    public var german: String { definition.german }
    /// The test's name in English.
    public var english: String { definition.english }

    init(_ key: String, de: String, en: String) { definition = Definition(key: key, german: de, english: en) }
    /// The kind of a check that reports one kind: the check's key and names (`AuditTestKind(RoundAmountCheck.self)`).
    init<C: AuditCheck>(_ check: C.Type) { self.init(C.key, de: C.name.de, en: C.name.en) }

    /// A kind of the shipped checks by its key.
    public init?(rawValue: String) {
        guard let k = Self.allCases.first(where: { $0.rawValue == rawValue }) else { return nil }
        self = k
    }

    /// The kinds of the shipped checks, in the order they report.
    public static var allCases: [AuditTestKind] { AuditCheckRegistry.standard.kinds }

    /// The test's name in a report's language; the machine key (`duplicate-payment`) stays in CSV and JSON.
    public func name(_ lang: Language) -> String { lang == .en ? english : german }

    public var description: String { rawValue }
    public static func == (a: AuditTestKind, b: AuditTestKind) -> Bool { a.definition === b.definition || a.rawValue == b.rawValue }
    public func hash(into h: inout Hasher) { h.combine(rawValue) }
}
