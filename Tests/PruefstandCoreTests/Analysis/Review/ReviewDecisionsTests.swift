import Testing
import Foundation
@testable import PruefstandCore

/// A small plan for the decision tests, with hand-computed figures:
/// - P1 EG 9b, 1 FTE, vacancy expected 2026-06-01: refill case, m = 5, score 20 + 40 × 19/24 = 51.67 → 52,
///   saving 50,000.00 + 12,345.67 = 62,345.67; KldB 73202 → table row 73 = 0.60 → automation case, score 60.
/// - P2 A 13, 0.5 FTE, vacant since 2024-01-01: long vacancy 24 months, score 100,
///   saving (70,000.00 + 35,000.00) × 0.5 = 52,500.00.
/// Ranked: P2 long vacancy (100), P1 automation (60), P1 refill (52).
enum DecisionFixture {
    static let asOf = CivilDate(iso: "2026-01-01")!
    static var input: ReviewInput {
        ReviewInput(
            positions: [
                ReviewPosition(positionId: "P1", orgUnitId: "U1", title: "Sachbearbeitung", function: "SB", payGrade: "EG 9b", kldb: "73202"),
                ReviewPosition(positionId: "P2", orgUnitId: "U1", title: "Abteilungsleitung", function: "AL", payGrade: "A 13",
                               fte: FTE("0.5")!, isVacant: true, vacantSince: CivilDate(iso: "2024-01-01")),
            ],
            vacancies: [ReviewVacancy(positionId: "P1", expectedDate: CivilDate(iso: "2026-06-01")!)],
            orgUnits: [ReviewOrgUnit(orgUnitId: "U1", name: "Bürgeramt")],
            payCosts: [
                ReviewPayCost(fiscalYear: 2026, payGrade: "EG 9b", annualSalary: Money(cents: 5_000_000), employerOnCosts: Money(cents: 1_234_567)),
                ReviewPayCost(fiscalYear: 2026, payGrade: "A 13", annualSalary: Money(cents: 7_000_000), employerOnCosts: Money(cents: 3_500_000)),
            ])
    }
    static var rules: ReviewRules {
        var r = ReviewRules()
        for id in ReviewCheckID.allCases { r.enabled[id] = [.refill, .longVacancy, .automation].contains(id) }
        r[AutomationCheck.self].table = [.init(kldbPrefix: "73", level: nil, name: "Recht und Verwaltung", share: Decimal(string: "0.6")!, approximated: true)]
        return r
    }

    /// Lays a report table out like a workbook sheet: title, notes, a blank row, the header, the rows.
    static func grid(_ t: ReportTable, lang: Language) -> [[String?]] {
        var g: [[String?]] = [[t.title(lang)]]
        for n in t.notes { g.append([n]) }
        g.append([])
        g.append(t.columns.map { $0.title(lang) })
        for row in t.rows { g.append(row.map { text($0) }) }
        return g
    }
    static func text(_ c: ReportTable.Cell) -> String? {
        switch c {
        case .empty: return nil
        case .text(let s): return s
        case .money(let m): return m.plainString
        case .integer(let i): return String(i)
        case .decimal(let d), .percent(let d): return NSDecimalNumber(decimal: d).stringValue
        case .date(let d): return d.iso
        case .formula(_, let cached): return text(cached)
        }
    }
    static func exported(lang: Language = .de) throws -> [[String?]] {
        grid(try ReviewEngine(rules: rules).run(input, asOf: asOf).listTable(lang: lang), lang: lang)
    }
    static func read(_ g: [[String?]], file: String = "a.xlsx", asOf: CivilDate? = nil) throws -> ReviewDecisionReadResult {
        try ReviewDecisions.read(grid: g, sheetName: "Stellenprüfung", sourceFile: file, sourceSha256: "00", input: input,
                             rules: rules, asOf: asOf, decidedOn: CivilDate(iso: "2026-02-10")!)
    }
    // Layout (DE): row 1 title, rows 2-5 notes, row 6 blank, row 7 header, rows 8-10 cases.
    // Columns: B position, G check key, J saving, L decision, M comment.
    static func set(_ g: inout [[String?]], row: Int, column: Int, _ value: String?) {
        while g[row - 1].count < column { g[row - 1].append(nil) }
        g[row - 1][column - 1] = value
    }
}

