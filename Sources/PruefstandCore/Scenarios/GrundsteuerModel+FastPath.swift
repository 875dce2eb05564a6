import Foundation

extension GrundsteuerModel {
    /// The Monte Carlo fast path of this model (beside the exact formula): base growth × rates on `Double`s,
    /// residential (or all) and non-residential bases; a drawn Hebesatz moves the residential rate, and the
    /// non-residential one too when the baseline has one rate. Held to the exact model by `MonteCarloPropertyTests`.
    struct FastPath: ScenarioFastPath {
        /// Drawn values, in this order: base growth, Hebesatz (residential, or all property).
        static let keys = [GrundsteuerBKey.basiswachstum, .hebesatz].map(\.key)
        var drawnKeys: [String] { Self.keys }
        var scratchCount: Int { 0 }
        var first: Int, n: Int, dataYear: Int
        var m0: Double, mN: Double, preB: Double, preS: Double
        var rateB: [Double], rateS: [Double], hB: [Double], hS: [Double], hNB: [Double], hNS: [Double]
        var uniform: Bool, hebesatzOverrideFrom: Int?, growthOverridden: Bool

        init(_ engine: ScenarioEngine) throws {
            let s = engine.scenario, b = engine.baseline, p = engine.parameters, city = engine.city
            func d(_ x: Decimal) -> Double { x.scenarioDouble }
            first = s.years.lowerBound; n = s.years.count; dataYear = city.grundsteuerB.year
            m0 = d(city.grundsteuerB.messbetrag.decimalEuros)
            mN = d((city.grundsteuerB.messbetragNichtwohnen ?? .zero).decimalEuros)
            preB = d(try GewerbesteuerModel.growthFactor(b, key: GrundsteuerBKey.basiswachstum, from: dataYear, to: first))
            preS = d(try GewerbesteuerModel.growthFactor(p, key: GrundsteuerBKey.basiswachstum, from: dataYear, to: first))
            (rateB, rateS, hB, hS, hNB, hNS) = ([], [], [], [], [], [])
            for y in s.years {
                rateB.append(d(try b.value(GrundsteuerBKey.basiswachstum, y))); rateS.append(d(try p.value(GrundsteuerBKey.basiswachstum, y)))
                hB.append(d(try b.value(GrundsteuerBKey.hebesatz, y))); hS.append(d(try p.value(GrundsteuerBKey.hebesatz, y)))
                hNB.append(d(try nonResidentialRate(b, y, uniform: try b.value(GrundsteuerBKey.hebesatz, y))))
                hNS.append(d(try nonResidentialRate(p, y, uniform: try p.value(GrundsteuerBKey.hebesatz, y))))
            }
            uniform = p[GrundsteuerBKey.hebesatzNichtwohnen] == nil
            hebesatzOverrideFrom = s.overrides[GrundsteuerBKey.hebesatz]?.map(\.validFrom).min()
            growthOverridden = s.overrides[GrundsteuerBKey.basiswachstum] != nil
        }

        func add(drawn: UnsafePointer<Double>, scratch: UnsafeMutablePointer<Double>, out: UnsafeMutablePointer<Double>) {
            add(gg: drawn[0], ghs: drawn[1], out: out)
        }

        /// Adds the net effect per scenario year to `out`; NaN in a drawn value means "not drawn".
        @inline(__always) func add(gg: Double, ghs: Double, out: UnsafeMutablePointer<Double>) {
            var fBc = preB, fS = preS
            if !gg.isNaN { fS = Foundation.pow(1 + gg, Double(first - dataYear)); if growthOverridden { fS = preS } }
            for i in 0..<n {
                if i > 0 {
                    fBc *= 1 + rateB[i]
                    fS *= 1 + (gg.isNaN ? rateS[i] : gg)
                }
                let h = (!ghs.isNaN && (hebesatzOverrideFrom.map { first + i >= $0 } ?? true)) ? ghs : hS[i]
                let hn = uniform ? h : hNS[i]
                out[i] += (m0 * (fS * h - fBc * hB[i]) + mN * (fS * hn - fBc * hNB[i])) / 100
            }
        }
    }
}
