import Foundation

/// Seeded Monte Carlo over the scenario's distributions: P10/P50/P90 of the annual result and of
/// the balance year.
///
/// Each draw samples every distribution once (the value holds for all years of the draw). A drawn
/// assumption (growth, elasticity) moves the scenario path against the *central* baseline, so the
/// result includes the baseline's own uncertainty (the projection's baseline assumes the central
/// values); a drawn lever (a Hebesatz the scenario overrides) moves only the scenario. The
/// models are evaluated by a kernel on plain `Double`s: each registered model's fast path (`ScenarioFastPath`),
/// kept in the model's own files beside its exact formula (growth, base response, Umlage, GFG with delay,
/// Grundsteuer, Kita revenue and compensation); a model without one (the fees) adds its exact net effect; the
/// inner loop allocates nothing. The projection is linearised once: the result
/// without effects plus a response matrix from 1,000,000 EUR impulses per year (this captures interest on
/// Liquiditätskredite if the projection is linear, as `SimpleBudgetProjection` is).
/// Results are rounded to the cent half away from zero; percentiles are nearest-rank
/// (P_p = the ⌈p·N⌉-th smallest value). Same seed → same numbers → byte-identical CSV.
public enum ScenarioMonteCarlo {
    /// The keys a scenario may draw: those of the registered models' fast paths.
    public static var supportedKeys: Set<String> { ScenarioModelRegistry.monteCarloKeys }

    public struct Summary: Sendable {
        public var seed: UInt64
        public var draws: Int
        public var years: [Int]
        public var p10: [Money], p50: [Money], p90: [Money]
        /// Share of draws with a result ≥ 0, per year.
        public var shareBalanced: [Double]
        /// Balance year percentiles; nil = not balanced within the horizon.
        public var balanceP10: Int?, balanceP50: Int?, balanceP90: Int?
        public var horizonEnd: Int
    }

    /// A 64-bit SplitMix generator: small, fast, and the same on every platform (tests use it too,
    /// through `RandomNumberGenerator`, so that a failing case can be made again from its seed).
    public struct SplitMix64: Sendable, RandomNumberGenerator {
        var state: UInt64
        public init(seed: UInt64) { state = seed }
        @inline(__always) public mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        /// Uniform in [0, 1).
        @inline(__always) public mutating func unit() -> Double { Double(next() >> 11) * 0x1.0p-53 }
    }

    @inline(__always) static func sample(_ d: Scenario.Distribution, _ rng: inout SplitMix64) -> Double {
        switch d {
        case let .uniform(lo, hi):
            return lo + (hi - lo) * rng.unit()
        case let .triangular(lo, mode, hi):
            let u = rng.unit(), c = (mode - lo) / (hi - lo)
            return u < c ? lo + ((hi - lo) * (mode - lo) * u).squareRoot() : hi - ((hi - lo) * (hi - mode) * (1 - u)).squareRoot()
        case let .normal(mean, sd, lo, hi):
            for _ in 0..<100 {  // truncated normal by rejection (Box–Muller)
                let u1 = 1 - rng.unit(), u2 = rng.unit()
                let x = mean + sd * (-2 * Foundation.log(u1)).squareRoot() * cos(2 * Double.pi * u2)
                if x >= lo && x <= hi { return x }
            }
            return min(max(mean, lo), hi)
        }
    }

    /// The precomputed, Double-valued mirror of the models: each registered model's fast path
    /// (`ScenarioModel.fastPath`, in the model's own files); a model without one (the fees) draws nothing and adds
    /// its exact net effect, computed once.
    public struct Kernel: Sendable {
        var first: Int, n: Int                       // scenario years
        /// Σ of the exact net effects of the scenario's models without a fast path, per year.
        var fixed: [Double]
        var paths: [any ScenarioFastPath]
        /// The drawn keys, path after path (path j reads `keys[offsets[j]...]` in its `drawnKeys` order).
        var keys: [String], offsets: [Int]
        /// Scratch size (the largest a path needs; the Gewerbesteuer's Steuerkraft changes incl. the GFG's reference years).
        var m: Int

