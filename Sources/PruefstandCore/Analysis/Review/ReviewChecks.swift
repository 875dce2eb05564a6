import Foundation

/// One check of the position review. Checks are independent: each reads the shared context and
/// returns its cases, so a test can run one check alone.
public protocol ReviewCheck: Sendable {
    var id: ReviewCheckID { get }
    func run(_ context: ReviewContext) -> (cases: [ReviewCase], diagnostics: [ReviewDiagnostic])
}

extension ReviewCheckID {
    /// The check implementation for this id.
    public var check: any ReviewCheck {
        switch self {
        case .refill: return RefillCheck()
        case .leadershipSpan: return LeadershipSpanCheck()
        case .automation: return AutomationCheck()
        case .longVacancy: return LongVacancyCheck()
        case .gradeOutlier: return GradeOutlierCheck()
        case .overhead: return OverheadCheck()
        }
    }
}

private func missingCost(_ p: ReviewPosition) -> ReviewDiagnostic {
    ReviewDiagnostic(positionId: p.positionId,
                     messageDE: "Stelle \(p.positionId): keine Personalkosten für \(p.payGrade) in der Kostentabelle; Einsparung nicht berechnet",
                     messageEN: "position \(p.positionId): no pay cost for \(p.payGrade) in the cost table; saving not computed")
}

/// Re-fill review: every position with an expected vacancy within the horizon becomes a case, with the
/// annual saving if it is not re-filled.
///
/// Saving = (annual salary + employer on-costs) of the grade (latest cost-table year ≤ as-of year) × FTE,
/// half away from zero to the cent. Score = 20 + 40 × (H − m) / H, m = whole months from the as-of date to
/// the expected date (clamped to 0…H): the nearer the vacancy, the higher (20–60).
public struct RefillCheck: ReviewCheck {
    public init() {}
    public var id: ReviewCheckID { .refill }
    public func run(_ ctx: ReviewContext) -> (cases: [ReviewCase], diagnostics: [ReviewDiagnostic]) {
        let h = ctx.rules.refillHorizonMonths
        let end = ctx.asOf.adding(months: h)
        var earliest: [String: ReviewVacancy] = [:]
        for v in ctx.input.vacancies where v.expectedDate <= end {
            if let f = v.filledDate, f <= ctx.asOf { continue }
            if let have = earliest[v.positionId], have.expectedDate <= v.expectedDate { continue }
            earliest[v.positionId] = v
        }
        var cases: [ReviewCase] = [], diags: [ReviewDiagnostic] = []
        for (pid, v) in earliest {
            guard let i = ctx.positionIndex[pid] else {
                diags.append(ReviewDiagnostic(positionId: pid, messageDE: "Vakanz für unbekannte Stelle \(pid)",
                                              messageEN: "vacancy for unknown position \(pid)"))
                continue
            }
            let p = ctx.input.positions[i]
            let m = min(h, max(0, ctx.asOf.months(until: v.expectedDate)))
            let score = ReviewMath.score(Int64(20 * h + 40 * (h - m)), Int64(h))
            let pc = ctx.payCost(grade: p.payGrade)
            let saving = pc.map { ReviewMath.share(p.fte, of: $0.annualCost) }
            if pc == nil { diags.append(missingCost(p)) }
            let reasonDE: String, reasonEN: String
            let whenDE = v.expectedDate < ctx.asOf ? "ist seit \(v.expectedDate.german) frei" : "wird voraussichtlich am \(v.expectedDate.german) frei"
            let whenEN = v.expectedDate < ctx.asOf ? "has been vacant since \(v.expectedDate.iso)" : "is expected to become vacant on \(v.expectedDate.iso)"
            let reqDE = v.refillRequested ? "Wiederbesetzung beantragt." : "Wiederbesetzung nicht beantragt."
            let reqEN = v.refillRequested ? "Re-fill requested." : "Re-fill not requested."
            if let pc, let saving {
                reasonDE = "Die Stelle \(whenDE) (\(Self.reasonDE(v.reason))). \(reqDE) Ohne Wiederbesetzung spart die Stadt jährlich \(ReviewText.money(saving, .de)) (\(ctx.costExplanation(p, pc, .de)))."
                reasonEN = "The position \(whenEN) (\(v.reason)). \(reqEN) Not re-filling it saves \(ReviewText.money(saving, .en)) a year (\(ctx.costExplanation(p, pc, .en)))."
            } else {
                reasonDE = "Die Stelle \(whenDE) (\(Self.reasonDE(v.reason))). \(reqDE) Keine Personalkosten für \(p.payGrade) hinterlegt."
                reasonEN = "The position \(whenEN) (\(v.reason)). \(reqEN) No pay cost for \(p.payGrade) in the cost table."
            }
            cases.append(ReviewCase(check: .refill, kind: "refill", positionId: pid, orgUnitId: p.orgUnitId, score: score,
                                    annualSaving: saving, reasonDE: reasonDE, reasonEN: reasonEN,
                                    fte: p.fte, payGrade: p.payGrade, title: p.title))
        }
        return (cases, diags)
    }
    static func reasonDE(_ r: String) -> String {
        ["retirement": "Ruhestand", "resignation": "Kündigung", "transfer": "Versetzung", "new": "neue Stelle", "other": "sonstiger Grund"][r] ?? r
    }
}

