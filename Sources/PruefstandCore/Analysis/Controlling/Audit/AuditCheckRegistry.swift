import Foundation
import Yams

/// The audit's checks, in the order they report: `LedgerAudit.run` runs them side by side, the findings
/// table lists their findings in this order, each check's own tables and JSON entries follow in it, the
/// parameter file is read by it, and `AuditRegistryTests` checks docs/controlling.md against it.
///
///     let report = try LedgerAudit.run(postings: postings, year: 2025, parameters: p,
///                                       registry: AuditCheckRegistry.standard.adding(MyCheck()))
struct AuditCheckRegistry: Sendable {
    let checks: [any AuditCheck]

    init(_ checks: [any AuditCheck]) {
        precondition(Set(checks.map { type(of: $0).key }).count == checks.count, "two audit checks with one key")
        self.checks = checks
    }

    /// The shipped checks.
    static let standard = AuditCheckRegistry([
        DuplicatePaymentCheck(), DuplicateDocumentCheck(), RoundAmountCheck(), SplitPaymentCheck(),
        NonWorkingDayCheck(), BenfordCheck(), SpendingGrowthCheck(), VoluntaryShareCheck(),
    ])

    /// The same checks and one more at the end.
    func adding(_ check: any AuditCheck) -> AuditCheckRegistry { AuditCheckRegistry(checks + [check]) }

    /// The kinds of findings of all checks, in report order.
    var kinds: [AuditTestKind] { checks.flatMap { type(of: $0).kinds } }

    // MARK: Parameters

    /// The built-in parameters (used without a parameter file) as a parameter file: each check's
    /// `Parameters.defaults`, under a header.
    var defaultsYAML: String {
        ([
            """
            name:
              de: Eingebaute Prüfparameter (ohne Parameterdatei)
              en: Built-in audit parameters (no parameter file)
            reference_period: "built-in"
            """,
        ] + checks.map { type(of: $0).defaultsText }.filter { !$0.isEmpty }).joined(separator: "\n") + "\n"
    }

    /// The built-in parameters of the shipped checks, read once.
    static let standardDefaults: AuditParameters = standard.builtInParameters()

    /// The built-in parameters, read from `defaultsYAML` like a file; `AuditRegistryTests` reads them for
    /// every shipped check, so this cannot fail in a build that passed its tests.
    func builtInParameters() -> AuditParameters {
        do { return try parameters(yaml: defaultsYAML, path: "(eingebaute Prüfparameter)") } catch { fatalError("\(error)") }
    }

    /// Reads a parameter file: its header (`name`, `reference_period`), then each check's keys; keys that
    /// no check knows, values without a source and bad values are errors with file (and line or key).
    func parameters(yaml: String, path: String) throws -> AuditParameters {
        let original = try YAMLLoader.parse(yaml, file: path)
        var known: [(Node, Node)] = []
        let header = try ControllingParameterFile.decodeValue(AuditParameterFileHeader.self, yaml: yaml, path: path)
        known += try ControllingParameterFile.knownKeys(header)
        var finish: [(inout AuditParameters) throws -> Void] = []
        for c in checks { finish.append(try c.readParameters(yaml: yaml, path: path, known: &known)) }
        try ControllingParameterFile.checkKeys(original, Node(known), path: path, keyPath: "")
        var p = AuditParameters(values: [:])
        for f in finish { try f(&p) }
        return p
    }
}

/// The keys of an audit parameter file that belong to no check.
struct AuditParameterFileHeader: Codable {
    var name: LocalizedNameFile
    var reference_period: String
}

extension AuditCheck {
    static var defaultsText: String { Parameters.defaults }

    /// The check's keys of the parameter file, in the order of its built-in defaults.
    static var parameterKeys: [String] {
        guard case .mapping(let m)? = try? Yams.compose(yaml: Parameters.defaults) else { return [] }
        return m.compactMap { $0.key.string }
    }

    /// Decodes this check's part of a parameter file (adding its keys to `known`); the returned step
    /// checks it and stores it, after the file's keys have been checked.
    func readParameters(yaml: String, path: String, known: inout [(Node, Node)]) throws -> (inout AuditParameters) throws -> Void {
        let file = try ControllingParameterFile.decodeValue(Parameters.File.self, yaml: yaml, path: path)
        known += try ControllingParameterFile.knownKeys(file)
        return { p in p[Self.self] = try Parameters(file: file, path: path) }
    }
}
