import Foundation

/// A problem in the review's input that does not stop the review (e.g. a grade without a pay cost).
public struct ReviewDiagnostic: Sendable, Hashable, Codable {
    public var positionId: String?
    public var messageDE: String
    public var messageEN: String
    /// Set when a check could not assess something (no grade norm, no KldB code): listed in the review's
    /// "not assessed" table with the number of positions concerned.
    public var check: ReviewCheckID? = nil
    public var positions = 0
    /// Both texts as the one bilingual type (the two fields stay: they are the JSON keys).
    public var text: Phrase { Phrase(de: messageDE, en: messageEN) }
    public func message(_ lang: Language) -> String { text(lang) }
}

/// The input of one review run with its lookups built once, shared by all checks.
public struct ReviewContext: Sendable {
    public let input: ReviewInput
    public let asOf: CivilDate
    public let rules: ReviewRules
    public let orgUnits: [String: ReviewOrgUnit]
    public let positionIndex: [String: Int]
    /// FTE units per org unit (positions directly in it).
    public let unitFTE: [String: Int64]
    /// Pay cost per canonical grade, latest year ≤ as-of year.
    let costs: [String: ReviewPayCost]
    /// Parsed grades by their raw text (parsing is costly and there are few distinct grades).
    let grades: [String: PayGrade]
    /// Protected posts by position index (elected, statutory, third-party financed).
    public let protection: [Int: ProtectedPost]
    /// The department of each org unit (`ReviewDepartments`).
    public let departmentOf: [String: String]

    public init(input: ReviewInput, asOf: CivilDate, rules: ReviewRules) {
        self.input = input; self.asOf = asOf
        // The parameter values in force in the year of the as-of date (docs/parameters.md).
        let r = rules.resolved(year: asOf.year); self.rules = r
        var ou: [String: ReviewOrgUnit] = [:]
        for u in input.orgUnits { ou[u.orgUnitId] = u }
        orgUnits = ou
        var idx: [String: Int] = [:]; idx.reserveCapacity(input.positions.count)
        var fte: [String: Int64] = [:]
        for i in input.positions.indices {
            idx[input.positions[i].positionId] = i
            fte[input.positions[i].orgUnitId, default: 0] += input.positions[i].fte.units
        }
        positionIndex = idx; unitFTE = fte
        var parsed: [String: PayGrade] = [:]
        for raw in Set(input.positions.map(\.payGrade)).union(input.payCosts.map(\.payGrade)) {
            if let g = PayGrade(raw) { parsed[raw] = g }
        }
        grades = parsed
        var c: [String: ReviewPayCost] = [:]
        for row in input.payCosts where row.fiscalYear <= asOf.year {
            let g = parsed[row.payGrade]?.code ?? row.payGrade.trimmingCharacters(in: .whitespaces)
            if let have = c[g], have.fiscalYear >= row.fiscalYear { continue }
            c[g] = row
        }
        costs = c
        var prot: [Int: ProtectedPost] = [:]
        if !r.protectedPosts.isEmpty {
            // The title test (a substring search, slow on Linux) runs once per distinct title; per position only
            // the entries whose title test passed are checked for function and org unit (equality).
            var byTitle: [String: [Int]] = [:]
            for i in input.positions.indices {
                let p = input.positions[i]
                let candidates: [Int]
                if let have = byTitle[p.title] { candidates = have } else {
                    candidates = r.protectedPosts.indices.filter { r.protectedPosts[$0].matchesTitle(p.title) }
                    byTitle[p.title] = candidates
                }
                for e in candidates where r.protectedPosts[e].matchesFunctionAndUnit(p) { prot[i] = r.protectedPosts[e]; break }
            }
        }
        protection = prot
        departmentOf = ReviewDepartments.map(input.orgUnits)
    }

    /// The protected-post entry of a position, if any.
    public func protection(_ index: Int) -> ProtectedPost? { protection.isEmpty ? nil : protection[index] }

    /// The grade parsed (from the cache when the text was seen at setup).
    public func payGrade(_ raw: String) -> PayGrade? { grades[raw] ?? PayGrade(raw) }
    func canonicalGrade(_ raw: String) -> String { payGrade(raw)?.code ?? raw.trimmingCharacters(in: .whitespaces) }

    /// The pay-cost row for a grade: the latest year not after the as-of year.
    public func payCost(grade: String) -> ReviewPayCost? { costs[canonicalGrade(grade)] }

    /// Annual cost of a position: (salary + employer on-costs) × FTE, half away from zero to the cent.
    public func annualCost(_ p: ReviewPosition) -> Money? {
        payCost(grade: p.payGrade).map { ReviewMath.share(p.fte, of: $0.annualCost) }
    }

    public func unitName(_ id: String) -> String { orgUnits[id]?.name ?? id }

    /// A sentence explaining how a position's annual cost is made up.
    func costExplanation(_ p: ReviewPosition, _ pc: ReviewPayCost, _ lang: Language) -> String {
        let grade = canonicalGrade(p.payGrade)
        let civil = payGrade(p.payGrade)?.isCivilServant ?? false
        let fte = ReviewText.fte(p.fte, lang)
        let sal = ReviewText.money(pc.annualSalary, lang), on = ReviewText.money(pc.employerOnCosts, lang)
        switch (lang, civil) {
        case (.de, false):
            return "\(grade), \(fte) VZÄ; je Vollzeitstelle Entgelt \(sal) + Arbeitgeberanteile (Sozialversicherung, Zusatzversorgung) \(on), Kostentabelle \(pc.fiscalYear)"
        case (.de, true):
            return "\(grade) (Beamtin/Beamter), \(fte) VZÄ; je Vollzeitstelle Besoldung \(sal) + Versorgungs- und Beihilfezuschläge \(on), Kostentabelle \(pc.fiscalYear)"
        case (.en, false):
            return "\(grade), \(fte) FTE; per full-time position pay \(sal) + employer on-costs (social security, supplementary pension) \(on), cost table \(pc.fiscalYear)"
        case (.en, true):
            return "\(grade) (civil servant), \(fte) FTE; per full-time position salary \(sal) + pension and aid (Beihilfe) allowances \(on), cost table \(pc.fiscalYear)"
        }
    }
}