/// Leadership span: leaders with few direct reports, deep hierarchies, org units with a high leadership
/// share, and small sibling units that could merge.
///
/// Scores: span 50 + 50 × (T − s) / T (s = FTE of direct reports); depth 50 + 50 × (d − T) / T;
/// leadership share 50 + 50 × (p − T) / T; merge 40. No saving (the saving follows from the decision).
public struct LeadershipSpanCheck: ReviewCheck {
    public init() {}
    public var id: ReviewCheckID { .leadershipSpan }
    public func run(_ ctx: ReviewContext) -> (cases: [ReviewCase], diagnostics: [ReviewDiagnostic]) {
        let r = ctx.rules
        let positions = ctx.input.positions
        var cases: [ReviewCase] = [], diags: [ReviewDiagnostic] = []
        // Direct reports, FTE-weighted.
        var reports: [String: Int64] = [:], reportCount: [String: Int] = [:]
        for p in positions { if let s = p.supervisorId { reports[s, default: 0] += p.fte.units; reportCount[s, default: 0] += 1 } }
        let t = r.minDirectReportsFTE
        for p in positions where p.isLeadership {
            let s = Decimal(reports[p.positionId] ?? 0) / Decimal(FTE.scale)
            guard s < t else { continue }
            let sDE = ReviewText.decimal(s, places: 4, .de), sEN = ReviewText.decimal(s, places: 4, .en)
            let n = reportCount[p.positionId] ?? 0
            cases.append(ReviewCase(
                check: .leadershipSpan, kind: "span", positionId: p.positionId, orgUnitId: p.orgUnitId,
                score: reviewScore(50 + 50 * (t - s) / t), annualSaving: nil,
                reasonDE: "Leitungsstelle mit \(n) direkt unterstellten Stellen (\(sDE) VZÄ), weniger als die Mindestspanne von \(ReviewText.decimal(t, .de)) VZÄ. Leitung bündeln oder Aufgaben zusammenlegen prüfen.",
                reasonEN: "Leadership position with \(n) direct reports (\(sEN) FTE), fewer than the minimum span of \(ReviewText.decimal(t, .en)) FTE. Consider pooling leadership or merging tasks.",
                fte: p.fte, payGrade: p.payGrade, title: p.title))
        }
        // Hierarchy depth: level 1 = no (known) supervisor.
        var level = [Int](repeating: 0, count: positions.count)
        var root = [Int](repeating: -1, count: positions.count)
        for start in positions.indices where level[start] == 0 {
            var chain: [Int] = []
            var onChain = Set<Int>()
            var cur = start
            var base = 0, baseRoot = -1
            while true {
                if level[cur] != 0 { base = level[cur]; baseRoot = root[cur]; break }
                if onChain.contains(cur) {
                    diags.append(ReviewDiagnostic(positionId: positions[cur].positionId,
                        messageDE: "Vorgesetztenkette von Stelle \(positions[cur].positionId) ist zirkulär; Tiefe ab hier nicht bewertet",
                        messageEN: "the supervisor chain of position \(positions[cur].positionId) is circular; depth not assessed from here"))
                    base = 0; baseRoot = cur; break
                }
                chain.append(cur); onChain.insert(cur)
                guard let s = positions[cur].supervisorId, let si = ctx.positionIndex[s], si != cur else { break }
                cur = si
            }
            if baseRoot == -1 { baseRoot = chain.last! }
            for (k, idx) in chain.reversed().enumerated() where level[idx] == 0 {
                level[idx] = base + k + 1; root[idx] = baseRoot
            }
        }
        var deepest: [Int: Int] = [:]   // root → index of deepest position
        for i in positions.indices {
            if let d = deepest[root[i]], level[d] >= level[i] { continue }
            deepest[root[i]] = i
        }
        var depthByUnit: [String: (root: Int, leaf: Int)] = [:]
        for (ro, leaf) in deepest where level[leaf] > r.maxHierarchyDepth {
            let unit = positions[ro].orgUnitId
            if let have = depthByUnit[unit], level[have.leaf] >= level[leaf] { continue }
            depthByUnit[unit] = (ro, leaf)
        }
        for (unit, pair) in depthByUnit {
            let d = level[pair.leaf], tt = r.maxHierarchyDepth
            let rootId = positions[pair.root].positionId, leafId = positions[pair.leaf].positionId
            cases.append(ReviewCase(
                check: .leadershipSpan, kind: "depth", positionId: nil, orgUnitId: unit,
                score: reviewScore(50 + 50 * Decimal(d - tt) / Decimal(tt)), annualSaving: nil,
                reasonDE: "Die Hierarchie unter Stelle \(rootId) hat \(d) Ebenen (bis Stelle \(leafId)), mehr als die Höchsttiefe von \(tt). Ebenen zusammenlegen prüfen.",
                reasonEN: "The hierarchy below position \(rootId) has \(d) levels (down to position \(leafId)), more than the maximum depth of \(tt). Consider removing levels."))
        }
        // Leadership share by org unit.
        var leaderFTE: [String: Int64] = [:]
        for p in positions where p.isLeadership { leaderFTE[p.orgUnitId, default: 0] += p.fte.units }
        for (unit, lf) in leaderFTE {
            // A unit of leaders only (its staff sit in sub-units) is left to the span check.
            guard let total = ctx.unitFTE[unit], total > lf else { continue }
            let share = Decimal(lf) / Decimal(total)
            let tt = r.maxLeadershipShare
            guard share > tt, tt > 0 else { continue }
            let lfD = Decimal(lf) / Decimal(FTE.scale), totD = Decimal(total) / Decimal(FTE.scale)
            cases.append(ReviewCase(
                check: .leadershipSpan, kind: "leadership_share", positionId: nil, orgUnitId: unit,
                score: reviewScore(50 + 50 * (share - tt) / tt), annualSaving: nil,
                reasonDE: "In \(ctx.unitName(unit)) sind \(ReviewText.decimal(lfD, places: 4, .de)) von \(ReviewText.decimal(totD, places: 4, .de)) VZÄ Leitungsstellen (\(ReviewText.percent(share, .de))), mehr als der Richtwert von \(ReviewText.percent(tt, .de)).",
                reasonEN: "In \(ctx.unitName(unit)), \(ReviewText.decimal(lfD, places: 4, .en)) of \(ReviewText.decimal(totD, places: 4, .en)) FTE are leadership positions (\(ReviewText.percent(share, .en))), more than the benchmark of \(ReviewText.percent(tt, .en))."))
        }
        // Small sibling units (same parent, same category) that could merge.
        var small: [String: [ReviewOrgUnit]] = [:]
        let limit = Int64(truncating: NSDecimalNumber(decimal: r.smallUnitFTE * Decimal(FTE.scale)))
        for u in ctx.input.orgUnits {
            guard let parent = u.parentId, (ctx.unitFTE[u.orgUnitId] ?? 0) < limit else { continue }
            small["\(parent)|\(u.category)", default: []].append(u)
        }
        for (key, units) in small where units.count >= 2 {
            let parts = key.split(separator: "|", maxSplits: 1).map(String.init)
            let sorted = units.sorted { $0.orgUnitId < $1.orgUnitId }
            func list(_ lang: Language) -> String {
                sorted.map { "\($0.orgUnitId) \($0.name) (\(ReviewText.decimal(Decimal(ctx.unitFTE[$0.orgUnitId] ?? 0) / Decimal(FTE.scale), places: 4, lang)) \(lang == .de ? "VZÄ" : "FTE"))" }
                    .joined(separator: ", ")
            }
            cases.append(ReviewCase(
                check: .leadershipSpan, kind: "merge:\(parts[1])", positionId: nil, orgUnitId: parts[0], score: 40, annualSaving: nil,
                reasonDE: "Unter \(ctx.unitName(parts[0])) gibt es \(sorted.count) kleine Einheiten gleicher Art mit weniger als \(ReviewText.decimal(r.smallUnitFTE, .de)) VZÄ: \(list(.de)). Zusammenlegung prüfen.",
                reasonEN: "Below \(ctx.unitName(parts[0])) there are \(sorted.count) small units of the same kind with fewer than \(ReviewText.decimal(r.smallUnitFTE, .en)) FTE: \(list(.en)). Consider merging them."))
        }
        return (cases, diags)
    }
}