@Suite("Review decisions")
struct ReviewDecisionsTests {
    @Test("the exported layout puts the cases where the hand-made addresses expect them")
    func layout() throws {
        let g = try DecisionFixture.exported()
        #expect(g[6][1] == "Stelle" && g[6][11] == "Entscheidung" && g[6][9] == "Jährliche Einsparung")
        #expect(g[7][1] == "P2" && g[7][6] == "long_vacancy" && g[7][9] == "52500.00")
        #expect(g[8][1] == "P1" && g[8][6] == "automation" && g[8][9] == nil)
        #expect(g[9][1] == "P1" && g[9][6] == "refill" && g[9][9] == "62345.67" && g[9][8] == "52")
    }

    @Test("a saving decision on a protected post is an error naming the post's kind and source; re-fill is fine")
    func protectedPost() throws {
        var rules = DecisionFixture.rules
        rules.protectedPosts = [ProtectedPost(kind: .statutory, titleContains: ["Sachbearbeitung"], reasonDE: "Gesetz", reasonEN: "law", source: "§ 1 Test-Gesetz")]
        let result = try ReviewEngine(rules: rules).run(DecisionFixture.input, asOf: DecisionFixture.asOf)
        // P1 is protected now: no automation case, its re-fill case says why it is no candidate.
        #expect(result.cases.map(\.checkKey) == ["long_vacancy", "refill:protected"])
        var g = DecisionFixture.grid(result.listTable(lang: .de), lang: .de)
        // Rows: 8 P2 long vacancy, 9 P1 refill:protected.
        DecisionFixture.set(&g, row: 9, column: 12, "nicht wiederbesetzen")
        let r = try ReviewDecisions.read(grid: g, sheetName: "Stellenprüfung", sourceFile: "a.xlsx", sourceSha256: "00", input: DecisionFixture.input,
                                         rules: rules, asOf: nil, decidedOn: CivilDate(iso: "2026-02-10")!)
        #expect(r.issues.map(\.cell) == ["Stellenprüfung!L9"] && r.issues.first?.messageDE.contains("§ 1 Test-Gesetz") == true)
        DecisionFixture.set(&g, row: 9, column: 12, "wiederbesetzen")
        let ok = try ReviewDecisions.read(grid: g, sheetName: "Stellenprüfung", sourceFile: "a.xlsx", sourceSha256: "00", input: DecisionFixture.input,
                                          rules: rules, asOf: nil, decidedOn: CivilDate(iso: "2026-02-10")!)
        #expect(ok.issues.isEmpty && ok.decisions.map(\.decision) == [.refill])
    }

    @Test("valid decisions are read with saving, effective year and cell")
    func valid() throws {
        var g = try DecisionFixture.exported()
        DecisionFixture.set(&g, row: 8, column: 12, "kw-Vermerk")
        DecisionFixture.set(&g, row: 10, column: 12, " Nicht wiederbesetzen ")
        DecisionFixture.set(&g, row: 10, column: 13, "Aufgabe entfällt mit E-Akte")
        let r = try DecisionFixture.read(g)
        #expect(r.issues.isEmpty, "\(r.issues)")
        #expect(r.asOf == DecisionFixture.asOf)
        #expect(r.rowsRead == 3)
        let byPos = Dictionary(uniqueKeysWithValues: r.decisions.map { ($0.positionId, $0) })
        let p1 = try #require(byPos["P1"]), p2 = try #require(byPos["P2"])
        #expect(p1.decision == .noRefill && p1.annualSaving == Money(cents: 6_234_567) && p1.effectiveYear == 2027)
        #expect(p1.sourceCell == "Stellenprüfung!L10" && p1.comment == "Aufgabe entfällt mit E-Akte")
        // P2 is vacant already; the as-of date is 1 January, so the saving applies in 2026.
        #expect(p2.decision == .kw && p2.annualSaving == Money(cents: 5_250_000) && p2.effectiveYear == 2026)
        #expect(p2.sourceCell == "Stellenprüfung!L8")
    }

