import Foundation

/// What the analyses of one run need: dates, and the files with rules, parameters and scenarios.
/// Read from a city folder's manifest (`pruefstand.yaml`), or given on the command line.
public struct RunSettings: Sendable {
    public var title: String
    /// The first year of the consolidation projection; nil: the latest plan year in the store.
    public var planYear: Int?
    /// The year of the plan/actual control; nil: the latest year with postings.
    public var varianceYear: Int?
    /// The review's cut-off date (Stichtag).
    public var asOf: CivilDate
    public var reviewRules: String?
    public var auditParameters: String?
    public var projectionScenario: String?
    public var scenarioFiles: [String]
    public var language: Language
    /// Staffing tables aggregate or suppress groups of fewer than this many persons.
    public var minGroupSize = 3

    public init(title: String = "Pruefstand", planYear: Int? = nil, varianceYear: Int? = nil, asOf: CivilDate = .today(),
                reviewRules: String? = nil, auditParameters: String? = nil, projectionScenario: String? = nil,
                scenarioFiles: [String] = [], language: Language = .de) {
        self.title = title; self.planYear = planYear; self.varianceYear = varianceYear; self.asOf = asOf
        self.reviewRules = reviewRules; self.auditParameters = auditParameters; self.projectionScenario = projectionScenario
        self.scenarioFiles = scenarioFiles; self.language = language
    }

    /// Every parameter file the run reads, for the audit trail (with SHA-256).
    public var parameterFiles: [String] {
        ([reviewRules, auditParameters, projectionScenario].compactMap { $0 } + scenarioFiles)
    }

    public static func from(manifest m: Manifest, language: Language? = nil) throws -> RunSettings {
        let lang = language ?? m.language
        let title = m.synthetic ? m.name + (lang == .de ? " (synthetisch)" : " (synthetic)") : m.name
        var s = RunSettings(title: title, planYear: m.planYear, asOf: m.asOf, language: lang)
        s.minGroupSize = m.minGroupSize
        if let r = m.sections["review"] {
            let d = try r.dictionary(allowed: ["rules"])
            s.reviewRules = try d["rules"].map { try m.path($0, role: "rules") }
        }
        if let c = m.sections["controlling"] {
            let d = try c.dictionary(allowed: ["audit", "projection", "variance_year"])
            s.auditParameters = try d["audit"].map { try m.path($0, role: "parameter") }
            s.projectionScenario = try d["projection"].map { try m.path($0, role: "parameter") }
            s.varianceYear = try d["variance_year"].map(Manifest.year)
        }
        if let sc = m.sections["scenarios"] {
            if sc.scalarText != nil {
                s.scenarioFiles = [try m.path(sc, role: "scenario")]
            } else {
                s.scenarioFiles = try sc.list().map { try m.path($0, role: "scenario") }
            }
        }
        return s
    }
}
