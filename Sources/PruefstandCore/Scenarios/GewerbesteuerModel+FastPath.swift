import Foundation

extension GewerbesteuerModel {
    /// The Monte Carlo fast path of this model (issue 18: one formula per rule, beside the exact one): the same
    /// growth, base response, Umlage and GFG with its delay on plain `Double`s, precomputed once from the exact
    /// parameters, so that a draw costs a few multiplications per year. A drawn assumption moves the scenario
    /// against the *central* baseline. `MonteCarloPropertyTests` holds it to the exact model at random draws over
    /// the whole parameter ranges.
    struct FastPath: ScenarioFastPath {
        /// Drawn values, in this order: base growth, elasticity, Hebesatz.
        static let keys = [GewerbesteuerKey.basiswachstum, .elastizitaet, .hebesatz].map(\.key)
        var drawnKeys: [String] { Self.keys }
        var scratchCount: Int { m }
        var first: Int
        var l0: Int, m: Int, dataYear: Int          // years incl. the GFG's two reference years
        var m0: Double, preB: Double, preS: Double
        var gB: [Double], gS: [Double], hB: [Double], hS: [Double], v: [Double], f: [Double], q: [Double], a: [Double], eps: [Double]
        var hebesatzOverrideFrom: Int?, growthOverridden: Bool

        init(_ engine: ScenarioEngine) throws {
            let s = engine.scenario, b = engine.baseline, p = engine.parameters, city = engine.city
            func d(_ x: Decimal) -> Double { x.scenarioDouble }
            first = s.years.lowerBound
            dataYear = city.gewerbesteuer.year
            l0 = max(dataYear, first - 2)
            m = s.years.upperBound - l0 + 1
            m0 = d(city.gewerbesteuer.total.decimalEuros)
            preB = d(try growthFactor(b, key: GewerbesteuerKey.basiswachstum, from: dataYear, to: l0))
            preS = d(try growthFactor(p, key: GewerbesteuerKey.basiswachstum, from: dataYear, to: l0))
            (gB, gS, hB, hS, v, f, q, a, eps) = ([], [], [], [], [], [], [], [], [])
            for k in 0..<m {
                let y = l0 + k
                gB.append(d(try b.value(GewerbesteuerKey.basiswachstum, y))); gS.append(d(try p.value(GewerbesteuerKey.basiswachstum, y)))
                hB.append(d(try b.value(GewerbesteuerKey.hebesatz, y))); hS.append(d(try p.value(GewerbesteuerKey.hebesatz, y)))
                v.append(d(try p.value(GewerbesteuerKey.umlageVervielfaeltiger, y))); f.append(d(try p.value(GFGKey.fiktiverHebesatzGewerbesteuer(kreisfrei: city.kreisfrei), y)))
                // A city without Schlüsselzuweisungen has no GFG effect (q = 0).
                q.append(city.receivesSchluesselzuweisungen ? d(try p.value(GFGKey.ausgleichsquote, y)) : 0)
                a.append(d(try p.value(GFGKey.anteilVorjahr, y))); eps.append(d(try p.value(GewerbesteuerKey.elastizitaet, y)))
            }
            hebesatzOverrideFrom = s.overrides[GewerbesteuerKey.hebesatz]?.map(\.validFrom).min()
            growthOverridden = s.overrides[GewerbesteuerKey.basiswachstum] != nil
        }

        func add(drawn: UnsafePointer<Double>, scratch: UnsafeMutablePointer<Double>, out: UnsafeMutablePointer<Double>) {
            add(g: drawn[0], eps: drawn[1], hs: drawn[2], sk: scratch, out: out)
        }

        /// Adds the net effect per scenario year to `out`; NaN in a drawn value means "not drawn". `sk` (count m)
        /// is scratch space for the Steuerkraft changes.
        @inline(__always) func add(g: Double, eps epsDraw: Double, hs: Double, sk: UnsafeMutablePointer<Double>, out: UnsafeMutablePointer<Double>) {
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
    }
}