    @Test("English labels and stored values are accepted too")
    func labels() {
        #expect(ReviewDecisionValue(label: "do not re-fill") == .noRefill)
        #expect(ReviewDecisionValue(label: "automate-first") == .automateFirst)
        #expect(ReviewDecisionValue(label: "Zurückstellen") == .deferred)
        #expect(ReviewDecisionValue(label: "weg damit") == nil)
    }

    @Test("unknown positions, invalid choices and changed figures are errors with their cell")
    func errors() throws {
        var g = try DecisionFixture.exported()
        DecisionFixture.set(&g, row: 10, column: 12, "weg damit")
        DecisionFixture.set(&g, row: 8, column: 10, "52500.01")
        var extra = g[9]; extra[1] = "P9"
        g.append(extra)   // row 11
        let r = try DecisionFixture.read(g)
        #expect(Set(r.issues.map(\.cell)) == ["Stellenprüfung!L10", "Stellenprüfung!J8", "Stellenprüfung!B11"])
        #expect(r.issues.first { $0.cell.hasSuffix("J8") }?.messageDE.contains("52.500,01 €") == true)
    }

    @Test("a German-formatted saving equal to the engine's is not a change")
    func germanMoney() throws {
        var g = try DecisionFixture.exported()
        DecisionFixture.set(&g, row: 10, column: 10, "62.345,67 €")
        DecisionFixture.set(&g, row: 8, column: 10, "52500")
        #expect(try DecisionFixture.read(g).issues.isEmpty)
    }

    @Test("contradicting decisions for one position in two rows name both cells")
    func contradiction() throws {
        var g = try DecisionFixture.exported()
        DecisionFixture.set(&g, row: 9, column: 12, "wiederbesetzen")
        DecisionFixture.set(&g, row: 10, column: 12, "nicht wiederbesetzen")
        let r = try DecisionFixture.read(g)
        #expect(r.issues.count == 1)
        #expect(r.issues.first?.cell == "Stellenprüfung!L10" && r.issues.first?.messageDE.contains("Stellenprüfung!L9") == true)
    }

    @Test("a missing as-of date is an error; an explicit one is used")
    func asOf() throws {
        var g = try DecisionFixture.exported()
        g[1] = ["(kein Datum)"]
        #expect(try DecisionFixture.read(g).issues.first?.cell == "Stellenprüfung!A1")
        #expect(try DecisionFixture.read(g, asOf: DecisionFixture.asOf).issues.isEmpty)
    }

    @Test("a case that is not in the current review is an error")
    func staleCase() throws {
        var g = try DecisionFixture.exported()
        DecisionFixture.set(&g, row: 9, column: 7, "grade_outlier")
        #expect(try DecisionFixture.read(g).issues.map(\.cell) == ["Stellenprüfung!G9"])
    }

    @Test("a decision on an org-unit case is an error; the row itself is fine without one")
    func orgUnitCase() throws {
        // 38 FTE, HR 1 FTE: 2.63 per 100 FTE > 1.5 → one overhead case for H1, no position.
        let input = ReviewInput(
            positions: (1...37).map { ReviewPosition(positionId: "L\($0)", orgUnitId: "L1", payGrade: "EG 8") }
                + [ReviewPosition(positionId: "H1", orgUnitId: "H1", payGrade: "EG 9b")],
            orgUnits: [ReviewOrgUnit(orgUnitId: "L1", category: "line"), ReviewOrgUnit(orgUnitId: "H1", category: "hr")])
        var rules = ReviewRules()
        for id in ReviewCheckID.allCases { rules.enabled[id] = id == .overhead }
        let asOf = DecisionFixture.asOf
        var g = DecisionFixture.grid(try ReviewEngine(rules: rules).run(input, asOf: asOf).listTable(lang: .de), lang: .de)
        #expect(g.count == 8 && g[7][2] == "H1" && g[7][6] == "overhead:hr")
        func read() throws -> ReviewDecisionReadResult {
            try ReviewDecisions.read(grid: g, sheetName: "Stellenprüfung", sourceFile: "a.xlsx", sourceSha256: "00", input: input,
                                 rules: rules, decidedOn: asOf)
        }
        #expect(try read().issues.isEmpty)
        #expect(try read().rowsRead == 1)
        DecisionFixture.set(&g, row: 8, column: 12, "zurückstellen")
        #expect(try read().issues.map(\.cell) == ["Stellenprüfung!L8"])
    }

