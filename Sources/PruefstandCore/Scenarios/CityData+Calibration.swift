import Foundation

extension CityData {
    /// The same city with each listed model's base scaled by a factor: the calibration of a model's base-year
    /// revenue to the plan accounts in the store (`BaselineCalibration`).
    ///
    /// Each model scales its own base (`ScenarioModel.scaled`: the Gewerbesteuer's classes, the Grundsteuer's
    /// Messbetrag, the Kita fee revenue, the fee quantities). Typical cases are single payers and do not change.
    /// Amounts are rounded to the cent, so the calibrated revenue meets the plan up to a cent per class.
    public func scaled(_ factors: [ScenarioModelKind: Decimal]) -> CityData {
        var c = self
        for model in ScenarioModelRegistry.all { if let k = factors[model.kind] { c = model.scaled(c, by: k) } }
        for (m, k) in factors { c.calibration[m] = k }
        return c
    }
}