        init(first: Int, n: Int, fixed: [Double], paths: [any ScenarioFastPath]) {
            self.first = first; self.n = n; self.fixed = fixed; self.paths = paths
            (keys, offsets) = ([], [])
            for p in paths { offsets.append(keys.count); keys += p.drawnKeys }
            m = paths.map { $0.scratchCount }.max() ?? 0
        }

        /// Net effect per scenario year into `out` (count n); `drawn` holds one value per `keys` entry, NaN = not drawn.
        @inline(__always) func net(drawn: UnsafePointer<Double>, sk: UnsafeMutablePointer<Double>, out: UnsafeMutablePointer<Double>) {
            for i in 0..<n { out[i] = fixed[i] }
            for j in 0..<paths.count { paths[j].add(drawn: drawn + offsets[j], scratch: sk, out: out) }
        }

        /// Net effect per scenario year with the given drawn values (a key not given is not drawn); for tests and
        /// `centralNet` (allocates).
        func net(_ values: [String: Double]) -> [Double] {
            let drawn = keys.map { values[$0] ?? .nan }
            var sk = [Double](repeating: 0, count: max(m, 1)), out = [Double](repeating: 0, count: n)
            drawn.withUnsafeBufferPointer { dp in
                sk.withUnsafeMutableBufferPointer { skp in
                    out.withUnsafeMutableBufferPointer { op in net(drawn: dp.baseAddress!, sk: skp.baseAddress!, out: op.baseAddress!) }
                }
            }
            return out
        }
    }

    /// Builds the kernel from the exact parameters of the engine: the registry's models the scenario runs.
    public static func kernel(_ engine: ScenarioEngine) throws -> Kernel {
        let s = engine.scenario
        let first = s.years.lowerBound, n = s.years.count
        var fixed = [Double](repeating: 0, count: n), paths: [any ScenarioFastPath] = []
        let input = ScenarioModelInput(city: engine.city, baseline: engine.baseline, parameters: engine.parameters, scenario: s)
        for model in ScenarioModelRegistry.all where s.models.contains(model.kind) {
            if let p = try model.fastPath(engine) { paths.append(p); continue }
            for e in try model.evaluate(input).effects { fixed[e.year - first] += e.net.decimalEuros.scenarioDouble }
        }
        return Kernel(first: first, n: n, fixed: fixed, paths: paths)
    }

    /// The kernel's net effect per scenario year at the central parameter values (no draws):
    /// equals the exact model up to rounding; the tests hold it to that.
    public static func centralNet(_ engine: ScenarioEngine) throws -> [Double] {
        try kernel(engine).net([:])
    }

    public static func run(_ engine: ScenarioEngine, projection: BudgetProjecting, draws: Int? = nil, seed: UInt64? = nil) throws -> Summary {
        try AmountCheck.run("Monte Carlo \(engine.scenario.name)") { try runUnchecked(engine, projection: projection, draws: draws, seed: seed) }
    }

