import Foundation

extension KitaModel {
    /// The fee rules and the annual revenue of one parameter set, per year, each computed once.
    ///
    /// One evaluation asks for the rules of a year up to six times (`detail` of the year itself and, as the Kita
    /// year before, of the next one; for the baseline and the scenario), and every rule set computes each fee of
    /// the table with `Decimal` arithmetic; the sensitivity (tornado) evaluates every scenario many times. The memo
    /// returns the same values as `rules` and `annualRevenue` computed afresh: it only keeps them.
    final class RulesMemo {
        let city: CityData
        let parameters: ParameterSet
        let levers: Scenario.KitaLevers?
        private var rulesByYear: [Int: Rules] = [:]
        private var revenueByYear: [Int: Money] = [:]

        init(city: CityData, parameters: ParameterSet, levers: Scenario.KitaLevers?) {
            self.city = city; self.parameters = parameters; self.levers = levers
        }

        func rules(_ year: Int) throws -> Rules {
            if let r = rulesByYear[year] { return r }
            let r = try KitaModel.rules(city: city, parameters: parameters, levers: levers, year: year)
            rulesByYear[year] = r
            return r
        }

        /// `annualRevenue` of the data year's enrollment under the rules of `year`.
        func annualRevenue(_ year: Int) throws -> Money {
            if let m = revenueByYear[year] { return m }
            guard let kita = city.kita else { return .zero }
            let m = KitaModel.annualRevenue(kita.enrollment, rules: try rules(year))
            revenueByYear[year] = m
            return m
        }
    }
}