    @Test("stored decisions are never overwritten silently")
    func storing() throws {
        let store = try Store.inMemory()
        var g = try DecisionFixture.exported()
        DecisionFixture.set(&g, row: 8, column: 12, "kw-Vermerk")
        DecisionFixture.set(&g, row: 10, column: 12, "nicht wiederbesetzen")
        let first = try DecisionFixture.read(g, file: "a.xlsx").decisions
        #expect(try ReviewDecisions.store(first, in: store, supersede: false) == ReviewDecisionStoreOutcome(inserted: 2, superseded: 0, unchanged: 0))
        #expect(try ReviewDecisions.store(first, in: store, supersede: false) == ReviewDecisionStoreOutcome(inserted: 0, superseded: 0, unchanged: 2))

        DecisionFixture.set(&g, row: 10, column: 12, "erst automatisieren")
        let second = try DecisionFixture.read(g, file: "b.xlsx").decisions
        do {
            try ReviewDecisions.store(second, in: store, supersede: false)
            Issue.record("a changed decision must not be stored without supersede")
        } catch let c as ReviewDecisions.Conflict {
            let m = c.message(.de)
            #expect(c.conflicts.count == 1 && m.contains("a.xlsx") && m.contains("P1") && m.contains("nicht wiederbesetzen") && m.contains("erst automatisieren"))
        }
        #expect(try ReviewDecisions.current(in: store).first { $0.positionId == "P1" }?.decision == .noRefill)
        #expect(try ReviewDecisions.store(second, in: store, supersede: true) == ReviewDecisionStoreOutcome(inserted: 1, superseded: 1, unchanged: 1))
        let now = try ReviewDecisions.current(in: store)
        let p1 = try #require(now.first { $0.positionId == "P1" })
        // automate first: 62,345.67 × 0.5 = 31,172.835 → 31,172.84
        #expect(p1.decision == .automateFirst && p1.annualSaving == Money(cents: 3_117_284) && p1.supersedesId != nil && p1.sourceFile == "b.xlsx")
        let history = try store.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM reviewDecision WHERE positionId = 'P1'") }
        #expect(history == 2)
        let view = try store.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM v_review_decisions") }
        #expect(view == 2)
    }

    @Test("decided savings become negative expense changes from the effective year")
    func budgetEffects() {
        let d = CivilDate(iso: "2026-02-10")!
        func rec(_ p: String, _ v: ReviewDecisionValue, _ cents: Int64, _ year: Int) -> ReviewDecisionRecord {
            ReviewDecisionRecord(positionId: p, decision: v, comment: "", annualSaving: Money(cents: cents), effectiveYear: year,
                                 decidedOn: d, sourceFile: "a.xlsx", sourceSha256: "00", sourceCell: "Stellenprüfung!L8")
        }
        let effects = ReviewDecisions.budgetEffects([
            rec("P1", .noRefill, 6_234_567, 2027), rec("P2", .kw, 5_250_000, 2026),
            rec("P3", .refill, 0, 2026), rec("P4", .deferred, 0, 2026), rec("P5", .automateFirst, 3_117_284, 2029),
        ], through: 2028)
        // P2: 2026, 2027, 2028; P1: 2027, 2028; P5 starts after 2028; refill and defer save nothing.
        #expect(effects.count == 5)
        #expect(effects.allSatisfy { $0.source == "review:decided" && $0.revenueChange == .zero })
        let y2027 = effects.filter { $0.fiscalYear == 2027 }.reduce(Money.zero) { $0 + $1.expenseChange }
        #expect(y2027 == Money(cents: -(6_234_567 + 5_250_000)))
        #expect(effects.filter { $0.fiscalYear == 2026 }.map(\.expenseChange) == [Money(cents: -5_250_000)])
    }

