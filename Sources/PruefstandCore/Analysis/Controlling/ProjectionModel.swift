import Foundation

/// The plan year's Ergebnisplan by account group: where the projection starts.
public struct ProjectionBase: Sendable, Hashable {
    public var year: Int
    /// Revenue (class 4) per account group, e.g. `40` → Steuern.
    public var revenueByGroup: [String: Money]
    /// Expenses (class 5) per account group.
    public var expenseByGroup: [String: Money]
    public init(year: Int, revenueByGroup: [String: Money], expenseByGroup: [String: Money]) {
        self.year = year; self.revenueByGroup = revenueByGroup; self.expenseByGroup = expenseByGroup
    }

    /// The plan (budget lines of kind `plan`) of `year`, or of the latest plan year, by account group.
    /// Only lines with a side count, the side the code scheme gave at import (NKF: the Ergebnisplan's classes
    /// 4 and 5; classes 6/7 are the Finanzplan's cash view of the same business, would count it twice, and
    /// have no side).
    public static func load(_ store: Store, year: Int? = nil) throws -> ProjectionBase {
        guard let y = try year ?? store.latestPlanYear() else {
            throw PruefstandError.other(Phrase(de: "Kein Plan im Speicher: erst einen Plan importieren (`pruefstand import`).", en: "No plan in the store: import a plan first (`pruefstand import`)."))
        }
        var rev: [String: Money] = [:], exp: [String: Money] = [:]
        for g in try store.planByAccountGroup(year: y) {
            let m = Money(cents: g.cents)
            switch g.side {
            case .revenue: rev[g.accountGroup] = m
            case .expense: exp[g.accountGroup] = m
            }
        }
        guard !rev.isEmpty || !exp.isEmpty else {
            throw PruefstandError.other(Phrase(de: "Für \(y) gibt es keine Planzeilen der Kontenklassen 4 und 5.", en: "There are no plan lines of account classes 4 and 5 for \(y)."))
        }
        return ProjectionBase(year: y, revenueByGroup: rev, expenseByGroup: exp)
    }
}

/// One projected year.
public struct ProjectionYear: Sendable, Hashable {
    public var year: Int
    /// Revenue after growth, measures and effects.
    public var revenue: Money
    /// Expenses after growth, measures and effects, including `interest`.
    public var expenses: Money
    /// Interest on the liquidity loans: stock at the start of the year (after relief) × rate.
    public var interest: Money
    /// Jahresergebnis: revenue − expenses.
    public var annualResult: Money { revenue - expenses }
    /// Expected effect of the consolidation measures on the result, per status.
    public var measuresByStatus: [ConsolidationMeasure.Status: Money]
    public var measures: Money { measuresByStatus.values.sum() }
    /// Effect of the extra `BudgetEffect`s on the result.
    public var effects: Money
    /// Liquidity loans taken over by the state in this year.
    public var relief: Money
    /// Liquidity loans at the end of the year.
    public var liquidityLoansEnd: Money
    public var ausgleichsruecklageEnd: Money
    public var allgemeineRuecklageEnd: Money
    /// What is missing for Haushaltsausgleich: max(0, −annual result).
    public var gapToBalance: Money { annualResult.cents < 0 ? -annualResult : .zero }
    /// Haushaltsausgleich in the strict sense: annual result ≥ 0.
    public var isBalanced: Bool { annualResult.cents >= 0 }
}

/// The result of a projection.
public struct ProjectionResult: Sendable, Hashable {
    public var scenario: ProjectionScenario
    public var baseYear: Int
    public var years: [ProjectionYear]
    /// The first year from which every later projected year is balanced (annual result ≥ 0), if any: the same
    /// definition as `scenario solve --target balanced-from` and the Monte Carlo's balance year, so that one
    /// question has one answer (a single surplus year followed by deficits is not "balanced").
    public var balancedYear: Int? {
        var candidate: Int?
        for y in years { if y.isBalanced { if candidate == nil { candidate = y.year } } else { candidate = nil } }
        return candidate
    }
}

/// The multi-year consolidation projection (Haushaltssicherung): from the plan year over N years.
///
/// Per year, in this order:
/// 1. Revenue and expenses per account group: the plan in the base year, then each year the previous
///    year's amount × (1 + rate of its group), rounded half away from zero to the cent. The interest
///    group (NKF `55`) is left out when a debt model computes interest.
/// 2. Consolidation measures in effect (start year ≤ year): yearly saving × probability (rounded to the
///    cent), lowering expenses (kind `expense`) or raising revenue (kind `revenue`). A measure implemented
///    before the plan year is already in the plan and is not added again. A measure marked
///    `same_positions_as_review` gives way to the savings decided in the position review of the year (those
///    are deducted from it, down to zero), so the same positions are counted once.
/// 3. Extra `BudgetEffect`s of the year (review decisions, relief scenarios): revenue and expense changes.
/// 4. Debt: the stock at the start of the year; in the relief year the state takes over the share (or
///    amount) of it; interest = stock × rate of the year (rounded to the cent), added to expenses.
/// 5. Annual result = revenue − expenses. A deficit draws first on the Ausgleichsrücklage, then on the
///    allgemeine Rücklage (which may become negative: bilanzielle Überschuldung); a surplus goes to the
///    Ausgleichsrücklage (§ 75 Abs. 2–3 GO NRW). The liquidity loans change by −result (a deficit is
///    financed by Liquiditätskredite, a surplus repays them, never below zero) — a simplification that
///    treats the annual result as cash.
///
///     let model = ProjectionModel(base: base, scenario: scenario)
///     let path = try model.annualResults(with: [])   // [2026: -…, 2027: …]
public struct ProjectionModel: BudgetProjecting, Sendable {
    public var base: ProjectionBase
    public var scenario: ProjectionScenario

