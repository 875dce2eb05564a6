import Foundation

/// A deliberately simple projection: baseline annual results per year, plus the effects, plus
/// interest on the cumulated change (a worse result is financed with Liquiditätskredite).
///
/// Only for a city without a store, given explicitly (`--budget FILE`): every other answer uses the
/// consolidation projection over the store (`StoreProjection`), so that there is one baseline.
///
///     source: synthetic for Musterstadt …
///     interest_rate: 0.035        # share per year on the cumulated change of earlier years
///     annual_results: {2026: -60000000, 2027: -45000000, …}
///
/// result_y = base_y + Σ effects_y + interest_rate × Σ_{t<y} (Σ effects_t), each year rounded to the cent.
public struct SimpleBudgetProjection: BudgetProjecting, Sendable {
    public var baseResults: [Int: Money]
    public var interestRate: Decimal
    public var source: String
    /// The file it was read from (named in the output).
    public var file: String = ""

    public init(baseResults: [Int: Money], interestRate: Decimal = 0, source: String = "") {
        self.baseResults = baseResults; self.interestRate = interestRate; self.source = source
    }

    public static func load(file: String) throws -> SimpleBudgetProjection {
        let root = try StrictYAML.load(path: file)
        let f = try root.dictionary(allowed: ["source", "interest_rate", "annual_results", "note"], required: ["source", "annual_results"])
        var base: [Int: Money] = [:]
        for (k, node, line) in try f["annual_results"]!.entries() {
            guard let y = Int(k) else { throw PruefstandError.config(path: file, line: line, key: "annual_results.\(k)", message: "keys are years") }
            base[y] = Money.rounding(try node.decimal())
        }
        var p = SimpleBudgetProjection(baseResults: base, interestRate: try f["interest_rate"]?.decimal() ?? 0, source: try f["source"]!.text())
        p.file = file
        return p
    }

    /// Names the baseline for the output.
    public func describe(_ lang: Language) -> String {
        lang == .de ? "eingegebene Haushaltsbasis \(file) (ohne Store; Quelle: \(source))"
                    : "typed-in budget file \(file) (no store; source: \(source))"
    }

    public func annualResults(with effects: [BudgetEffect]) throws -> [Int: Money] {
        var change: [Int: Money] = [:]
        for e in effects { change[e.fiscalYear, default: .zero] += e.resultChange }
        var out: [Int: Money] = [:]
        var cumulated = Money.zero
        for y in baseResults.keys.sorted() {
            out[y] = baseResults[y]! + (change[y] ?? .zero) + cumulated.multiplied(by: interestRate)
            cumulated += change[y] ?? .zero
        }
        return out
    }
}

extension ScenarioSolver {
    /// The first year from which every later year (within the horizon) is balanced; nil if none
    /// (`ProjectionResult.balancedYear` uses the same definition).
    public static func balanceYear(_ results: [Int: Money]) -> Int? {
        var candidate: Int?
        for y in results.keys.sorted() {
            if results[y]! >= .zero { if candidate == nil { candidate = y } } else { candidate = nil }
        }
        return candidate
    }
}

/// `scenario solve`: the largest relief through one lever that keeps the budget balanced from a
/// target year on.
public enum ScenarioSolver {
    public struct Solution: Sendable {
        public var lever: String
        public var unit: String
        public var fromYear: Int
        public var targetYear: Int
        public var baselineValue: Decimal
        /// The value with the most relief that keeps every year from `targetYear` balanced; nil if
        /// not even the baseline value does.
        public var value: Decimal?
        public var results: [Int: Money]
        public var netEffects: [Int: Money]
        public var evaluations: Int
        /// The path: per year from the target on, the lowest-relief-first greedy value (each year
        /// as much relief as keeps every year from the target balanced, earlier years fixed);
        /// years before the target keep `value`. Empty when there is no solution.
        public var path: [Int: Decimal] = [:]
        public var pathResults: [Int: Money] = [:]
    }

