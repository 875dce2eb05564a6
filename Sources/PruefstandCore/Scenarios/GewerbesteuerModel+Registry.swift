import Foundation

/// What the registry's iterations ask of the Gewerbesteuer beyond its formula: it counts in the Steuerkraft of the
/// GFG and pays the Gewerbesteuerumlage (`ScenarioTables.levels`, `levelNotes`), and its part of the city data for
/// `scenario diff`. Kept apart from `GewerbesteuerModel.swift`, which holds the statute.
extension GewerbesteuerModel {
    public static var countsInSteuerkraft: Bool { true }
    public static var paysUmlage: Bool { true }
    public static func cityInput(_ city: CityData) -> ScenarioCityInput? {
        let g = city.gewerbesteuer
        return ScenarioCityInput(field: "gewerbesteuer", content: g,
                                 summary: "Messbetrag \(g.total.plainString) EUR (\(g.year)), \(g.classes.count) classes")
    }
}
