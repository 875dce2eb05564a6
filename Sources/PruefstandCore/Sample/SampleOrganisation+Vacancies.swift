import Foundation

// Musterstadt's vacancies, drawn from the positions `SampleOrganisation.build` made.
extension SampleOrganisation {
    /// About 8 % of positions per year expected to become vacant in 2026–2027 (mostly retirements),
    /// new positions to fill, and re-fills completed in 2025 with their source.
    static func vacancies(positions: [SamplePosition], random: inout SampleRandom) -> [SampleVacancy] {
        var rows: [SampleVacancy] = []
        let start = CivilDate(year: 2026, month: 1, day: 1)!
        let end = CivilDate(year: 2027, month: 12, day: 31)!
        for p in positions {
            if p.isVacant {
                if let since = p.vacantSince, since.year == 2025, since.month >= 7, random.chance(0.5) {
                    rows.append(SampleVacancy(positionId: p.id, expectedDate: start.adding(days: random.below(150)), reason: "new",
                                              refillRequested: true, refillSource: nil, filledDate: nil))
                }
                continue
            }
            let r = random.unit()
            if r < 0.16 {
                let date = start.adding(days: random.below(end.dayNumber - start.dayNumber + 1))
                let k = random.below(100)
                let reason = k < 62 ? "retirement" : k < 82 ? "resignation" : k < 95 ? "transfer" : "other"
                rows.append(SampleVacancy(positionId: p.id, expectedDate: date, reason: reason,
                                          refillRequested: p.isLeadership || random.chance(0.85), refillSource: nil, filledDate: nil))
            } else if r < 0.22 {
                // Filled during 2025: became vacant in 2024/2025 and was re-filled before 2026-01-01.
                let expected = CivilDate(year: 2024, month: 10, day: 1)!.adding(days: random.below(400))
                let filled = expected.adding(days: 30 + random.below(240))
                guard filled.year == 2025 else { continue }
                let k = random.below(100)
                let source = k < 52 ? "internal" : k < 88 ? "external" : "lateral"
                let reason = random.chance(0.7) ? "retirement" : "resignation"
                rows.append(SampleVacancy(positionId: p.id, expectedDate: expected, reason: reason, refillRequested: true,
                                          refillSource: source, filledDate: filled))
            }
        }
        return rows
    }
}
