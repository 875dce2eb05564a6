import GRDB

/// The SQL of the plan import (`budgetLine`).
enum BudgetLineSQL {
    static let insert = """
        INSERT INTO budgetLine (importId, sourceLine, fiscalYear, kind, product, account, amountCents,
                                scheme, side, productLevel, productArea, productGroup, functionCode, description)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """
    static let duplicates = """
        SELECT fiscalYear || '/' || kind || '/' || product || '/' || account AS k, count(*) AS n, group_concat(sourceLine) AS lines
        FROM budgetLine WHERE importId = ? GROUP BY fiscalYear, kind, product, account HAVING count(*) > 1
        """
    static let storedCents = "SELECT coalesce(sum(amountCents), 0) FROM budgetLine WHERE importId = ?"
    /// Plan totals of one year by side (the side the scheme or a side column gave at import).
    static let planBySide = "SELECT coalesce(sum(amountCents), 0) FROM budgetLine WHERE kind = 'plan' AND fiscalYear = ? AND side = ?"
}
