import Foundation

/// The checks of the position review, in the order they run and rank in: the one list of checks, each with its
/// declaration (names, what it flags, its saving, its parameters: `ReviewDeclarations`).
///
/// The engine runs the registry's enabled checks, the rules parser reads each check's section with the
/// check's parameter type (and refuses a section no check claims), the workbook's list and "not assessed"
/// sheets, the CSV and `pruefstand review` take the checks' names from its declarations, and `docs/review.md`
/// holds its `markdownTable` (a test compares them). A check without a declaration, and a declaration without a
/// check, are refused. A test can register a further check without touching this file:
///
///     let registry = try ReviewCheckRegistry.standard.adding(MyCheck(), declarations: .load(path: "my-check.yaml"))
///     let rules = try ReviewRules.parse(yaml: text, path: "rules.yaml", registry: registry)
///     let result = try ReviewEngine(rules: rules, registry: registry).run(input, asOf: asOf)
public struct ReviewCheckRegistry: Sendable {
    public let checks: [any ReviewCheck]
    private let position: [ReviewCheckID: Int]
    /// The checks' declarations and the decisions' parameters (`defaults/review.yaml` for the shipped checks).
    public let declarations: ReviewDeclarations

    /// The checks in their order over their declarations: each check must be declared, and each declared check
    /// registered (a mistyped id in either place is an error, not a check without a name).
    public init(_ checks: [any ReviewCheck], declarations: ReviewDeclarations = .standard) throws {
        var position: [ReviewCheckID: Int] = [:]
        for (i, c) in checks.enumerated() {
            precondition(position.updateValue(i, forKey: c.id) == nil, "check \(c.id) registered twice")
            guard declarations.checks[c.id] != nil else {
                let files = declarations.files.isEmpty ? "(no declarations)" : declarations.files.joined(separator: ", ")
                throw PruefstandError.config(path: files, line: nil, key: "checks.\(c.id)", message: Phrase(
                    de: "Prüfung '\(c.id)' ist registriert, aber nicht deklariert: name, flags, saving und parameters unter checks.\(c.id) in die Deklarationen schreiben (defaults/review.yaml oder die Datei, die der Registry mit adding(_:declarations:) übergeben wird; docs/contributing.md)",
                    en: "check '\(c.id)' is registered but not declared: write its name, flags, saving and parameters under checks.\(c.id) in the declarations (defaults/review.yaml, or the file given to the registry with adding(_:declarations:); docs/contributing.md)"))
            }
        }
        for d in declarations.checks.values.sorted(by: { $0.id.rawValue < $1.id.rawValue }) where position[d.id] == nil {
            throw PruefstandError.config(path: d.file, line: d.line, key: "checks.\(d.id)", message: Phrase(
                de: "Prüfung '\(d.id)' ist deklariert, aber keine registrierte Prüfung hat diesen Schlüssel (registriert: \(checks.map(\.id.rawValue).joined(separator: ", ")))",
                en: "check '\(d.id)' is declared, but no registered check has this key (registered: \(checks.map(\.id.rawValue).joined(separator: ", ")))"))
        }
        self.checks = checks; self.position = position; self.declarations = declarations
    }

    /// The shipped checks.
    public static let standard: ReviewCheckRegistry = {
        do {
            return try ReviewCheckRegistry([
                RefillCheck(), LeadershipSpanCheck(), AutomationCheck(), LongVacancyCheck(), GradeOutlierCheck(), OverheadCheck(),
            ])
        } catch { fatalError("the built-in review checks do not match their declarations: \(error)") }
    }()

    /// This registry with one more check at the end, and its declaration (a file in the format of
    /// `defaults/review.yaml`, e.g. beside the check's test case).
    public func adding(_ check: any ReviewCheck, declarations more: ReviewDeclarations = .init()) throws -> ReviewCheckRegistry {
        try ReviewCheckRegistry(checks + [check], declarations: try declarations.merging(more))
    }

    public var ids: [ReviewCheckID] { checks.map(\.id) }
    /// The place of a check in the registry (the order cases of equal score and saving rank in).
    public func index(of id: ReviewCheckID) -> Int? { position[id] }
    public func check(_ id: ReviewCheckID) -> (any ReviewCheck)? { position[id].map { checks[$0] } }
    /// A registered check's declaration: its names, what it flags, its saving, its parameters.
    public func declaration(_ id: ReviewCheckID) -> ReviewCheckDeclaration? { position[id] == nil ? nil : declarations.checks[id] }
    /// The check's name; the key itself for a check not registered here.
    public func name(_ id: ReviewCheckID, _ lang: Language) -> String { declaration(id)?.name(lang) ?? id.rawValue }

    /// The table of checks in `docs/review.md` ("Registered checks"), one row per check.
    public var markdownTable: String {
        var lines = ["| key | Prüfung | check | flags | saving |", "|---|---|---|---|---|"]
        for id in ids {
            let d = declarations.checks[id]!
            lines.append("| `\(id.rawValue)` | \(d.nameDE) | \(d.nameEN) | \(d.flags) | \(d.saving) |")
        }
        return lines.joined(separator: "\n")
    }
}