/// Automation potential: KldB 2010 occupation → share of tasks that software could already do (IAB
/// substitutability potentials); above the threshold the position is flagged "check automation".
///
/// Score = share × 100. No saving (the saving follows from an "automate first" decision).
public struct AutomationCheck: ReviewCheck {
    public init() {}
    public var id: ReviewCheckID { .automation }
    static let levelDE = [1: "Helfer", 2: "Fachkraft", 3: "Spezialist", 4: "Experte"]
    static let levelEN = [1: "helper", 2: "skilled worker", 3: "specialist", 4: "expert"]
    public func run(_ ctx: ReviewContext) -> (cases: [ReviewCase], diagnostics: [ReviewDiagnostic]) {
        var cases: [ReviewCase] = []
        let t = ctx.rules.automationThreshold
        // The reason depends only on the KldB code: render it once per code.
        var lookup: [String: (score: Int, de: String, en: String)?] = [:]
        let src = ctx.rules.automationSource.isEmpty ? "IAB" : ctx.rules.automationSource
        for p in ctx.input.positions {
            guard let k = p.kldb, !k.isEmpty else { continue }
            if lookup[k] == nil {
                if let e = ctx.rules.automationShare(kldb: k), e.share > t {
                    let approxDE = e.approximated ? "; Wert angenähert" : "", approxEN = e.approximated ? "; approximated value" : ""
                    let levelDigit = k.count >= 5 ? Int(String(Array(k)[4])) : nil
                    let lvlDE = levelDigit.flatMap { Self.levelDE[$0] }.map { ", Anforderungsniveau \($0)" } ?? ""
                    let lvlEN = levelDigit.flatMap { Self.levelEN[$0] }.map { ", requirement level \($0)" } ?? ""
                    lookup[k] = .some((reviewScore(e.share * 100),
                        "Beruf KldB \(k) (\(e.name)\(lvlDE)): \(ReviewText.percent(e.share, .de)) der Tätigkeiten könnten schon heute von Software erledigt werden (Schwelle \(ReviewText.percent(t, .de)); Quelle: \(src)\(approxDE)). Vor einer Wiederbesetzung Automatisierung prüfen.",
                        "Occupation KldB \(k) (\(e.name)\(lvlEN)): \(ReviewText.percent(e.share, .en)) of the tasks could already be done by software (threshold \(ReviewText.percent(t, .en)); source: \(src)\(approxEN)). Check automation before re-filling."))
                } else {
                    lookup[k] = .some(nil)
                }
            }
            guard let r = lookup[k]! else { continue }
            cases.append(ReviewCase(
                check: .automation, kind: "automation", positionId: p.positionId, orgUnitId: p.orgUnitId,
                score: r.score, annualSaving: nil, reasonDE: r.de, reasonEN: r.en,
                fte: p.fte, payGrade: p.payGrade, title: p.title))
        }
        return (cases, [])
    }
}

