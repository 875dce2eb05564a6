import Foundation
import PropertyBased
import Testing
@testable import PruefstandCore

/// Issue 19, unchecked arithmetic: valid-looking input (an as-of date in 2199, a far plan year, amounts
/// each within the import's limit whose totals pass the 64-bit range) must give an exact result or a
/// clear error in every analysis, never a Swift runtime trap. Expected values come from exact `Decimal`
/// arithmetic (38 digits), independent of the engine's 64-bit cents.
@Suite("Analyses: totals near the 64-bit bound", .timeLimit(.minutes(5)))
struct AmountOverflowTests {
    static let bound = Decimal(string: "9223372036854775807")!
    static func fits(_ d: Decimal) -> Bool { d <= bound && d >= -bound - 1 }
    /// The largest single amount the importer accepts: 900 trillion euros in cents.
    static let maxImport: Int64 = 90_000_000_000_000_000

    static func isRangeError(_ error: Error) -> Bool {
        ((error as? PruefstandError)?.text(.de) ?? "\(error)").contains("außerhalb des darstellbaren Bereichs")
    }

    /// Runs `body`; returns its value, or nil after checking that it threw the range error.
    static func valueOrRangeError<T>(_ body: () throws -> T, sourceLocation: SourceLocation = #_sourceLocation) -> T? {
        do { return try body() } catch {
            #expect(isRangeError(error), "unexpected error: \(error)", sourceLocation: sourceLocation)
            return nil
        }
    }

    // MARK: Money and CentsTotal

