import Foundation

/// Departments and their leadership figures: the unit the leadership check measures depth and leadership
/// share in, and the external-applicant figures are counted by.
///
/// A department is an org unit whose parent is a leadership unit (Verwaltungsvorstand, Dezernat) or that
/// has no parent; its sub-units (Abteilungen, Bürgerbüros) belong to it. A leadership unit is its own
/// department (the Dezernat's own staff). A position whose org unit is unknown forms a department of its
/// own unit id.
public enum ReviewDepartments {
    /// Org unit id → department id.
    public static func map(_ units: [ReviewOrgUnit]) -> [String: String] {
        var byId: [String: ReviewOrgUnit] = [:]
        for u in units { byId[u.orgUnitId] = u }
        var out: [String: String] = [:]
        for u in units {
            var cur = u, seen: Set<String> = [u.orgUnitId]
            while cur.category != "leadership", let pid = cur.parentId, let parent = byId[pid], parent.category != "leadership",
                  seen.insert(pid).inserted {
                cur = parent
            }
            out[u.orgUnitId] = cur.orgUnitId
        }
        return out
    }

    /// The leadership figures of one department.
    public struct Figures: Sendable, Hashable {
        public var departmentId: String
        public var name: String
        /// FTE units of all positions in the department and of its leadership positions.
        public var fteUnits: Int64 = 0
        public var leaderUnits: Int64 = 0
        public var positions = 0
        /// Levels of the longest line of command inside the department (1 = the department's head).
        public var depth = 0
        /// Top and bottom position of the longest line of command.
        public var deepestTop: String?
        public var deepestLeaf: String?
        /// The largest span (FTE units of direct reports) and its leader.
        public var largestSpanUnits: Int64 = 0
        public var largestSpanLeader: String?
        public var leadershipShare: Decimal { fteUnits == 0 ? 0 : Decimal(leaderUnits) / Decimal(fteUnits) }
    }

    /// Figures for every department that holds a position, sorted by department id, and diagnostics for
    /// circular supervisor chains.
    ///
    /// A line of command stays inside a department: a position whose supervisor sits in another department
    /// (or has none) starts it at level 1.
    static func figures(_ ctx: ReviewContext, reportUnits: [String: Int64]) -> (figures: [Figures], diagnostics: [ReviewDiagnostic]) {
        let positions = ctx.input.positions
        var dept = [String](repeating: "", count: positions.count)
        for i in positions.indices { dept[i] = ctx.departmentOf[positions[i].orgUnitId] ?? positions[i].orgUnitId }
        var level = [Int](repeating: 0, count: positions.count)
        var top = [Int](repeating: -1, count: positions.count)
        var diags: [ReviewDiagnostic] = []
        for start in positions.indices where level[start] == 0 {
            var chain: [Int] = [], onChain = Set<Int>()
            var cur = start, base = 0, baseTop = -1
            while true {
                if level[cur] != 0 { base = level[cur]; baseTop = top[cur]; break }
                if onChain.contains(cur) {
                    diags.append(ReviewDiagnostic(positionId: positions[cur].positionId,
                        messageDE: "Vorgesetztenkette von Stelle \(positions[cur].positionId) ist zirkulär; Tiefe ab hier nicht bewertet",
                        messageEN: "the supervisor chain of position \(positions[cur].positionId) is circular; depth not assessed from here"))
                    base = 0; baseTop = cur; break
                }
                chain.append(cur); onChain.insert(cur)
                guard let s = positions[cur].supervisorId, let si = ctx.positionIndex[s], si != cur, dept[si] == dept[cur] else { break }
                cur = si
            }
            if baseTop == -1 { baseTop = chain.last! }
            for (k, idx) in chain.reversed().enumerated() where level[idx] == 0 {
                level[idx] = base + k + 1; top[idx] = baseTop
            }
        }
        var byDept: [String: Figures] = [:]
        for i in positions.indices {
            let p = positions[i], d = dept[i]
            var f = byDept[d] ?? Figures(departmentId: d, name: ctx.unitName(d))
            f.fteUnits += p.fte.units; f.positions += 1
            if p.isLeadership { f.leaderUnits += p.fte.units }
            if level[i] > f.depth || (level[i] == f.depth && p.positionId < (f.deepestLeaf ?? "")) {
                f.depth = level[i]; f.deepestLeaf = p.positionId; f.deepestTop = positions[top[i]].positionId
            }
            if p.isLeadership, let s = reportUnits[p.positionId],
               s > f.largestSpanUnits || (s == f.largestSpanUnits && p.positionId < (f.largestSpanLeader ?? "")) {
                f.largestSpanUnits = s; f.largestSpanLeader = p.positionId
            }
            byDept[d] = f
        }
        return (byDept.values.sorted { $0.departmentId < $1.departmentId }, diags)
    }

    /// FTE units of direct reports per supervisor position id.
    static func reportUnits(_ positions: [ReviewPosition]) -> (units: [String: Int64], count: [String: Int]) {
        var units: [String: Int64] = [:], count: [String: Int] = [:]
        for p in positions { if let s = p.supervisorId { units[s, default: 0] += p.fte.units; count[s, default: 0] += 1 } }
        return (units, count)
    }
}

/// Re-fills by department and year of filling, by source: the external-applicant rule of the program
/// ("externe Bewerber sowie Quereinsteiger bei gleichen Qualifikationen bevorzugt") as a figure the
/// committee can follow.
public struct RefillSourceRow: Sendable, Hashable, Codable {
    public var departmentId: String
    public var name: String
    public var year: Int
    public var internalCount = 0, externalCount = 0, lateralCount = 0, unknownCount = 0
    public var filled: Int { internalCount + externalCount + lateralCount + unknownCount }
    public var knownCount: Int { internalCount + externalCount + lateralCount }
    /// (external + lateral) / filled with known source; nil when none is known.
    public var externalOrLateralShare: Decimal? {
        knownCount == 0 ? nil : Decimal(externalCount + lateralCount) / Decimal(knownCount)
    }

    /// Filled vacancies (filled on or before the as-of date) by department of the position and year filled;
    /// a vacancy of an unknown position counts under its position id's department "?".
    static func rows(_ ctx: ReviewContext) -> [RefillSourceRow] {
        var rows: [String: RefillSourceRow] = [:]
        for v in ctx.input.vacancies {
            guard let f = v.filledDate, f <= ctx.asOf else { continue }
            let unit = ctx.positionIndex[v.positionId].map { ctx.input.positions[$0].orgUnitId }
            let d = unit.map { ctx.departmentOf[$0] ?? $0 } ?? "?"
            let key = "\(d)|\(f.year)"
            var r = rows[key] ?? RefillSourceRow(departmentId: d, name: d == "?" ? "?" : ctx.unitName(d), year: f.year)
            switch v.refillSource {
            case .internal?: r.internalCount += 1
            case .external?: r.externalCount += 1
            case .lateral?: r.lateralCount += 1
            case nil: r.unknownCount += 1
            }
            rows[key] = r
        }
        return rows.values.sorted { ($0.year, $0.departmentId) < ($1.year, $1.departmentId) }
    }
}