    private static func runUnchecked(_ engine: ScenarioEngine, projection: BudgetProjecting, draws: Int?, seed: UInt64?) throws -> Summary {
        guard let dist = engine.scenario.distributions else {
            throw PruefstandError.config(path: engine.scenario.file, line: nil, key: "distributions", message: "the scenario has no distributions for Monte Carlo")
        }
        for p in dist.parameters where !supportedKeys.contains(p.key) {
            throw PruefstandError.config(path: engine.scenario.file, line: p.line, key: "distributions.\(p.key)",
                                         message: "Monte Carlo supports: \(supportedKeys.sorted().joined(separator: ", "))")
        }
        let k = try kernel(engine)
        let nDraws = draws ?? dist.draws
        guard (1...1_000_000).contains(nDraws) else {
            throw PruefstandError.other("--draws: \(nDraws) is not between 1 and 1,000,000")
        }
        let seedValue = seed ?? dist.seed
        // Linearised projection.
        let none = try projection.annualResults(with: [])
        let pYears = none.keys.sorted()
        let P = pYears.count, n = k.n
        var base = pYears.map { none[$0]!.decimalEuros.scenarioDouble }
        var response = [Double](repeating: 0, count: P * n)
        for t in 0..<n {
            let r = try projection.annualResults(with: [BudgetEffect(source: "montecarlo:impulse", description: "impulse",
                                                                     fiscalYear: k.first + t, revenueChange: Money(euros: 1_000_000))])
            for (j, y) in pYears.enumerated() { response[j * n + t] = ((r[y] ?? none[y]!) - none[y]!).decimalEuros.scenarioDouble / 1_000_000 }
        }
        let colIndex: [String: Int] = Dictionary(uniqueKeysWithValues: dist.parameters.enumerated().map { ($1.key, $0) })
        let dists = dist.parameters.map(\.distribution)
        // The kernel's drawn slot s takes distribution column gather[s] (−1: not drawn, NaN).
        var gather = k.keys.map { colIndex[$0] ?? -1 }
        var slots = [Double](repeating: .nan, count: max(gather.count, 1))
        var results = [Double](repeating: 0, count: nDraws * P)
        var balance = [Int](repeating: Int.max, count: nDraws)
        var drawn = [Double](repeating: .nan, count: dists.count)
        var sk = [Double](repeating: 0, count: max(k.m, 1)), net = [Double](repeating: 0, count: n)
        var rng = SplitMix64(seed: seedValue)
        sk.withUnsafeMutableBufferPointer { skp in
        net.withUnsafeMutableBufferPointer { netp in
        results.withUnsafeMutableBufferPointer { res in
        drawn.withUnsafeMutableBufferPointer { dr in
        base.withUnsafeMutableBufferPointer { basep in
        response.withUnsafeMutableBufferPointer { resp in
        gather.withUnsafeMutableBufferPointer { gp in
        slots.withUnsafeMutableBufferPointer { sp in
            for draw in 0..<nDraws {
                for j in 0..<dists.count { dr[j] = sample(dists[j], &rng) }
                for s in 0..<gp.count { sp[s] = gp[s] >= 0 ? dr[gp[s]] : .nan }
                k.net(drawn: sp.baseAddress!, sk: skp.baseAddress!, out: netp.baseAddress!)
                var candidate = Int.max
                for j in 0..<P {
                    var r = basep[j]
                    for t in 0..<n { r += resp[j * n + t] * netp[t] }
                    r = (r * 100).rounded() / 100   // to the cent, half away from zero
                    res[draw * P + j] = r
                    if r >= 0 { if candidate == Int.max { candidate = pYears[j] } } else { candidate = Int.max }
                }
                balance[draw] = candidate
            }
        }}}}}}}}
        // Percentiles (nearest rank).
        func rank(_ p: Double) -> Int { max(0, Int((p * Double(nDraws)).rounded(.up)) - 1) }
        var p10: [Money] = [], p50: [Money] = [], p90: [Money] = [], share: [Double] = []
        var column = [Double](repeating: 0, count: nDraws)
        for j in 0..<P {
            var ok = 0
            for d in 0..<nDraws { column[d] = results[d * P + j]; if column[d] >= 0 { ok += 1 } }
            column.sort()
            func money(_ x: Double) throws -> Money {
                let cents = (x * 100).rounded()
                // Int64(Double) traps outside its range: a drawn result that large is an error, not a trap.
                guard cents.isFinite, cents > -9.2e18, cents < 9.2e18 else {
                    throw PruefstandError.amountOutOfRange("Monte Carlo \(engine.scenario.name): Jahresergebnis \(pYears[j])")
                }
                return Money(cents: Int64(cents))
            }
            p10.append(try money(column[rank(0.1)])); p50.append(try money(column[rank(0.5)])); p90.append(try money(column[rank(0.9)]))
            share.append(Double(ok) / Double(nDraws))
        }
        balance.sort()
        func by(_ p: Double) -> Int? { let v = balance[rank(p)]; return v == Int.max ? nil : v }
        return Summary(seed: seedValue, draws: nDraws, years: pYears, p10: p10, p50: p50, p90: p90, shareBalanced: share,
                       balanceP10: by(0.1), balanceP50: by(0.5), balanceP90: by(0.9), horizonEnd: pYears.last ?? k.first)
    }
}
