/// Something that projects the city's annual results (Jahresergebnisse) per year and can take extra
/// budget effects (review decisions, relief scenarios) into account. A year is balanced when its
/// result is ≥ 0.
///
/// The consolidation projection (`ProjectionModel`) is the real one; scenario solve, Monte Carlo and
/// sensitivity take any conforming type, so tests can use a hand-made projection.
public protocol BudgetProjecting {
    func annualResults(with effects: [BudgetEffect]) throws -> [Int: Money]
}