    /// Searches the lever's grid (`step`, default 1 for percent, 0.01 for shares, 100 for EUR)
    /// between the baseline value and the end of the plausible range in the direction of relief.
    /// Relief is monotone in the lever, so bisection on the grid finds the boundary.
    public static func solve(_ engine: ScenarioEngine, lever: String, balancedFrom target: Int, projection: BudgetProjecting,
                             step: Decimal? = nil, from: Int? = nil) throws -> Solution {
        try AmountCheck.run("Szenario \(engine.scenario.name), Lösung für \(lever)") {
            try solveUnchecked(engine, lever: lever, balancedFrom: target, projection: projection, step: step, from: from)
        }
    }

    private static func solveUnchecked(_ engine: ScenarioEngine, lever: String, balancedFrom target: Int, projection: BudgetProjecting,
                                       step: Decimal?, from: Int?) throws -> Solution {
        guard let entry = engine.baseline[lever] else {
            throw PruefstandError.config(path: engine.scenario.file, line: nil, key: lever, message: "unknown lever '\(lever)'")
        }
        let start = from ?? engine.scenario.overrides[lever]?.map(\.validFrom).min() ?? engine.scenario.years.lowerBound
        let base = try engine.baseline.value(lever, start)
        let unitStep: Decimal = step ?? (entry.unit == .percent ? 1 : entry.unit == .eur || entry.unit == .eurPerMonth ? 100 : Decimal(string: "0.01")!)
        guard let range = entry.range else {
            throw PruefstandError.config(path: entry.file, line: entry.line, key: lever, message: "the lever needs a plausible range in its parameter file")
        }
        var lower = range.lowerBound
        if lever == GewerbesteuerKey.hebesatz.key, let m = try? engine.baseline.value(GewerbesteuerKey.mindesthebesatz, start) { lower = max(lower, m) }
        var evaluations = 0
        func evaluate(_ v: Decimal) throws -> (ok: Bool, results: [Int: Money], net: [Int: Money], relief: Money) {
            evaluations += 1
            let p = try engine.parameters.overriding(lever, with: [DatedValue(validFrom: start, value: v, source: "scenario solve")])
            let r = try engine.evaluate(baseline: engine.baseline, parameters: p)
            let results = try projection.annualResults(with: r.budgetEffects)
            let ok = results.filter { $0.key >= target }.allSatisfy { $0.value >= .zero }
            return (ok, results, r.netByYear, r.netByYear.values.sum())
        }
        // Direction of relief: the end of the range with the lower net effect.
        let atLow = try evaluate(lower), atHigh = try evaluate(range.upperBound)
        let down = atLow.relief <= atHigh.relief
        let end = down ? lower : range.upperBound
        let stepCount = ((down ? base - end : end - base) / unitStep).scenarioRounded(0)
        guard stepCount.isFinite, stepCount >= 0, stepCount <= 1_000_000 else {
            throw PruefstandError.config(path: engine.scenario.file, line: nil, key: lever, message: "the search range holds more than 1,000,000 steps; give a larger step")
        }
        let steps = Int(NSDecimalNumber(decimal: stepCount).intValue)
        func value(_ k: Int) -> Decimal { down ? base - Decimal(k) * unitStep : base + Decimal(k) * unitStep }
        let zero = try evaluate(base)
        guard zero.ok else {
            return Solution(lever: lever, unit: entry.unit.label, fromYear: start, targetYear: target, baselineValue: base, value: nil,
                            results: zero.results, netEffects: zero.net, evaluations: evaluations)
        }
        var lo = 0, hi = max(steps, 0), best = zero
        if hi > 0 {
            let last = try evaluate(value(hi))
            if last.ok { lo = hi; best = last } else {
                while hi - lo > 1 {
                    let mid = (lo + hi) / 2
                    let m = try evaluate(value(mid))
                    if m.ok { lo = mid; best = m } else { hi = mid }
                }
            }
        }
        var solution = Solution(lever: lever, unit: entry.unit.label, fromYear: start, targetYear: target, baselineValue: base, value: value(lo),
                                results: best.results, netEffects: best.net, evaluations: evaluations)
        // Path: year by year from the target, push the lever further while everything stays balanced.
        var path: [Int: Decimal] = [:]
        for y in start...engine.scenario.years.upperBound { path[y] = value(lo) }
        func evaluatePath(_ p: [Int: Decimal]) throws -> (ok: Bool, results: [Int: Money]) {
            evaluations += 1
            let values = p.keys.sorted().map { DatedValue(validFrom: $0, value: p[$0]!, source: "scenario solve (path)") }
            let params = try engine.parameters.overriding(lever, with: values)
            let results = try projection.annualResults(with: try engine.evaluate(baseline: engine.baseline, parameters: params).budgetEffects)
            return (results.filter { $0.key >= target }.allSatisfy { $0.value >= .zero }, results)
        }
        var pathResults = best.results
        for y in max(target, start)...engine.scenario.years.upperBound {
            var a = lo, b = max(steps, 0)   // a feasible (current), search for the largest feasible k in this year
            while b > a {
                let mid = (a + b + 1) / 2
                var trial = path; trial[y] = value(mid)
                let r = try evaluatePath(trial)
                if r.ok { a = mid; pathResults = r.results } else { b = mid - 1 }
            }
            path[y] = value(a)
        }
        if try evaluatePath(path).ok { solution.path = path; solution.pathResults = try evaluatePath(path).results }
        solution.evaluations = evaluations
        _ = pathResults
        return solution
    }
}

