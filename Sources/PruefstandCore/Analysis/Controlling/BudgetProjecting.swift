/// Something that projects the city's annual results (Jahresergebnisse) and can take extra budget
/// effects (review decisions, relief scenarios, measures) into account.
///
/// The scenario helper declares the same protocol in its own folder; the integrator keeps one of the
/// two declarations (they are identical).
public protocol BudgetProjecting {
    func annualResults(with effects: [BudgetEffect]) throws -> [Int: Money]
}
