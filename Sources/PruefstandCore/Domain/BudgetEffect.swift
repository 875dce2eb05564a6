/// A change to the city's budget in one year, from a scenario, a review decision or a
/// consolidation measure. The consolidation projection adds these up; the workbook lists them.
///
/// Signs: `revenueChange` > 0 is more revenue for the city; `expenseChange` > 0 is more expense.
/// A tax cut is a negative `revenueChange`; a position not re-filled is a negative `expenseChange`.
public struct BudgetEffect: Sendable, Hashable, Codable {
    /// Where it comes from, e.g. `scenario:gewst-480`, `review:decided`, `measure:HSK-12`.
    public var source: String
    public var description: String
    public var fiscalYear: Int
    public var revenueChange: Money
    public var expenseChange: Money

    public init(source: String, description: String, fiscalYear: Int, revenueChange: Money = .zero, expenseChange: Money = .zero) {
        self.source = source; self.description = description; self.fiscalYear = fiscalYear
        self.revenueChange = revenueChange; self.expenseChange = expenseChange
    }

    /// The effect on the annual result (Jahresergebnis): revenue change minus expense change.
    public var resultChange: Money { revenueChange - expenseChange }
}
