import Foundation

/// A synthetic administration for timing the review (100,000 positions with 20,000 vacancies in the
/// acceptance benchmark). Deterministic: the same sizes give the same plan.
///
///     let input = ReviewBenchmark.makeSynthetic(positions: 100_000, vacancies: 20_000)
///     let seconds = try ReviewBenchmark.time { _ = try ReviewEngine(rules: rules).run(input, asOf: asOf) }
public enum ReviewBenchmark {
    struct SplitMix64 {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        mutating func int(_ n: Int) -> Int { Int(next() % UInt64(n)) }
    }

    static let grades = ["EG 3", "EG 5", "EG 6", "EG 8", "EG 9a", "EG 9b", "EG 9c", "EG 10", "EG 11", "EG 12", "EG 13", "EG 15",
                         "S 8a", "S 11b", "S 12", "A 9", "A 11", "A 13", "A 15", "B 2"]
    static let kldb = ["73202", "73293", "71402", "72213", "43102", "83112", "83124", "81302", "53112", "54101", "25222", "52122", "31103"]
    static let categories = ["line", "line", "line", "line", "line", "line", "hr", "finance", "it", "administration"]

    public static func makeSynthetic(positions n: Int, vacancies v: Int, seed: UInt64 = 42) -> ReviewInput {
        var rng = SplitMix64(state: seed)
        let departments = max(1, n / 2000), unitsPerDepartment = 40
        var units = [ReviewOrgUnit(orgUnitId: "OU0", name: "Verwaltungsvorstand", category: "leadership")]
        for d in 0..<departments {
            units.append(ReviewOrgUnit(orgUnitId: "D\(d)", name: "Fachbereich \(d)", parentId: "OU0", category: categories[rng.int(categories.count)]))
            for u in 0..<unitsPerDepartment {
                units.append(ReviewOrgUnit(orgUnitId: "D\(d)-\(u)", name: "Abteilung \(d)-\(u)", parentId: "D\(d)", category: units.last!.category))
            }
        }
        var positions: [ReviewPosition] = []
        positions.reserveCapacity(n)
        positions.append(ReviewPosition(positionId: "P0", orgUnitId: "OU0", title: "Oberbürgermeister", function: "OB", payGrade: "B 2", isLeadership: true))
        var unitLeader: [String: String] = [:]
        var i = 1
        while i < n {
            let d = rng.int(departments), u = rng.int(unitsPerDepartment)
            let unit = "D\(d)-\(u)", dept = "D\(d)"
            let id = "P\(i)"
            var sup: String?
            var leader = false
            if unitLeader[dept] == nil { unitLeader[dept] = id; sup = "P0"; leader = true; positions.append(.init(positionId: id, orgUnitId: dept, supervisorId: sup, title: "Fachbereichsleitung", function: "FBL", payGrade: "A 15", isLeadership: true)); i += 1; continue }
            if unitLeader[unit] == nil { unitLeader[unit] = id; sup = unitLeader[dept]; leader = true }
            else { sup = unitLeader[unit] }
            let vacant = rng.int(100) < 4
            let fteChoices: [Int64] = [10_000, 10_000, 10_000, 7_500, 5_000]
            positions.append(ReviewPosition(
                positionId: id, orgUnitId: unit, supervisorId: sup, title: leader ? "Abteilungsleitung" : "Sachbearbeitung",
                function: leader ? "AL" : "F\(rng.int(500))", payGrade: grades[rng.int(grades.count)], fte: FTE(units: fteChoices[rng.int(fteChoices.count)]),
                isVacant: vacant, vacantSince: vacant ? CivilDate(dayNumber: 19_000 + rng.int(1_500)) : nil,
                isLeadership: leader, kldb: kldb[rng.int(kldb.count)]))
            i += 1
        }
        var vacancies: [ReviewVacancy] = []
        vacancies.reserveCapacity(v)
        let sources: [ReviewVacancy.RefillSource?] = [nil, .internal, .external, .lateral]
        for k in 0..<v {
            let p = positions[1 + rng.int(max(1, positions.count - 1))]
            let expected = CivilDate(dayNumber: 19_700 + rng.int(1_800))
            let filled = k % 5 == 0 ? expected.adding(days: 60) : nil
            vacancies.append(ReviewVacancy(positionId: p.positionId, expectedDate: expected, reason: ["retirement", "resignation", "transfer"][rng.int(3)],
                                           refillRequested: rng.int(10) < 8, refillSource: filled == nil ? nil : sources[rng.int(4)], filledDate: filled))
        }
        var costs: [ReviewPayCost] = []
        for (j, g) in grades.enumerated() {
            for year in 2024...2027 {
                costs.append(ReviewPayCost(fiscalYear: year, payGrade: g, annualSalary: Money(euros: Int64(30_000 + j * 3_000 + (year - 2024) * 1_000)),
                                           employerOnCosts: Money(euros: Int64(8_000 + j * 900)), source: "synthetic"))
            }
        }
        return ReviewInput(positions: positions, vacancies: vacancies, orgUnits: units, payCosts: costs)
    }

    /// Wall-clock seconds of one run of `body`.
    public static func time(_ body: () throws -> Void) rethrows -> Double {
        let start = DispatchTime.now().uptimeNanoseconds
        try body()
        return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    }
}

extension ReviewBenchmark {
    /// Writes a synthetic input into a store's tables (one import run), so that loading can be timed too.
    public static func write(_ input: ReviewInput, to store: Store) throws {
        try store.writeSyntheticStaffing(StaffingRecords(
            positions: input.positions.map {
                PositionRecord(positionId: $0.positionId, orgUnitId: $0.orgUnitId, supervisorId: $0.supervisorId, title: $0.title,
                               function: $0.function, payGrade: $0.payGrade, fteUnits: $0.fte.units, status: $0.isVacant ? "vacant" : "occupied",
                               vacantSince: $0.vacantSince?.iso, isLeadership: $0.isLeadership, kldb: $0.kldb)
            },
            vacancies: input.vacancies.map {
                VacancyRecord(positionId: $0.positionId, expectedDate: $0.expectedDate.iso, reason: $0.reason, refillRequested: $0.refillRequested,
                              refillSource: $0.refillSource?.rawValue, filledDate: $0.filledDate?.iso)
            },
            orgUnits: input.orgUnits.map { OrgUnitRecord(orgUnitId: $0.orgUnitId, name: $0.name, parentId: $0.parentId, category: $0.category) },
            payCosts: input.payCosts.map {
                PayCostRecord(fiscalYear: $0.fiscalYear, payGrade: $0.payGrade, annualSalaryCents: $0.annualSalary.cents,
                              employerOnCostCents: $0.employerOnCosts.cents, source: $0.source)
            }))
    }
}