    @Test("CentsTotal is exact whenever the final sum fits, however the partial sums run")
    func centsTotal() async {
        await propertyCheck(input: Gen.int64(in: Int64.min / 2 ... Int64.max / 2).array(of: 0...12)) { values in
            var t = CentsTotal()
            for v in values { t.add(v) }
            let exact = values.reduce(Decimal(0)) { $0 + Decimal($1) }
            if Self.fits(exact) { #expect(t.exact.map(Decimal.init) == exact) } else { #expect(t.exact == nil) }
        }
    }

    @Test("Money's operators report to an AmountCheck scope, which throws; rounding beyond the range is not a wrong number")
    func scope() throws {
        #expect(throws: PruefstandError.self) { try AmountCheck.run("Test") { _ = Money(cents: .max) + Money(cents: 1) } }
        #expect(throws: PruefstandError.self) { try AmountCheck.run("Test") { _ = -Money(cents: .min) } }
        #expect(throws: PruefstandError.self) { try AmountCheck.run("Test") { _ = Money(cents: .max / 2).multiplied(by: Decimal(3)) } }
        #expect(throws: PruefstandError.self) { try AmountCheck.run("Test") { _ = Money(euros: .max / 10) } }
        #expect(try AmountCheck.run("Test") { Money(cents: 5) + Money(cents: 7) } == Money(cents: 12))
        #expect(throws: PruefstandError.self) { try Money.rounding(Decimal(string: "1e30")!, checking: "x") }
        #expect(try Money.rounding(Decimal(string: "92233720368547758.07")!, checking: "x") == Money(cents: .max))
    }

    // MARK: Review

    static func reviewInput(salaryCents: Int64, positions: Int, expected: CivilDate) -> ReviewInput {
        let ps = (0..<positions).map { ReviewPosition(positionId: "P\($0)", orgUnitId: "U", payGrade: "EG 9a", fte: FTE(units: 990_000)) }
        let vs = (0..<positions).map { ReviewVacancy(positionId: "P\($0)", expectedDate: expected) }
        return ReviewInput(positions: ps, vacancies: vs, orgUnits: [ReviewOrgUnit(orgUnitId: "U", name: "Amt")],
                           payCosts: [ReviewPayCost(fiscalYear: 2025, payGrade: "EG 9a", annualSalary: Money(cents: salaryCents), employerOnCosts: .zero)])
    }

    @Test("a review as of 2199-06-01 (horizon past 2200) runs; the vacancy in 2200 is a case")
    func reviewFarAsOf() throws {
        let input = Self.reviewInput(salaryCents: 5_000_000, positions: 1, expected: CivilDate(iso: "2200-12-31")!)
        let result = try ReviewEngine().run(input, asOf: CivilDate(iso: "2199-06-01")!)
        #expect(result.cases.filter { $0.check == .refill }.count == 1)
        #expect(CivilDate(iso: "2199-06-30")!.adding(months: 24).iso == "2201-06-30")
        #expect(CivilDate(iso: "2024-01-31")!.adding(months: -11).iso == "2023-02-28")
    }

    @Test("review savings whose sum passes the 64-bit range are a clear error; one position fewer is exact")
    func reviewSavings() throws {
        // 99 FTE × 9·10^16 cents would pass the range for one position already: the per-FTE cost is chosen so
        // that each saving fits and only the sum over positions does not.
        let perFTE: Int64 = 9_000_000_000_000_000 / 99
        let saving = Decimal(perFTE) * 99
        let n = Int((Self.bound / saving as NSDecimalNumber).intValue) + 1   // the smallest count that overflows
        let input = Self.reviewInput(salaryCents: perFTE, positions: n, expected: CivilDate(iso: "2026-03-01")!)
        #expect(throws: PruefstandError.self) { try ReviewEngine().run(input, asOf: CivilDate(iso: "2026-01-01")!) }
        do { _ = try ReviewEngine().run(input, asOf: CivilDate(iso: "2026-01-01")!) } catch { #expect(Self.isRangeError(error)) }
        let fewer = Self.reviewInput(salaryCents: perFTE, positions: n - 1, expected: CivilDate(iso: "2026-03-01")!)
        let r = try ReviewEngine().run(fewer, asOf: CivilDate(iso: "2026-01-01")!)
        #expect(Decimal(r.summary[0].potentialSaving.cents) == saving * Decimal(n - 1))
    }

    @Test("review rules parameters are bounded (a horizon of 10^18 months is a config error, not an overflow)")
    func reviewRuleBounds() {
        let text = "checks:\n  refill:\n    parameters:\n      horizon_months: {values: [{from: 2000, value: 1000000000000000000, source: test}]}\n"
        #expect(throws: PruefstandError.self) { try ReviewRules.parse(yaml: text, path: "r.yaml") }
    }

    // MARK: Plan/actual

    @Test("plan/actual: a year far out is a clear error; totals beyond the range are a clear error")
    func varianceYearAndTotals() throws {
        let store = try ControllingFixture.store(postings: [], plan: [(2025, "01.01.01", "501100", 100)])
        #expect(throws: PruefstandError.self) { try VarianceAnalysis.run(store, VarianceOptions(year: 20266)) }
        #expect(throws: PruefstandError.self) { try VarianceAnalysis.run(store, VarianceOptions(year: Int.max)) }
        let plan = (0..<103).map { (2025, "01.01.01", "5011\($0 + 10)", Self.maxImport) }
        let big = try ControllingFixture.store(postings: [.init(date: "2025-03-01", product: "01.01.01", account: "501110", amountCents: 1)], plan: plan)
        for dim in [VarianceDimension.productArea, .account, .productAccount] {
            // Every plan line fits; their total (103 × 9·10^16 cents) does not.
            #expect(Self.valueOrRangeError { try VarianceAnalysis.run(big, VarianceOptions(year: 2025, dimension: dim)) } == nil, "\(dim)")
        }
    }

    @Test("plan/actual year to date: a run rate (× 12) beyond the range is a clear error, not a trap")
    func varianceRunRate() throws {
        let store = try ControllingFixture.store(postings: [.init(date: "2025-01-15", product: "01.01.01", account: "501100", amountCents: Int64.max / 10)],
                                                 plan: [(2025, "01.01.01", "501100", 100)])
        #expect(Self.valueOrRangeError { try VarianceAnalysis.run(store, VarianceOptions(year: 2025, throughMonth: 1)) } == nil)
        let r = try VarianceAnalysis.run(store, VarianceOptions(year: 2025, throughMonth: 6))
        #expect(Decimal(r.rows[0].forecastRunRate.cents) == Decimal(Int64.max / 10) * 2)
    }

    @Test("plan/actual near the bound: the exact totals and variance, or a clear error exactly when one does not fit")
    func varianceProperty() async {
        let cents = Gen.int64(in: -(Int64.max / 3) ... (Int64.max / 3))
        await propertyCheck(count: 60, input: cents.array(of: 1...4), cents.array(of: 0...4)) { plan, actual in
            let store = try ControllingFixture.store(
                postings: actual.enumerated().map { .init(date: "2025-0\($0.offset + 1)-10", product: "01.02.03", account: "52110\($0.offset)", amountCents: $0.element) },
                plan: plan.enumerated().map { (2025, "01.02.03", "50110\($0.offset)", $0.element) })
            let p = plan.reduce(Decimal(0)) { $0 + Decimal($1) }, a = actual.reduce(Decimal(0)) { $0 + Decimal($1) }
            let ok = Self.fits(p) && Self.fits(a) && Self.fits(a - p)
            let r = Self.valueOrRangeError { try VarianceAnalysis.run(store, VarianceOptions(year: 2025, dimension: .productArea)) }
            #expect((r != nil) == ok, "plan \(plan), actual \(actual)")
            if let r {
                #expect(Decimal(r.rows[0].plan.cents) == p && Decimal(r.rows[0].actual.cents) == a)
                #expect(Decimal(r.rows[0].variance.cents) == a - p && Decimal(r.totalActual.cents) == a)
            }
        }
    }

    // MARK: Audit

    @Test("audit near the bound: exact sums while Σ|amount| fits, else a clear error")
    func auditProperty() async {
        let cents = Gen.int64(in: -(Int64.max / 3) ... (Int64.max / 3))
        await propertyCheck(count: 60, input: cents.array(of: 1...5)) { amounts in
            let postings = amounts.enumerated().map { i, c in
                AuditPosting(id: Int64(i + 1), date: CivilDate(iso: "2025-03-1\(i)")!, documentId: "D\(i)", product: "04.01.01",
                             account: "52\(i)100", vendor: "V\(i % 2)", amount: Money(cents: c))
            }
            let magnitude = amounts.reduce(Decimal(0)) { $0 + Decimal($1.magnitude) }
            let r = Self.valueOrRangeError {
                try LedgerAudit.run(postings: postings, year: 2025,
                                    parameters: AuditParameters(voluntaryProducts: [.init(product: "04", description: "Kultur")]))
            }
            #expect((r != nil) == (magnitude <= Self.bound), "amounts \(amounts)")
            if let r {
                let total = amounts.reduce(Decimal(0)) { $0 + Decimal($1) }
                #expect(Decimal(r.voluntary.totalExpense.cents) == total && Decimal(r.voluntary.voluntaryExpense.cents) == total)
                for f in r.findings { #expect(Decimal(f.amount.cents) == f.postingIds.reduce(Decimal(0)) { $0 + Decimal(amounts[Int($1) - 1]) }) }
            }
        }
    }

    @Test("audit: a year far out is a clear error; prior-year sums beyond the range are a clear error")
    func auditYear() throws {
        let store = try ControllingFixture.store(
            postings: (0..<103).map { .init(date: "2024-0\($0 % 9 + 1)-0\($0 % 9 + 1)", product: "01.01.01", account: "5\($0 + 10)000", amountCents: Self.maxImport) }
                + [.init(date: "2025-01-02", product: "01.01.01", account: "521100", amountCents: 100)],
            plan: [])
        #expect(throws: PruefstandError.self) { try LedgerAudit.run(store, year: 9999, parameters: AuditParameters()) }
        #expect(Self.valueOrRangeError { try LedgerAudit.run(store, year: 2025, parameters: AuditParameters()) } == nil)
    }

    // MARK: Projection

    @Test("projection growth compounding near the bound: the exact path (rounded per year), or a clear error exactly when a figure does not fit")
    func projectionProperty() async {
        let cents = Gen.int64(in: 0 ... (Int64.max / 4))
        let rates = Gen.int(in: -50...100)   // percent per year
        await propertyCheck(count: 80, input: cents, cents, rates, Gen.int(in: 1...10)) { rev0, exp0, ratePercent, years in
            let g = Decimal(ratePercent) / 100
            let base = ProjectionBase(year: 2026, revenueByGroup: ["40": Money(cents: rev0)], expenseByGroup: ["50": Money(cents: exp0)])
            let model = ProjectionModel(base: base, scenario: ProjectionScenario(years: years, defaultGrowthRate: g))
            // Oracle: each group × (1 + g), rounded half away from zero to the cent, year by year.
            func round(_ d: Decimal) -> Decimal {
                var x = d, r = Decimal(); NSDecimalRound(&r, &x, 0, .plain); return r
            }
            var rev = Decimal(rev0), exp = Decimal(exp0), ausgleich = Decimal(0), allgemein = Decimal(0)
            var path: [(Decimal, Decimal)] = [], ok = true
            for y in 0...years {
                if y > 0 { rev = round(rev * (1 + g)); exp = round(exp * (1 + g)) }
                let result = rev - exp
                // § 75 GO NRW as the model books it: a deficit draws on the Ausgleichsrücklage first.
                if result < 0 {
                    let draw = -result, from = min(max(ausgleich, 0), draw)
                    ausgleich -= from; allgemein -= draw - from
                } else { ausgleich += result }
                ok = ok && [rev, exp, result, -result, ausgleich, allgemein].allSatisfy(Self.fits)
                path.append((rev, exp))
            }
            let r = Self.valueOrRangeError { try model.project() }
            #expect((r != nil) == ok, "revenue \(rev0), expenses \(exp0), growth \(g), \(years) years")
            if let r { #expect(r.years.map { (Decimal($0.revenue.cents), Decimal($0.expenses.cents)) }.elementsEqual(path, by: ==)) }
        }
    }

    @Test("projection: a plan whose group sum passes the range in SQL, and a base year far out, are clear errors")
    func projectionStore() throws {
        let plan = (0..<103).map { (2026, "01.01.01", "4011\($0 + 10)", Self.maxImport) }
        let store = try ControllingFixture.store(postings: [], plan: plan)
        #expect(Self.valueOrRangeError { try ProjectionModel(store: store, scenario: ProjectionScenario()) } == nil)
        let far = ProjectionModel(base: ProjectionBase(year: 20266, revenueByGroup: ["40": Money(cents: 1)], expenseByGroup: [:]),
                                  scenario: ProjectionScenario())
        #expect(throws: PruefstandError.self) { try far.project() }
        let text = try String(contentsOf: TestSupport.repoRoot.appendingPathComponent("Datasets/musterstadt/controlling/projection.yaml"), encoding: .utf8)
        let huge = text.replacingOccurrences(of: #"yearly_saving_euros: \d+"#, with: "yearly_saving_euros: 922337203685477580", options: .regularExpression)
        #expect(huge != text)
        #expect(throws: PruefstandError.self) { try ProjectionScenario.parse(yaml: huge, path: "projection.yaml") }
    }

    // MARK: Scenarios

    @Test("a relief scenario whose Messbeträge make revenue pass the range is a clear error")
    func scenarioRevenue() throws {
        let file = TestSupport.repoRoot.appendingPathComponent("Datasets/musterstadt/scenarios/gewst-490-ab-2027.yaml").path
        var engine = try ScenarioEngine.load(file: file)
        #expect(throws: Never.self) { try engine.run() }
        engine.city.gewerbesteuer.classes[0].messbetrag = Money(cents: Int64.max / 2)   // × Hebesatz 490 % passes the range
        #expect(Self.valueOrRangeError { try engine.run() } == nil)
    }
}
