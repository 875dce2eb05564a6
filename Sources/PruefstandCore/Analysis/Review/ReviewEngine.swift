import Foundation

/// Runs the enabled checks of the position review, ranks the cases and sums them up by org unit.
///
/// Pipeline: `ReviewInput` (from the store or a test case) → `ReviewContext` (lookups built once) →
/// each enabled `ReviewCheck` → ranking (score, then saving, descending) → summary by org unit and the
/// re-fill KPI.
///
///     let input = try ReviewInput.load(from: store)
///     let result = try ReviewEngine(rules: rules).run(input, asOf: CivilDate(iso: "2026-01-01")!)
public struct ReviewEngine: Sendable {
    public var rules: ReviewRules
    /// The checks to run, in their order (`ReviewCheckRegistry.standard` unless a test adds one).
    public var registry: ReviewCheckRegistry
    /// Without `rules`: the registry's built-in rules (its declared parameters).
    public init(rules: ReviewRules? = nil, registry: ReviewCheckRegistry = .standard) {
        self.rules = rules ?? ReviewRules(registry: registry); self.registry = registry
    }

    ///
    /// Throws when a saving or a total leaves the 64-bit range of cents (a pay-cost table in the wrong
    /// unit, say): a clear error instead of a trap (`AmountCheck`).
    public func run(_ input: ReviewInput, asOf: CivilDate, only: Set<ReviewCheckID>? = nil) throws -> ReviewResult {
        try AmountCheck.run("Stellenprüfung zum \(asOf.german): Personalkosten oder Einsparungen") {
            runUnchecked(input, asOf: asOf, only: only)
        }
    }

    private func runUnchecked(_ input: ReviewInput, asOf: CivilDate, only: Set<ReviewCheckID>?) -> ReviewResult {
        let ctx = ReviewContext(input: input, asOf: asOf, rules: rules)
        var cases: [ReviewCase] = [], diags: [ReviewDiagnostic] = []
        for check in registry.checks where rules.isEnabled(check.id) && (only?.contains(check.id) ?? true) {
            let (c, d) = check.run(ctx)
            cases += c; diags += d
        }
        cases = ReviewEngine.ranked(cases, registry)
        // One line per diagnostic, in an order of their own (position, then text): checks may collect them from
        // dictionaries, whose order changes from process to process, and a run must print the same twice.
        var seen = Set<ReviewDiagnostic>()
        diags = diags.filter { seen.insert($0).inserted }
            .sorted { ($0.positionId ?? "", $0.messageEN, $0.messageDE) < ($1.positionId ?? "", $1.messageEN, $1.messageDE) }
        let sources = Set(ctx.costs.values.map { "\($0.fiscalYear): \($0.source)" }.filter { !$0.hasSuffix(": ") })
        var result = ReviewResult(asOf: asOf, rulesOrigin: rules.origin, costSources: sources.sorted(), cases: cases,
                                  summary: ReviewEngine.summarize(cases, ctx), kpi: ReviewEngine.refillKPI(input.vacancies, asOf: asOf),
                                  diagnostics: diags.filter { $0.check == nil }, registry: registry)
        result.notAssessed = diags.filter { $0.check != nil }.sorted {
            ($0.check!.rawValue, $0.messageEN) < ($1.check!.rawValue, $1.messageEN)
        }
        result.protected = ctx.protection.keys.sorted().map { i in
            let p = input.positions[i]
            return ProtectedPostRow(positionId: p.positionId, orgUnitId: p.orgUnitId, title: p.title, payGrade: p.payGrade,
                                    fte: p.fte, isVacant: p.isVacant, post: ctx.protection[i]!)
        }
        result.departments = ReviewDepartments.figures(ctx, reportUnits: ReviewDepartments.reportUnits(input.positions).units).figures
        result.refillSources = RefillSourceRow.rows(ctx)
        return result
    }