/// Long vacancy: a position vacant for at least the threshold in whole months is a candidate for a
/// kw-Vermerk (künftig wegfallend: the position lapses when it is next vacated, here: now).
///
/// Saving = annual cost of the position. Score = 50 + 50 × (m − T) / T, capped at 100.
public struct LongVacancyCheck: ReviewCheck {
    public init() {}
    public var id: ReviewCheckID { .longVacancy }
    public func run(_ ctx: ReviewContext) -> (cases: [ReviewCase], diagnostics: [ReviewDiagnostic]) {
        var cases: [ReviewCase] = [], diags: [ReviewDiagnostic] = []
        let t = ctx.rules.longVacancyMonths
        for p in ctx.input.positions where p.isVacant {
            guard let since = p.vacantSince else { continue }
            let m = since.months(until: ctx.asOf)
            guard m >= t else { continue }
            let pc = ctx.payCost(grade: p.payGrade)
            if pc == nil { diags.append(missingCost(p)) }
            let saving = pc.map { ReviewMath.share(p.fte, of: $0.annualCost) }
            let costDE = pc.map { row in " Ein kw-Vermerk spart jährlich \(ReviewText.money(saving!, .de)) (\(ctx.costExplanation(p, row, .de)))." } ?? ""
            let costEN = pc.map { row in " A kw note saves \(ReviewText.money(saving!, .en)) a year (\(ctx.costExplanation(p, row, .en)))." } ?? ""
            cases.append(ReviewCase(
                check: .longVacancy, kind: "long_vacancy", positionId: p.positionId, orgUnitId: p.orgUnitId,
                score: ReviewMath.score(Int64(50 * m), Int64(t)), annualSaving: saving,
                reasonDE: "Die Stelle ist seit \(since.german) unbesetzt (\(m) Monate, Schwelle \(t)); die Aufgaben werden offenbar anders erledigt. Kandidat für einen kw-Vermerk (künftig wegfallend).\(costDE)",
                reasonEN: "The position has been vacant since \(since.iso) (\(m) months, threshold \(t)); its tasks are evidently done otherwise. Candidate for a kw note (künftig wegfallend, to lapse).\(costEN)",
                fte: p.fte, payGrade: p.payGrade, title: p.title))
        }
        return (cases, diags)
    }
}

