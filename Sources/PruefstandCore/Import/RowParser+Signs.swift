import Foundation

/// Signs: the mapping's sign rules and the side of a record (its side column, else its scheme's account side).
extension RowParser {
    /// Whether the mapping changes signs (then a stored amount and the file's differ).
    var changesSigns: Bool { mapping.invertSign || mapping.revenueNegative || mapping.expenseNegative }

    /// A record's amount as the file writes it: the sign rules undone (each is a negation that depends only
    /// on the mapping and the record's account, so applying them again undoes them).
    @inline(__always) func fileCents(of row: ParsedRow) -> Int64 { changesSigns ? signed(row.cents, row: row) : row.cents }

    func signed(_ v: Int64, row: ParsedRow) -> Int64 {
        var v = v
        if mapping.invertSign { v = -v }
        if mapping.revenueNegative || mapping.expenseNegative, let side = side(of: row) {
            if mapping.revenueNegative && side == .revenue { v = -v }
            if mapping.expenseNegative && side == .expense { v = -v }
        }
        return v
    }

    /// The side of a record: its side column when the mapping gives one, else what the scheme says of its
    /// account (NKF NRW: class 4 revenue, 5 expense), else nil.
    @inline(__always) func side(of row: ParsedRow) -> BudgetSide? {
        if let s = sideIndex, row.present[s] {
            return row.text[row.bounds[2 * s]] == UInt8(ascii: "r") ? .revenue : .expense
        }
        if let a = accountIndex, row.present[a] { return row.withText(a) { scheme.side(account: $0) } }
        return nil
    }
}