    /// Sorts by `rankOrder` through an index permutation (cases are large structs; moving them while
    /// sorting dominated the run time on 100,000 positions).
    static func ranked(_ cases: [ReviewCase], _ registry: ReviewCheckRegistry) -> [ReviewCase] {
        let n = cases.count
        var score = [Int](repeating: 0, count: n), saving = [Int64](repeating: 0, count: n)
        var pos = [String](repeating: "", count: n), unit = [String](repeating: "", count: n)
        var check = [Int](repeating: 0, count: n), kind = [String](repeating: "", count: n)
        for i in 0..<n {
            score[i] = cases[i].score; saving[i] = cases[i].annualSaving?.cents ?? 0
            pos[i] = cases[i].positionId ?? ""; unit[i] = cases[i].orgUnitId
            check[i] = registry.index(of: cases[i].check)!; kind[i] = cases[i].kind
        }
        var order = Array(0..<n)
        order.sort { a, b in
            if score[a] != score[b] { return score[a] > score[b] }
            if saving[a] != saving[b] { return saving[a] > saving[b] }
            if pos[a] != pos[b] { return pos[a] < pos[b] }
            if unit[a] != unit[b] { return unit[a] < unit[b] }
            if check[a] != check[b] { return check[a] < check[b] }
            return kind[a] < kind[b]
        }
        return order.map { cases[$0] }
    }

    /// Score descending, then saving descending (none counts as zero), then position / org unit and check.
    static func rankOrder(_ a: ReviewCase, _ b: ReviewCase, _ registry: ReviewCheckRegistry = .standard) -> Bool {
        if a.score != b.score { return a.score > b.score }
        let sa = a.annualSaving?.cents ?? 0, sb = b.annualSaving?.cents ?? 0
        if sa != sb { return sa > sb }
        let ka = a.positionId ?? "", kb = b.positionId ?? ""
        if ka != kb { return ka < kb }
        if a.orgUnitId != b.orgUnitId { return a.orgUnitId < b.orgUnitId }
        let ia = registry.index(of: a.check)!, ib = registry.index(of: b.check)!
        if ia != ib { return ia < ib }
        return a.kind < b.kind
    }

    /// Cases by org unit: the number of cases, the FTE of the flagged positions (each counted once) and the
    /// potential saving (each position counted once, with the largest saving among its cases).
    static func summarize(_ cases: [ReviewCase], _ ctx: ReviewContext) -> [ReviewOrgSummary] {
        var rows: [String: ReviewOrgSummary] = [:]
        var best: [String: (unit: String, fte: FTE, saving: Money?)] = [:]
        var caseCount: [String: Int] = [:]
        for i in cases.indices {
            caseCount[cases[i].orgUnitId, default: 0] += 1
            guard let pid = cases[i].positionId else { continue }
            let s = cases[i].annualSaving
            if let have = best[pid] {
                if let s, s > (have.saving ?? .zero) || have.saving == nil { best[pid] = (have.unit, have.fte, s) }
            } else {
                best[pid] = (cases[i].orgUnitId, cases[i].fte, s)
            }
        }
        for (u, n) in caseCount { rows[u] = ReviewOrgSummary(orgUnitId: u, name: ctx.unitName(u), cases: n) }
        for (_, v) in best {
            rows[v.unit]!.positions += 1
            rows[v.unit]!.fte = rows[v.unit]!.fte + v.fte
            if let s = v.saving, s > .zero { rows[v.unit]!.potentialSaving += s }
        }
        return rows.values.sorted { $0.potentialSaving != $1.potentialSaving ? $0.potentialSaving > $1.potentialSaving : $0.orgUnitId < $1.orgUnitId }
    }

    /// Share of re-fills from external applicants and lateral entrants among the filled vacancies whose
    /// source is recorded (filled on or before the as-of date).
    static func refillKPI(_ vacancies: [ReviewVacancy], asOf: CivilDate) -> RefillKPI {
        var k = RefillKPI()
        for v in vacancies {
            guard let f = v.filledDate, f <= asOf else { continue }
            switch v.refillSource {
            case .internal?: k.internalCount += 1
            case .external?: k.externalCount += 1
            case .lateral?: k.lateralCount += 1
            case nil: k.unknownCount += 1
            }
        }
        return k
    }
}