/// Grade outlier: a position graded higher than the modal grade of the same function in the other org
/// units (ties between modal grades go to the higher grade, so fewer positions are flagged).
///
/// Saving = (annual cost of the grade − annual cost of the modal grade) × FTE, half away from zero to the
/// cent. Score = 50 + 2 × (rank − modal rank) with `PayGrade.rank` (one level = 10, a/b/c = 1–3), capped.
public struct GradeOutlierCheck: ReviewCheck {
    public init() {}
    public var id: ReviewCheckID { .gradeOutlier }
    public func run(_ ctx: ReviewContext) -> (cases: [ReviewCase], diagnostics: [ReviewDiagnostic]) {
        var cases: [ReviewCase] = [], diags: [ReviewDiagnostic] = []
        // Integer ids for functions, units and grades, so that counting is array arithmetic.
        let positions = ctx.input.positions
        var gradeIds: [String: Int] = [:], gradeList: [PayGrade] = []
        var functionIds: [String: Int] = [:], functionNames: [String] = []
        var unitIds: [String: Int] = [:]
        var pf = [Int](repeating: -1, count: positions.count), pu = [Int](repeating: 0, count: positions.count)
        var pg = [Int](repeating: 0, count: positions.count)
        for (i, p) in positions.enumerated() {
            let f = ReviewText.trimmed(p.function)
            guard !f.isEmpty, let g = ctx.payGrade(p.payGrade) else { continue }
            let code = g.code
            let gid: Int
            if let have = gradeIds[code] { gid = have } else { gid = gradeList.count; gradeIds[code] = gid; gradeList.append(g) }
            let fid: Int
            if let have = functionIds[f] { fid = have } else { fid = functionNames.count; functionIds[f] = fid; functionNames.append(f) }
            let uid: Int
            if let have = unitIds[p.orgUnitId] { uid = have } else { uid = unitIds.count; unitIds[p.orgUnitId] = uid }
            pf[i] = fid; pu[i] = uid; pg[i] = gid
        }
        let ng = gradeList.count
        let gradeCodes = gradeList.map(\.code)
        let gradeCost = gradeCodes.map { ctx.payCost(grade: $0) }
        var total = [Int](repeating: 0, count: functionNames.count * ng)
        var own: [Int: [Int]] = [:]            // function × unit → counts by grade
        let unitCount = unitIds.count
        for i in positions.indices where pf[i] >= 0 {
            total[pf[i] * ng + pg[i]] += 1
            own[pf[i] * unitCount + pu[i], default: [Int](repeating: 0, count: ng)][pg[i]] += 1
        }
        var modal: [Int: Int] = [:]            // function × unit → modal grade id elsewhere, -1 for none
        for i in positions.indices where pf[i] >= 0 {
            let p = positions[i], fid = pf[i], key = fid * unitCount + pu[i]
            let mid: Int
            if let have = modal[key] { mid = have } else {
                let mine = own[key]!
                var best = -1, bestCount = 0, n = 0
                for gid in 0..<ng {
                    let peers = total[fid * ng + gid] - mine[gid]
                    guard peers > 0 else { continue }
                    n += peers
                    // Ties go to the higher grade; equal ranks across pay systems are broken by the grade code,
                    // so the result does not depend on the order the positions were read in.
                    if best >= 0 && (bestCount > peers || (bestCount == peers &&
                        (gradeList[best].rank, gradeCodes[best]) >= (gradeList[gid].rank, gradeCodes[gid]))) { continue }
                    best = gid; bestCount = peers
                }
                mid = n >= ctx.rules.gradeOutlierMinPeers ? best : -1
                modal[key] = mid
            }
            guard mid >= 0 else { continue }
            let g = gradeList[pg[i]], m = gradeList[mid], f = functionNames[fid]
            // "Graded higher" means paid more: compare the cost table where both grades are in it; ranks
            // are only comparable within one pay system (S 17 is paid less than EG 12).
            if let a = gradeCost[pg[i]], let b = gradeCost[mid] {
                guard a.annualCost > b.annualCost else { continue }
            } else {
                guard g.system == m.system, g.rank > m.rank else { continue }
            }
            let gCode = gradeCodes[pg[i]], mCode = gradeCodes[mid]
            var saving: Money?
            if let a = gradeCost[pg[i]], let b = gradeCost[mid] {
                saving = ReviewMath.share(p.fte, of: a.annualCost - b.annualCost)
            } else {
                diags.append(missingCost(p))
            }
            let sDE = saving.map { " Eingruppierung nach \(mCode) spart jährlich \(ReviewText.money($0, .de)) (Kostendifferenz je Vollzeitstelle × \(ReviewText.fte(p.fte, .de)) VZÄ)." } ?? ""
            let sEN = saving.map { " Grading it \(mCode) saves \(ReviewText.money($0, .en)) a year (cost difference per full-time position × \(ReviewText.fte(p.fte, .en)) FTE)." } ?? ""
            cases.append(ReviewCase(
                check: .gradeOutlier, kind: "grade_outlier", positionId: p.positionId, orgUnitId: p.orgUnitId,
                score: g.system == m.system ? min(100, 50 + 2 * (g.rank - m.rank)) : 60, annualSaving: saving,
                reasonDE: "Die Funktion „\(f)“ ist hier mit \(gCode) bewertet, in den übrigen Organisationseinheiten meist mit \(mCode). Stellenbewertung prüfen.\(sDE)",
                reasonEN: "The function \"\(f)\" is graded \(gCode) here but mostly \(mCode) in the other org units. Check the job evaluation.\(sEN)",
                fte: p.fte, payGrade: p.payGrade, title: p.title))
        }
        return (cases, diags)
    }
}

