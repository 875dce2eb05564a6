import Foundation

extension CityData {
    /// The same city with each listed model's base scaled by a factor: the calibration of a model's base-year
    /// revenue to the plan accounts in the store (`BaselineCalibration`).
    ///
    /// Gewerbesteuer: every class's Messbetrag × factor (the distribution over legal forms and size classes
    /// stays); Grundsteuer B: the Messbetrag (both bases when they are separate) × factor; Kita: the fee revenue
    /// × factor (`KitaData.revenueFactor`; the children of the enrollment stay whole); fees: every quantity ×
    /// factor. Typical cases are single payers and do not change. Amounts are rounded to the cent, so the
    /// calibrated revenue meets the plan up to a cent per class.
    public func scaled(_ factors: [ScenarioModelKind: Decimal]) -> CityData {
        var c = self
        if let k = factors[.gewerbesteuer] {
            c.gewerbesteuer.classes = c.gewerbesteuer.classes.map { var x = $0; x.messbetrag = x.messbetrag.multiplied(by: k); return x }
        }
        if let k = factors[.grundsteuer] {
            c.grundsteuerB.messbetrag = c.grundsteuerB.messbetrag.multiplied(by: k)
            c.grundsteuerB.messbetragNichtwohnen = c.grundsteuerB.messbetragNichtwohnen?.multiplied(by: k)
        }
        if let k = factors[.kita], c.kita != nil { c.kita!.revenueFactor *= k }
        if let k = factors[.fees] {
            c.fees = c.fees.map { s in var s = s; s.items = s.items.map { var i = $0; i.quantity *= k; return i }; return s }
        }
        for (m, k) in factors { c.calibration[m] = k }
        return c
    }
}