/// The result of one review run.
public struct ReviewResult: Sendable {
    public var asOf: CivilDate
    public var rulesOrigin: String
    /// The pay-cost tables in effect (year: source), for the notes of the list.
    public var costSources: [String]
    /// Ranked: score, then saving, descending.
    public var cases: [ReviewCase]
    public var summary: [ReviewOrgSummary]
    public var kpi: RefillKPI
    public var diagnostics: [ReviewDiagnostic]
    /// What a check could not assess (a function without a grade norm, positions without a KldB code).
    public var notAssessed: [ReviewDiagnostic] = []
    /// Protected posts (elected, statutory, third-party financed) with the reason they are no candidates.
    public var protected: [ProtectedPostRow] = []
    /// Leadership figures per department (depth, span, leadership share).
    public var departments: [ReviewDepartments.Figures] = []
    /// Re-fills by department, year and source (the external-applicant rule).
    public var refillSources: [RefillSourceRow] = []
    /// The checks that ran (names and order for the tables).
    public var registry: ReviewCheckRegistry = .standard
}

/// One protected post in the review's list of posts that are no candidates.
public struct ProtectedPostRow: Sendable, Hashable {
    public var positionId: String, orgUnitId: String, title: String, payGrade: String
    public var fte: FTE
    public var isVacant: Bool
    public var post: ProtectedPost
}

/// One org unit's line in the review summary.
public struct ReviewOrgSummary: Sendable, Hashable, Codable {
    public var orgUnitId: String
    public var name: String
    public var cases = 0
    /// Distinct flagged positions.
    public var positions = 0
    public var fte = FTE.zero
    public var potentialSaving = Money.zero
}

/// Re-fills by source (internal, external applicants, lateral entrants), where the vacancy data says.
public struct RefillKPI: Sendable, Hashable, Codable {
    public var internalCount = 0, externalCount = 0, lateralCount = 0
    /// Filled vacancies without a recorded source (not in the share's denominator).
    public var unknownCount = 0
    public var knownCount: Int { internalCount + externalCount + lateralCount }
    /// (external + lateral) / filled with known source; nil when none is known.
    public var externalOrLateralShare: Decimal? {
        knownCount == 0 ? nil : Decimal(externalCount + lateralCount) / Decimal(knownCount)
    }
}

extension ReviewInput {
    /// Reads positions, vacancies, org units and pay costs from the store. Rows that do not parse (a bad
    /// date, an FTE out of range) are skipped; the importer has validated them already.
    public static func load(from store: Store) throws -> ReviewInput {
        let s = try store.staffing()
        let positions = s.positions.map { r in
            ReviewPosition(
                positionId: r.positionId, orgUnitId: r.orgUnitId, supervisorId: r.supervisorId, title: r.title, function: r.function,
                payGrade: r.payGrade, fte: FTE(units: r.fteUnits), isVacant: r.status == "vacant",
                vacantSince: r.vacantSince.flatMap(CivilDate.init(iso:)), isLeadership: r.isLeadership, kldb: r.kldb)
        }
        let vacancies = s.vacancies.compactMap { r -> ReviewVacancy? in
            guard let d = CivilDate(iso: r.expectedDate) else { return nil }
            return ReviewVacancy(positionId: r.positionId, expectedDate: d, reason: r.reason, refillRequested: r.refillRequested,
                                 refillSource: r.refillSource.flatMap(ReviewVacancy.RefillSource.init(rawValue:)),
                                 filledDate: r.filledDate.flatMap(CivilDate.init(iso:)))
        }
        let units = s.orgUnits.map { ReviewOrgUnit(orgUnitId: $0.orgUnitId, name: $0.name, parentId: $0.parentId, category: $0.category) }
        let costs = s.payCosts.map {
            ReviewPayCost(fiscalYear: $0.fiscalYear, payGrade: $0.payGrade, annualSalary: Money(cents: $0.annualSalaryCents),
                          employerOnCosts: Money(cents: $0.employerOnCostCents), source: $0.source)
        }
        return ReviewInput(positions: positions, vacancies: vacancies, orgUnits: units, payCosts: costs, decidedPositions: s.decidedPositions)
    }
}