/// Overhead: cross-cutting staff (org unit categories hr, finance, it, administration) per 100 FTE of the
/// whole administration above the category's benchmark flags every unit of that category.
///
/// Score = 50 + 50 × (ratio − benchmark) / benchmark, capped at 100. No saving.
public struct OverheadCheck: ReviewCheck {
    public init() {}
    public var id: ReviewCheckID { .overhead }
    static let categoryDE = ["hr": "Personal", "finance": "Finanzen", "it": "IT", "administration": "Zentrale Verwaltung"]
    static let categoryEN = ["hr": "HR", "finance": "finance", "it": "IT", "administration": "central administration"]
    public func run(_ ctx: ReviewContext) -> (cases: [ReviewCase], diagnostics: [ReviewDiagnostic]) {
        let total = ctx.unitFTE.values.reduce(0, +)
        guard total > 0 else { return ([], []) }
        var catFTE: [String: Int64] = [:]
        var unitsByCat: [String: [String]] = [:]
        for (unit, fte) in ctx.unitFTE {
            guard let cat = ctx.orgUnits[unit]?.category, ReviewRules.crossCuttingCategories.contains(cat) else { continue }
            catFTE[cat, default: 0] += fte
            unitsByCat[cat, default: []].append(unit)
        }
        var cases: [ReviewCase] = []
        let totalD = Decimal(total) / Decimal(FTE.scale)
        for cat in ReviewRules.crossCuttingCategories {
            guard let b = ctx.rules.overheadBenchmarks[cat], b > 0, let cf = catFTE[cat] else { continue }
            let ratio = Decimal(cf) * 100 / Decimal(total)
            guard ratio > b else { continue }
            for unit in unitsByCat[cat] ?? [] {
                let uf = Decimal(ctx.unitFTE[unit] ?? 0) / Decimal(FTE.scale)
                cases.append(ReviewCase(
                    check: .overhead, kind: cat, positionId: nil, orgUnitId: unit,
                    score: reviewScore(50 + 50 * (ratio - b) / b), annualSaving: nil,
                    reasonDE: "Querschnittsbereich \(Self.categoryDE[cat]!): \(ReviewText.decimal(ratio, .de)) VZÄ je 100 VZÄ der Verwaltung (\(ReviewText.decimal(Decimal(cf) / Decimal(FTE.scale), places: 4, .de)) von \(ReviewText.decimal(totalD, places: 4, .de))), Richtwert \(ReviewText.decimal(b, .de)). \(ctx.unitName(unit)) trägt \(ReviewText.decimal(uf, places: 4, .de)) VZÄ bei.",
                    reasonEN: "Cross-cutting area \(Self.categoryEN[cat]!): \(ReviewText.decimal(ratio, .en)) FTE per 100 FTE of the administration (\(ReviewText.decimal(Decimal(cf) / Decimal(FTE.scale), places: 4, .en)) of \(ReviewText.decimal(totalD, places: 4, .en))), benchmark \(ReviewText.decimal(b, .en)). \(ctx.unitName(unit)) contributes \(ReviewText.decimal(uf, places: 4, .en)) FTE."))
            }
        }
        return (cases, [])
    }
}
