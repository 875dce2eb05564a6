import Foundation

extension KitaModel {
    /// The Monte Carlo fast path of this model (beside the exact formula): the exact calendar-year revenue and
    /// compensation of each year at the data year's enrollment, precomputed, times the enrollment growth on
    /// `Double`s. Held to the exact model by `MonteCarloPropertyTests`.
    struct FastPath: ScenarioFastPath {
        /// Drawn values: the enrollment growth.
        static let keys = [KitaKey.belegungWachstum.key]
        var drawnKeys: [String] { Self.keys }
        var scratchCount: Int { 0 }
        var first: Int, n: Int, dataYear: Int
        var revB0: [Double], revS0: [Double], compB0: [Double], compS0: [Double], rateB: [Double], rateS: [Double]

        init?(_ engine: ScenarioEngine) throws {
            let s = engine.scenario, b = engine.baseline, p = engine.parameters, city = engine.city
            guard let kita = city.kita else { return nil }
            func d(_ x: Decimal) -> Double { x.scenarioDouble }
            first = s.years.lowerBound; n = s.years.count; dataYear = kita.enrollment.year
            (revB0, revS0, compB0, compS0, rateB, rateS) = ([], [], [], [], [], [])
            for (i, y) in s.years.enumerated() {
                revB0.append(d(try calendarYearRevenue(city: city, parameters: b, levers: nil, year: y).decimalEuros))
                revS0.append(d(try calendarYearRevenue(city: city, parameters: p, levers: s.kitaLevers, year: y).decimalEuros))
                compB0.append(d(kita.enrollment.kindpauschalenUe3.decimalEuros * (try b.value(KitaKey.landesausgleichAnteilKindpauschalen, y)) / 100))
                compS0.append(d(kita.enrollment.kindpauschalenUe3.decimalEuros * (try p.value(KitaKey.landesausgleichAnteilKindpauschalen, y)) / 100))
                if i == 0 {
                    rateB.append(d(try GewerbesteuerModel.growthFactor(b, key: KitaKey.belegungWachstum, from: dataYear, to: y)))
                    rateS.append(d(try GewerbesteuerModel.growthFactor(p, key: KitaKey.belegungWachstum, from: dataYear, to: y)))
                } else {
                    rateB.append(d(try b.value(KitaKey.belegungWachstum, y))); rateS.append(d(try p.value(KitaKey.belegungWachstum, y)))
                }
            }
        }

        func add(drawn: UnsafePointer<Double>, scratch: UnsafeMutablePointer<Double>, out: UnsafeMutablePointer<Double>) {
            add(kg: drawn[0], out: out)
        }

        /// Adds the net effect per scenario year to `out`; NaN in the drawn growth means "not drawn".
        @inline(__always) func add(kg: Double, out: UnsafeMutablePointer<Double>) {
            var fBc = rateB[0], fS = rateS[0]
            if !kg.isNaN { fS = Foundation.pow(1 + kg, Double(first - dataYear)) }
            for i in 0..<n {
                if i > 0 {
                    fBc *= 1 + rateB[i]
                    fS *= 1 + (kg.isNaN ? rateS[i] : kg)
                }
                out[i] += (revS0[i] + compS0[i]) * fS - (revB0[i] + compB0[i]) * fBc
            }
        }
    }
}
