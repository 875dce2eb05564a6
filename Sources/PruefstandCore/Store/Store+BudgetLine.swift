import GRDB

extension Schema {
    /// Code schemes (issue 14): a budget line keeps its code as written with the scheme that read it,
    /// its place in the scheme's hierarchy and its side. Rows imported before keep NKF NRW, the only
    /// scheme there was, with the side of their account class (4 revenue, 5 expense).
    static func v3CodeSchemes(_ db: Database) throws {
        try db.execute(sql: """
        ALTER TABLE budgetLine ADD COLUMN scheme TEXT NOT NULL DEFAULT 'nkf-nrw';
        ALTER TABLE budgetLine ADD COLUMN side TEXT CHECK (side IN ('revenue', 'expense'));
        ALTER TABLE budgetLine ADD COLUMN productLevel TEXT;
        ALTER TABLE budgetLine ADD COLUMN productArea TEXT;
        ALTER TABLE budgetLine ADD COLUMN productGroup TEXT;
        ALTER TABLE budgetLine ADD COLUMN functionCode TEXT;
        ALTER TABLE budgetLine ADD COLUMN description TEXT;
        UPDATE budgetLine SET side = CASE substr(account, 1, 1) WHEN '4' THEN 'revenue' WHEN '5' THEN 'expense' END,
            productLevel = CASE WHEN length(product) - length(replace(product, '.', '')) >= 2 THEN 'produkt' ELSE 'produktgruppe' END,
            productArea = substr(product, 1, 2),
            productGroup = CASE WHEN instr(substr(product, 4), '.') > 0 THEN substr(product, 1, 2 + instr(substr(product, 4), '.')) ELSE product END;
        CREATE VIEW v_plan_codes AS
        SELECT b.id AS budget_line_id, b.importId AS import_id, b.fiscalYear AS fiscal_year, b.kind, b.scheme,
               b.product, b.productLevel AS product_level, b.productArea AS product_area, b.productGroup AS product_group,
               b.account, b.side, b.functionCode AS function_code, b.description,
               b.amountCents AS amount_cents, b.amountCents / 100.0 AS amount_eur
        FROM budgetLine b;
        """)
    }
}

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
