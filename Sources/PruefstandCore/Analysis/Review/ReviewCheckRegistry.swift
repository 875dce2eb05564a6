import Foundation

/// The checks of the position review, in the order they run and rank in: the one list of checks.
///
/// The engine runs the registry's enabled checks, the rules parser reads each check's section with the
/// check's parameter type (and refuses a section no check claims), the workbook's list and "not assessed"
/// sheets, the CSV and `pruefstand review` take the checks' names from it, and `docs/review.md` holds its
/// `markdownTable` (a test compares them). A test can register a further check without touching this file:
///
///     let registry = try ReviewCheckRegistry.standard.adding(MyCheck(), declarations: .load(path: "my-check.yaml"))
///     let rules = try ReviewRules.parse(yaml: text, path: "rules.yaml", registry: registry)
///     let result = try ReviewEngine(rules: rules, registry: registry).run(input, asOf: asOf)
public struct ReviewCheckRegistry: Sendable {
    public let checks: [any ReviewCheck]
    private let position: [ReviewCheckID: Int]
    /// The checks' declared parameters with their default values (`defaults/review.yaml` for the shipped checks).
    public let declarations: ReviewParameterDeclarations

    public init(_ checks: [any ReviewCheck], declarations: ReviewParameterDeclarations = .standard) {
        var position: [ReviewCheckID: Int] = [:]
        for (i, c) in checks.enumerated() {
            precondition(position.updateValue(i, forKey: c.info.id) == nil, "check \(c.info.id) registered twice")
        }
        self.checks = checks; self.position = position; self.declarations = declarations
    }

    /// The shipped checks.
    public static let standard = ReviewCheckRegistry([
        RefillCheck(), LeadershipSpanCheck(), AutomationCheck(), LongVacancyCheck(), GradeOutlierCheck(), OverheadCheck(),
    ])

    /// This registry with one more check at the end, and its parameters' declarations (a file in the format of
    /// `defaults/review.yaml`, e.g. beside the check's test case).
    public func adding(_ check: any ReviewCheck, declarations more: ReviewParameterDeclarations = .init()) throws -> ReviewCheckRegistry {
        ReviewCheckRegistry(checks + [check], declarations: try declarations.merging(more))
    }

    public var ids: [ReviewCheckID] { checks.map(\.info.id) }
    /// The place of a check in the registry (the order cases of equal score and saving rank in).
    public func index(of id: ReviewCheckID) -> Int? { position[id] }
    public func check(_ id: ReviewCheckID) -> (any ReviewCheck)? { position[id].map { checks[$0] } }
    public func info(_ id: ReviewCheckID) -> ReviewCheckInfo? { check(id)?.info }
    /// The check's name; the key itself for a check not registered here.
    public func name(_ id: ReviewCheckID, _ lang: Language) -> String { info(id)?.name(lang) ?? id.rawValue }

    /// The table of checks in `docs/review.md` ("Registered checks"), one row per check.
    public var markdownTable: String {
        var lines = ["| key | Prüfung | check | flags | saving |", "|---|---|---|---|---|"]
        for c in checks {
            let i = c.info
            lines.append("| `\(i.id.rawValue)` | \(i.nameDE) | \(i.nameEN) | \(i.flags) | \(i.saving) |")
        }
        return lines.joined(separator: "\n")
    }
}