    @Test("effective year: 1 January counts in full, any later day from the next year")
    func effectiveYear() {
        let a = CivilDate(iso: "2026-01-01")!
        #expect(ReviewDecisions.effectiveYear(asOf: a, expectedVacancy: nil) == 2026)
        #expect(ReviewDecisions.effectiveYear(asOf: a, expectedVacancy: CivilDate(iso: "2027-01-01")) == 2027)
        #expect(ReviewDecisions.effectiveYear(asOf: a, expectedVacancy: CivilDate(iso: "2026-01-02")) == 2027)
        #expect(ReviewDecisions.effectiveYear(asOf: CivilDate(iso: "2026-03-15")!, expectedVacancy: CivilDate(iso: "2025-10-01")) == 2027)
    }

    @Test("cell addresses", arguments: [(0, "A"), (25, "Z"), (26, "AA"), (27, "AB"), (701, "ZZ"), (702, "AAA")])
    func columns(index: Int, letters: String) {
        #expect(ReviewDecisions.columnLetters(index) == letters)
    }

    @Test("sheet names with blanks are quoted")
    func quoting() {
        #expect(ReviewDecisions.cellAddress(sheet: "Position review", row: 0, column: 0) == "'Position review'!A1")
        #expect(ReviewDecisions.cellAddress(sheet: "Stellenprüfung", row: 11, column: 7) == "Stellenprüfung!H12")
    }

    @Test("CSV export of the sheet: quotes, separators, empty cells")
    func csv() {
        let g = ReviewDecisions.csvGrid("a;\"b;c\";\n\"say \"\"hi\"\"\";;x\n")
        #expect(g.count == 2)
        #expect(g[0] == ["a", "b;c", nil])
        #expect(g[1] == ["say \"hi\"", nil, "x"])
    }

    @Test("round trip: export, fill decisions by script, read back, store, budget effects")
    func roundTrip() throws {
        let store = try Store.inMemory()
        let result = try ReviewEngine(rules: DecisionFixture.rules).run(DecisionFixture.input, asOf: DecisionFixture.asOf)
        let table = result.listTable(lang: .en)
        var g = DecisionFixture.grid(table, lang: .en)
        let header = try #require(g.firstIndex { $0.contains("Decision") })
        let checkCol = try #require(table.columns.firstIndex { $0.key == "check_key" })
        let decisionCol = try #require(table.columns.firstIndex { $0.key == "decision" })
        for r in (header + 1)..<g.count {
            // The script: no re-fill for re-fill cases, kw for long vacancies, nothing for the rest.
            let key = g[r][checkCol] ?? ""
            g[r][decisionCol] = key.hasPrefix("refill") ? "do not re-fill" : key.hasPrefix("long_vacancy") ? "kw note" : nil
        }
        let read = try ReviewDecisions.read(grid: g, sheetName: "Position review", sourceFile: "review.xlsx", sourceSha256: "ab",
                                        input: DecisionFixture.input, rules: DecisionFixture.rules, decidedOn: DecisionFixture.asOf)
        #expect(read.issues.isEmpty, "\(read.issues)")
        #expect(read.decisions.count == 2)
        try ReviewDecisions.store(read.decisions, in: store, supersede: false)
        let effects = try ReviewDecisions.budgetEffects(store: store, through: 2027)
        // 2026: P2 52,500.00; 2027: P2 52,500.00 + P1 62,345.67
        #expect(effects.filter { $0.fiscalYear == 2026 }.reduce(Money.zero) { $0 + $1.expenseChange } == Money(cents: -5_250_000))
        #expect(effects.filter { $0.fiscalYear == 2027 }.reduce(Money.zero) { $0 + $1.expenseChange } == Money(cents: -11_484_567))
        #expect(try ReviewDecisions.current(in: store).map(\.sourceCell).sorted() == ["'Position review'!L10", "'Position review'!L8"])
    }
}
