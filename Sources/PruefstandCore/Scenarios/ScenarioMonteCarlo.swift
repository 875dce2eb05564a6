import Foundation

/// Seeded Monte Carlo over the scenario's distributions: P10/P50/P90 of the annual result and of
/// the balance year.
///
/// Each draw samples every distribution once (the value holds for all years of the draw). A drawn
/// assumption (growth, elasticity) moves the scenario path against the *central* baseline, so the
/// result includes the baseline's own uncertainty (the projection's baseline assumes the central
/// values); a drawn lever (a Hebesatz the scenario overrides) moves only the scenario. The
/// models are evaluated by a kernel on plain `Double`s: each model's fast path, kept in the model's own file
/// beside its exact formula (growth, base response, Umlage, GFG with delay, Grundsteuer, Kita revenue and
/// compensation; fees exact); the inner loop allocates nothing. The projection is linearised once: the result
/// without effects plus a response matrix from 1,000,000 EUR impulses per year (this captures interest on
/// Liquiditätskredite if the projection is linear, as `SimpleBudgetProjection` is).
/// Results are rounded to the cent half away from zero; percentiles are nearest-rank
/// (P_p = the ⌈p·N⌉-th smallest value). Same seed → same numbers → byte-identical CSV.
public enum ScenarioMonteCarlo {
    public static let supportedKeys: Set<String> = [
        ParameterKey.gewstWachstum, ParameterKey.gewstElastizitaet, ParameterKey.gewstHebesatz,
        ParameterKey.grundstWachstum, ParameterKey.grundstHebesatz, ParameterKey.kitaWachstum,
    ]

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

    /// The precomputed, Double-valued mirror of the models: each model's fast path lives beside its exact
    /// formula (`GewerbesteuerModel.FastPath`, `GrundsteuerModel.FastPath`, `KitaModel.FastPath`); the fees do not
    /// draw and are the exact model's net effect.
    public struct Kernel: Sendable {
        var first: Int, n: Int                       // scenario years
        var gewst: GewerbesteuerModel.FastPath?, grund: GrundsteuerModel.FastPath?, kita: KitaModel.FastPath?
        var fees: [Double]
        /// Scratch size for the Gewerbesteuer's Steuerkraft changes (its years incl. the GFG's reference years).
        var m: Int { gewst?.m ?? 0 }

        /// Net effect per scenario year into `out` (count n). NaN in a drawn value means "not drawn".
        @inline(__always) func net(g: Double, eps epsDraw: Double, hs: Double, gg: Double, ghs: Double, kg: Double,
                                   sk: UnsafeMutablePointer<Double>, out: UnsafeMutablePointer<Double>) {
            for i in 0..<n { out[i] = fees[i] }
            gewst?.add(g: g, eps: epsDraw, hs: hs, sk: sk, out: out)
            grund?.add(gg: gg, ghs: ghs, out: out)
            kita?.add(kg: kg, out: out)
        }
    }

    /// Builds the kernel from the exact parameters of the engine.
    public static func kernel(_ engine: ScenarioEngine) throws -> Kernel {
        let s = engine.scenario, city = engine.city
        let first = s.years.lowerBound, n = s.years.count
        var fees = [Double](repeating: 0, count: n)
        if s.models.contains(.fees) && !city.fees.isEmpty {
            let r = try FeeModel.run(city: city, baseline: engine.baseline, scenario: engine.parameters, years: s.years)
            for e in r.effects { fees[e.year - first] = e.net.decimalEuros.scenarioDouble }
        }
        return Kernel(first: first, n: n,
                      gewst: s.models.contains(.gewerbesteuer) ? try GewerbesteuerModel.FastPath(engine) : nil,
                      grund: s.models.contains(.grundsteuer) ? try GrundsteuerModel.FastPath(engine) : nil,
                      kita: s.models.contains(.kita) ? try KitaModel.FastPath(engine) : nil,
                      fees: fees)
    }

    /// The kernel's net effect per scenario year at the central parameter values (no draws):
    /// equals the exact model up to rounding; the tests hold it to that.
    public static func centralNet(_ engine: ScenarioEngine) throws -> [Double] {
        let k = try kernel(engine)
        var sk = [Double](repeating: 0, count: max(k.m, 1)), out = [Double](repeating: 0, count: k.n)
        sk.withUnsafeMutableBufferPointer { skp in
            out.withUnsafeMutableBufferPointer { op in
                k.net(g: .nan, eps: .nan, hs: .nan, gg: .nan, ghs: .nan, kg: .nan, sk: skp.baseAddress!, out: op.baseAddress!)
            }
        }
        return out
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
        let ix = (g: colIndex[ParameterKey.gewstWachstum], e: colIndex[ParameterKey.gewstElastizitaet], h: colIndex[ParameterKey.gewstHebesatz],
                  gg: colIndex[ParameterKey.grundstWachstum], gh: colIndex[ParameterKey.grundstHebesatz], kg: colIndex[ParameterKey.kitaWachstum])
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
            for draw in 0..<nDraws {
                for j in 0..<dists.count { dr[j] = sample(dists[j], &rng) }
                @inline(__always) func v(_ i: Int?) -> Double { i.map { dr[$0] } ?? .nan }
                k.net(g: v(ix.g), eps: v(ix.e), hs: v(ix.h), gg: v(ix.gg), ghs: v(ix.gh), kg: v(ix.kg), sk: skp.baseAddress!, out: netp.baseAddress!)
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
        }}}}}}
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