/// Sensitivity: each assumption moved across its stated range; data for a tornado chart.
public enum ScenarioSensitivity {
    public struct Bar: Sendable, Hashable {
        public var key: String
        public var nameDE: String, nameEN: String
        public var low: Decimal, high: Decimal
        /// Cumulated net effect over the scenario years at the low and the high value.
        public var netAtLow: Money, netAtHigh: Money
        public var central: Money
        public var source: String
        public var swing: Money { (netAtHigh - netAtLow).magnitude }
    }

    /// The ranges of `sensitivity`, else the bounds of `distributions`; sorted by swing, largest first.
    public static func tornado(_ engine: ScenarioEngine) throws -> [Bar] {
        try AmountCheck.run("Szenario \(engine.scenario.name), Sensitivität") {
            let bars = try tornadoUnchecked(engine)
            for b in bars { _ = b.swing; _ = b.netAtLow - b.central; _ = b.netAtHigh - b.central }
            return bars
        }
    }

    static func tornadoUnchecked(_ engine: ScenarioEngine) throws -> [Bar] {
        var ranges = engine.scenario.sensitivity
        if ranges.isEmpty, let d = engine.scenario.distributions {
            ranges = d.parameters.map { p in
                let (lo, hi) = p.distribution.bounds
                return Scenario.SensitivityRange(key: p.key, low: Decimal(string: "\(lo)")!, high: Decimal(string: "\(hi)")!, source: p.source, line: p.line)
            }
        }
        let central = try engine.run().netByYear.values.sum()
        var bars: [Bar] = []
        for r in ranges {
            func total(_ v: Decimal) throws -> Money {
                let (b, p) = try engine.withAssumption(r.key, v, source: "sensitivity: \(r.source)")
                return try engine.evaluate(baseline: b, parameters: p).netByYear.values.sum()
            }
            let entry = engine.parameters[r.key]
            bars.append(Bar(key: r.key, nameDE: entry?.nameDE ?? r.key, nameEN: entry?.nameEN ?? r.key, low: r.low, high: r.high,
                            netAtLow: try total(r.low), netAtHigh: try total(r.high), central: central, source: r.source))
        }
        return bars.sorted { $0.swing != $1.swing ? $0.swing > $1.swing : $0.key < $1.key }
    }
}
