import GRDB

/// Placeholder lists for statements whose number of values is known only at run time.
enum SQLPlaceholders {
    /// `(c1, c2) IN (VALUES (?, ?), (?, ?), …)` for `rows`, each as wide as `columns`, and its arguments
    /// in row order: one statement instead of one per row, the row keys bound, never spliced into the text.
    static func tupleIn(_ columns: [String], rows: [[String]]) -> (sql: String, arguments: StatementArguments) {
        let one = "(" + Array(repeating: "?", count: columns.count).joined(separator: ", ") + ")"
        let sql = "(" + columns.joined(separator: ", ") + ") IN (VALUES " + Array(repeating: one, count: rows.count).joined(separator: ", ") + ")"
        return (sql, StatementArguments(rows.flatMap { $0 }))
    }

    /// `column IN (?,?,…)` for `values`, and its arguments.
    static func listIn(_ column: String, _ values: [String]) -> (sql: String, arguments: StatementArguments) {
        ("\(column) IN (" + Array(repeating: "?", count: values.count).joined(separator: ",") + ")", StatementArguments(values))
    }
}