    /// The scenario's dated parameters are resolved for the base year (`ProjectionScenario.resolved(year:)`).
    public init(base: ProjectionBase, scenario: ProjectionScenario) {
        self.base = base; self.scenario = scenario.resolved(year: base.year)
    }

    /// Base from the store's plan (the scenario's base year or the latest plan year).
    public init(store: Store, scenario: ProjectionScenario) throws {
        self.init(base: try ProjectionBase.load(store, year: scenario.baseYear), scenario: scenario)
    }

    public func annualResults(with effects: [BudgetEffect]) throws -> [Int: Money] {
        Dictionary(uniqueKeysWithValues: try project(effects: effects).years.map { ($0.year, $0.annualResult) })
    }

    /// Projects the base year and `scenario.years` years after it.
    ///
    /// Throws when a projected amount leaves the 64-bit range of cents (growth compounding on a plan in the
    /// wrong unit, say): a clear error naming the path, never a trap (`AmountCheck`). A returned result's
    /// derived figures (annual result, gap, measures, totals of the measures) all fit.
    public func project(effects: [BudgetEffect] = []) throws -> ProjectionResult {
        guard (1...10).contains(scenario.years) else {
            throw PruefstandError.other(Phrase(de: "Projektionszeitraum \(scenario.years) Jahre: erlaubt sind 1 bis 10", en: "projection period of \(scenario.years) years: 1 to 10 are allowed"))
        }
        guard FiscalYear.supportedRange.contains(base.year) else {
            throw PruefstandError.other(Phrase(de: "Basisjahr \(base.year) der Projektion liegt außerhalb von \(FiscalYear.supportedRangeText)", en: "the projection's base year \(base.year) is outside \(FiscalYear.supportedRangeText)"))
        }
        return try AmountCheck.run("Konsolidierungspfad ab \(base.year)") {
            let result = projectUnchecked(effects: effects)
            for y in result.years { _ = y.annualResult; _ = y.gapToBalance; _ = y.measures; _ = y.expenses - y.interest }
            _ = scenario.measures.map(\.yearlySaving).sum(); _ = scenario.measures.map(\.expectedSaving).sum()
            return result
        }
    }

    private func projectUnchecked(effects: [BudgetEffect]) -> ProjectionResult {
        let interestGroup = scenario.debt?.interestAccountGroup
        var revenue = base.revenueByGroup
        var expense = base.expenseByGroup.filter { $0.key != interestGroup }
        var stock = scenario.debt?.liquidityLoans ?? .zero
        var ausgleich = scenario.ausgleichsruecklage, allgemein = scenario.allgemeineRuecklage
        var out: [ProjectionYear] = []
        for year in base.year...(base.year + scenario.years) {
            if year > base.year {
                for (g, m) in revenue { revenue[g] = m.multiplied(by: 1 + scenario.growthRate(forGroup: g)) }
                for (g, m) in expense { expense[g] = m.multiplied(by: 1 + scenario.growthRate(forGroup: g)) }
            }
            var rev = revenue.values.sum(), exp = expense.values.sum()
            var byStatus: [ConsolidationMeasure.Status: Money] = [:]
            // Savings decided in the position review this year; a measure on the same positions gives way to them.
            var review = effects.filter { $0.fiscalYear == year && $0.source.hasPrefix(ReviewDecisions.effectSourcePrefix) }
                .map(\.resultChange).filter { $0.cents > 0 }.sum()
            for m in scenario.measures where m.startYear <= year && !m.isInPlan(baseYear: base.year) {
                var saving = m.expectedSaving
                if m.samePositionsAsReview && m.kind == .expense {
                    let overlap = min(saving, review)
                    saving -= overlap; review -= overlap
                }
                if m.kind == .expense { exp -= saving } else { rev += saving }
                byStatus[m.status, default: .zero] += saving
            }
            var effectTotal = Money.zero
            for e in effects where e.fiscalYear == year {
                rev += e.revenueChange; exp += e.expenseChange; effectTotal += e.resultChange
            }
            var relief = Money.zero, interest = Money.zero
            if let debt = scenario.debt {
                if year == debt.reliefYear {
                    relief = min(stock, debt.reliefAmount ?? stock.multiplied(by: debt.reliefShare ?? 0))
                    stock -= relief
                }
                interest = stock.multiplied(by: debt.rate(in: year))
                exp += interest
            }
            let result = rev - exp
            if result.cents < 0 {
                let draw = -result
                let fromAusgleich = min(max(ausgleich, .zero), draw)
                ausgleich -= fromAusgleich
                allgemein -= draw - fromAusgleich
            } else {
                ausgleich += result
            }
            if scenario.debt != nil { stock = max(.zero, stock - result) }
            out.append(ProjectionYear(year: year, revenue: rev, expenses: exp, interest: interest, measuresByStatus: byStatus,
                                      effects: effectTotal, relief: relief, liquidityLoansEnd: stock,
                                      ausgleichsruecklageEnd: ausgleich, allgemeineRuecklageEnd: allgemein))
        }
        return ProjectionResult(scenario: scenario, baseYear: base.year, years: out)
    }
}
