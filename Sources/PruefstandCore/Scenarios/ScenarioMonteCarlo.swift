import Foundation

/// Seeded Monte Carlo over the scenario's distributions: P10/P50/P90 of the annual result and of
/// the balance year.
///
/// Each draw samples every distribution once (the value holds for all years of the draw). A drawn
/// assumption (growth, elasticity) moves the scenario path against the *central* baseline, so the
/// result includes the baseline's own uncertainty (the projection's baseline assumes the central
/// values); a drawn lever (a Hebesatz the scenario overrides) moves only the scenario. The
/// models are evaluated by a kernel on plain `Double`s that mirrors the exact formulas (growth,
/// base response, Umlage, GFG with delay, Grundsteuer, Kita revenue and compensation, fees); the
/// inner loop allocates nothing. The projection is linearised once: the result without effects
/// plus a response matrix from 1,000,000 EUR impulses per year (this captures interest on
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

    /// The precomputed, Double-valued mirror of the models.
    public struct Kernel: Sendable {
        var first: Int, n: Int                       // scenario years
        var l0: Int, m: Int, dataYear: Int          // Gewerbesteuer years incl. the GFG's two reference years
        var gewst: Bool, m0: Double
        var preB: Double, preS: Double
        var gB: [Double], gS: [Double], hB: [Double], hS: [Double], v: [Double], f: [Double], q: [Double], a: [Double], eps: [Double]
        var grund: Bool, gm0: Double, gPreB: [Double], gPreS: [Double], gRateB: [Double], gRateS: [Double], ghB: [Double], ghS: [Double], gDataYear: Int
        /// Non-residential base and rates (differentiated Hebesätze); `gUniform`: one rate, a drawn Hebesatz moves both.
        var gmN: Double = 0, ghNB: [Double] = [], ghNS: [Double] = [], gUniform = true
        var kita: Bool, kDataYear: Int, kRevB0: [Double], kRevS0: [Double], kCompB0: [Double], kCompS0: [Double], kRateB: [Double], kRateS: [Double]
        var fees: [Double]
        var hebesatzOverrideFrom: Int?, grundHebesatzOverrideFrom: Int?
        var growthOverridden: Bool, grundGrowthOverridden: Bool, kitaGrowthOverridden: Bool

        /// Net effect per scenario year into `out` (count n). NaN in a drawn value means "not drawn".
        @inline(__always) func net(g: Double, eps epsDraw: Double, hs: Double, gg: Double, ghs: Double, kg: Double,
                                   sk: UnsafeMutablePointer<Double>, out: UnsafeMutablePointer<Double>) {
            for i in 0..<n { out[i] = fees[i] }
            if gewst {
                // Central baseline path (fBc) to measure how a drawn assumption moves the baseline
                // itself: the projection's baseline assumes the central values.
                var fBc = preB
                var fS = g.isNaN ? preS : Foundation.pow(1 + g, Double(l0 - dataYear))
                if growthOverridden && !g.isNaN { fS = preS }
                for k in 0..<m {
                    let year = l0 + k
                    if k > 0 {
                        fBc *= 1 + gB[k]
                        fS *= 1 + (g.isNaN ? gS[k] : g)
                    }
                    let hb = hB[k]
                    let hsk = (!hs.isNaN && (hebesatzOverrideFrom.map { year >= $0 } ?? true)) ? hs : hS[k]
                    let e = epsDraw.isNaN ? eps[k] : epsDraw
                    // A drawn rate the scenario does not override is an assumption for baseline and scenario
                    // alike: no base response to it.
                    let hRef = (!hs.isNaN && hebesatzOverrideFrom == nil) ? hsk : hb
                    let mbc = m0 * fBc, ms = m0 * fS * (1 + e * (hsk - hRef) / hRef)
                    let dm = ms - mbc   // scenario with drawn values against the central baseline
                    sk[k] = dm * (f[k] - v[k]) / 100
                    let i = year - first
                    if i >= 0 {
                        var x = ms * hsk / 100 - mbc * hb / 100 - dm * v[k] / 100
                        // GFG: the reference period lies a[k] in the year before, the rest two years before.
                        if k >= 1 { x -= q[k] * a[k] * sk[k - 1] }
                        if k >= 2 { x -= q[k] * (1 - a[k]) * sk[k - 2] }
                        out[i] += x
                    }
                }
            }
            if grund {
                var fBc = gPreB[0], fS = gPreS[0]
                if !gg.isNaN { fS = Foundation.pow(1 + gg, Double(first - gDataYear)); if grundGrowthOverridden { fS = gPreS[0] } }
                for i in 0..<n {
                    if i > 0 {
                        fBc *= 1 + gRateB[i]
                        fS *= 1 + (gg.isNaN ? gRateS[i] : gg)
                    }
                    let h = (!ghs.isNaN && (grundHebesatzOverrideFrom.map { first + i >= $0 } ?? true)) ? ghs : ghS[i]
                    let hn = gUniform ? h : ghNS[i]
                    out[i] += (gm0 * (fS * h - fBc * ghB[i]) + gmN * (fS * hn - fBc * ghNB[i])) / 100
                }
            }
            if kita {
                var fBc = kRateB[0], fS = kRateS[0]
                if !kg.isNaN { fS = Foundation.pow(1 + kg, Double(first - kDataYear)) }
                for i in 0..<n {
                    if i > 0 {
                        fBc *= 1 + kRateB[i]
                        fS *= 1 + (kg.isNaN ? kRateS[i] : kg)
                    }
                    out[i] += (kRevS0[i] + kCompS0[i]) * fS - (kRevB0[i] + kCompB0[i]) * fBc
                }
            }
        }
    }

    /// Builds the kernel from the exact parameters of the engine.
    public static func kernel(_ engine: ScenarioEngine) throws -> Kernel {
        typealias K = ParameterKey
        let s = engine.scenario, b = engine.baseline, p = engine.parameters, city = engine.city
        let first = s.years.lowerBound, n = s.years.count
        func d(_ x: Decimal) -> Double { x.scenarioDouble }
        let gewst = s.models.contains(.gewerbesteuer)
        let dataYear = city.gewerbesteuer.year
        let l0 = max(dataYear, first - 2)
        let m = gewst ? s.years.upperBound - l0 + 1 : 0
        var gB: [Double] = [], gS: [Double] = [], hB: [Double] = [], hS: [Double] = [], v: [Double] = [], f: [Double] = [], q: [Double] = [], a: [Double] = [], eps: [Double] = []
        var preB = 1.0, preS = 1.0
        if gewst {
            preB = d(try GewerbesteuerModel.growthFactor(b, key: K.gewstWachstum, from: dataYear, to: l0))
            preS = d(try GewerbesteuerModel.growthFactor(p, key: K.gewstWachstum, from: dataYear, to: l0))
            for k in 0..<m {
                let y = l0 + k
                gB.append(d(try b.value(K.gewstWachstum, y))); gS.append(d(try p.value(K.gewstWachstum, y)))
                hB.append(d(try b.value(K.gewstHebesatz, y))); hS.append(d(try p.value(K.gewstHebesatz, y)))
                v.append(d(try p.value(K.gewstUmlage, y))); f.append(d(try p.value(K.gfgFiktivGewSt(kreisfrei: city.kreisfrei), y)))
                // A city without Schlüsselzuweisungen has no GFG effect (q = 0).
                q.append(city.receivesSchluesselzuweisungen ? d(try p.value(K.gfgAusgleichsquote, y)) : 0)
                a.append(d(try p.value(K.gfgAnteilVorjahr, y))); eps.append(d(try p.value(K.gewstElastizitaet, y)))
            }
        }
        let grund = s.models.contains(.grundsteuer)
        var gRateB: [Double] = [], gRateS: [Double] = [], ghB: [Double] = [], ghS: [Double] = [], ghNB: [Double] = [], ghNS: [Double] = []
        var gPreB = [1.0], gPreS = [1.0]
        if grund {
            let gy = city.grundsteuerB.year
            gPreB = [d(try GewerbesteuerModel.growthFactor(b, key: K.grundstWachstum, from: gy, to: first))]
            gPreS = [d(try GewerbesteuerModel.growthFactor(p, key: K.grundstWachstum, from: gy, to: first))]
            for y in s.years {
                gRateB.append(d(try b.value(K.grundstWachstum, y))); gRateS.append(d(try p.value(K.grundstWachstum, y)))
                ghB.append(d(try b.value(K.grundstHebesatz, y))); ghS.append(d(try p.value(K.grundstHebesatz, y)))
                ghNB.append(d(try GrundsteuerModel.nonResidentialRate(b, y, uniform: try b.value(K.grundstHebesatz, y))))
                ghNS.append(d(try GrundsteuerModel.nonResidentialRate(p, y, uniform: try p.value(K.grundstHebesatz, y))))
            }
        }
        let kitaOn = s.models.contains(.kita) && city.kita != nil
        var kRevB0: [Double] = [], kRevS0: [Double] = [], kCompB0: [Double] = [], kCompS0: [Double] = [], kRateB: [Double] = [], kRateS: [Double] = []
        if let kita = city.kita, kitaOn {
            let ky = kita.enrollment.year
            for (i, y) in s.years.enumerated() {
                kRevB0.append(d(try KitaModel.calendarYearRevenue(city: city, parameters: b, levers: nil, year: y).decimalEuros))
                kRevS0.append(d(try KitaModel.calendarYearRevenue(city: city, parameters: p, levers: s.kitaLevers, year: y).decimalEuros))
                kCompB0.append(d(kita.enrollment.kindpauschalenUe3.decimalEuros * (try b.value(K.kitaLandesausgleich, y)) / 100))
                kCompS0.append(d(kita.enrollment.kindpauschalenUe3.decimalEuros * (try p.value(K.kitaLandesausgleich, y)) / 100))
                if i == 0 {
                    kRateB.append(d(try GewerbesteuerModel.growthFactor(b, key: K.kitaWachstum, from: ky, to: y)))
                    kRateS.append(d(try GewerbesteuerModel.growthFactor(p, key: K.kitaWachstum, from: ky, to: y)))
                } else {
                    kRateB.append(d(try b.value(K.kitaWachstum, y))); kRateS.append(d(try p.value(K.kitaWachstum, y)))
                }
            }
        }
        var fees = [Double](repeating: 0, count: n)
        if s.models.contains(.fees) && !city.fees.isEmpty {
            let r = try FeeModel.run(city: city, baseline: b, scenario: p, years: s.years)
            for e in r.effects { fees[e.year - first] = d(e.net.decimalEuros) }
        }
        return Kernel(first: first, n: n, l0: l0, m: m, dataYear: dataYear, gewst: gewst, m0: d(city.gewerbesteuer.total.decimalEuros),
                      preB: preB, preS: preS, gB: gB, gS: gS, hB: hB, hS: hS, v: v, f: f, q: q, a: a, eps: eps,
                      grund: grund, gm0: d(city.grundsteuerB.messbetrag.decimalEuros), gPreB: gPreB, gPreS: gPreS, gRateB: gRateB, gRateS: gRateS,
                      ghB: ghB, ghS: ghS, gDataYear: city.grundsteuerB.year,
                      gmN: d((city.grundsteuerB.messbetragNichtwohnen ?? .zero).decimalEuros), ghNB: ghNB, ghNS: ghNS, gUniform: p[K.grundstHebesatzNichtwohnen] == nil,
                      kita: kitaOn, kDataYear: city.kita?.enrollment.year ?? first, kRevB0: kRevB0, kRevS0: kRevS0, kCompB0: kCompB0, kCompS0: kCompS0,
                      kRateB: kRateB, kRateS: kRateS, fees: fees,
                      hebesatzOverrideFrom: s.overrides[K.gewstHebesatz]?.map(\.validFrom).min(),
                      grundHebesatzOverrideFrom: s.overrides[K.grundstHebesatz]?.map(\.validFrom).min(),
                      growthOverridden: s.overrides[K.gewstWachstum] != nil, grundGrowthOverridden: s.overrides[K.grundstWachstum] != nil,
                      kitaGrowthOverridden: s.overrides[K.kitaWachstum] != nil)
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
