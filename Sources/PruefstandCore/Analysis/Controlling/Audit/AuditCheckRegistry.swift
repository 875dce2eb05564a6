import Foundation

/// The audit's checks, in the order they report: `LedgerAudit.run` runs them side by side, the findings
/// table lists their findings in this order, each check's own tables and JSON entries follow in it, the
/// parameter file is read by it, and `AuditRegistryTests` checks docs/controlling.md against it.
///
///     let report = try LedgerAudit.run(postings: postings, year: 2025, parameters: p,
///                                       registry: AuditCheckRegistry.standard.adding(MyCheck()))
struct AuditCheckRegistry: Sendable {
    let checks: [any AuditCheck]
    /// The checks' declared parameters with their default values (`defaults/audit.yaml` for the shipped checks).
    let declarations: [String: ParameterEntry]

    init(_ checks: [any AuditCheck], declarations: [String: ParameterEntry] = AuditCheckRegistry.standardDeclarations) {
        precondition(Set(checks.map { type(of: $0).key }).count == checks.count, "two audit checks with one key")
        self.checks = checks; self.declarations = declarations
    }

    /// The shipped checks.
    static let standard = AuditCheckRegistry([
        DuplicatePaymentCheck(), DuplicateDocumentCheck(), RoundAmountCheck(), SplitPaymentCheck(),
        NonWorkingDayCheck(), BenfordCheck(), SpendingGrowthCheck(), VoluntaryShareCheck(),
    ])

    /// The same checks and one more at the end, with its parameters' declarations (a file in the format of
    /// `defaults/audit.yaml`, e.g. beside the check's test case).
    func adding(_ check: any AuditCheck, declarations more: [String: ParameterEntry] = [:]) throws -> AuditCheckRegistry {
        var d = declarations
        for (key, e) in more {
            if let have = d[key] { throw PruefstandError.config(path: e.file, line: e.line, key: key, message: "parameter '\(key)' is already declared in \(have.file):\(have.line ?? 0)") }
            d[key] = e
        }
        return AuditCheckRegistry(checks + [check], declarations: d)
    }

    /// The kinds of findings of all checks, in report order.
    var kinds: [AuditTestKind] { checks.flatMap { type(of: $0).kinds } }

    // MARK: Parameters

    /// The shipped declarations of the audit's parameters, read once from the package's resource
    /// `defaults/audit.yaml`; `AuditRegistryTests` reads them, so this cannot fail in a build that passed its tests.
    static let standardDeclarations: [String: ParameterEntry] = {
        do { return try ParameterFile.declarations(BundledDefaults.document("audit.yaml")) } catch {
            fatalError("the built-in audit parameters cannot be read: \(error)")
        }
    }()

    /// A file of declarations (the format of `defaults/audit.yaml`).
    static func declarations(path: String) throws -> [String: ParameterEntry] {
        try ParameterFile.declarations(StrictYAML.load(path: path))
    }

    /// The built-in parameters of the shipped checks, read once.
    static let standardDefaults: AuditParameters = standard.builtInParameters()

    /// The built-in parameters (the declared values, no lists); `AuditRegistryTests` reads them for every
    /// shipped check, so this cannot fail in a build that passed its tests.
    func builtInParameters() -> AuditParameters {
        do { return try parameters(document: nil, path: "(eingebaute Prüfparameter)") } catch { fatalError("\(error)") }
    }

    /// Reads a parameter file: its header (`name`, `reference_period`), the declared parameters it sets (dated
    /// values over the declarations) and each check's lists; keys that no check knows, values without a source
    /// and bad values are errors with file, line and key.
    func parameters(yaml: String, path: String) throws -> AuditParameters {
        try parameters(document: StrictYAML.parse(yaml, file: path), path: path)
    }

    /// A parameter file's document (nil: none, the built-in parameters) over the declarations.
    func parameters(document: StrictYAML?, path: String) throws -> AuditParameters {
        var params = declarations
        var lists: [String: StrictYAML] = [:]
        var lines: [String: (line: Int?, node: StrictYAML)] = [:]
        if let document {
            let top = try document.dictionary(required: ["name", "reference_period"])
            _ = try top["name"]!.localized(); _ = try top["reference_period"]!.text()
            for (key, node, line) in try document.entries() where key != "name" && key != "reference_period" {
                lines[key] = (line, node)
                if let d = declarations[key] { params[key] = try ParameterFile.override(d, with: node) } else { lists[key] = node }
            }
        }
        var asked = Set<String>()
        var dated: [AuditParameters.Resolved] = []
        for year in Set(params.values.flatMap(\.changeYears)).sorted() {
            let section = AuditParameterSection(file: path, year: year, parameters: params, lists: lists)
            var values: [String: any AuditCheckParameters] = [:]
            for c in checks { values[type(of: c).key] = try c.makeParameters(section) }
            try section.finish()
            asked.formUnion(section.asked)
            dated.append(.init(from: year, values: values))
        }
        for (key, at) in lines.sorted(by: { ($0.value.line ?? 0) < ($1.value.line ?? 0) }) where !asked.contains(key) {
            throw PruefstandError.config(path: path, line: at.line, key: key,
                message: "unbekannter Schlüssel „\(key)“ (unknown key; declared: \(declarations.keys.sorted().joined(separator: ", ")))")
        }
        return AuditParameters(dated: dated)
    }
}

extension AuditCheck {
    /// The check's parameters of a parameter file for one year (called on `any AuditCheck`).
    func makeParameters(_ section: AuditParameterSection) throws -> any AuditCheckParameters {
        try Parameters(section)
    }

    /// The check's keys of the parameter file (declared parameters and lists), as its parameter type reads them.
    static var parameterKeys: [String] {
        let section = AuditParameterSection(file: "keys", year: ParameterSet.supportedYears.lowerBound,
                                            parameters: AuditCheckRegistry.standardDeclarations, lists: [:])
        _ = try? Parameters(section)
        return section.readOrder
    }
}
