import Foundation

/// Protects persons in staffing tables for the council: a row (group) with fewer than `k` persons is
/// not shown on its own.
///
/// - `.aggregate`: all small groups are summed into one row "Übrige Gruppen (je < k Personen)"; if that
///   row itself has fewer than k persons (but more than none), its figures are suppressed as well.
/// - `.suppress`: the small groups' figures are blanked (labels stay, the person count shows "< k").
///
/// Money, integer, decimal and FTE columns are summed (formula cells by their cached value, the sum is a
/// plain number); percent columns of an aggregated row stay empty. Totals of the table then cover the
/// shown figures only. A note on the sheet says what was done.
public enum SmallGroupProtection {
    public enum Mode: String, Sendable { case aggregate, suppress }

    /// - Parameters:
    ///   - countColumn: the key of the integer column that holds the number of persons in each row.
    ///   - k: the smallest group size that may be shown (default 3).
    public static func apply(to table: ReportTable, countColumn: String, k: Int = 3, mode: Mode = .aggregate,
                             lang: Language = .de) throws -> ReportTable {
        guard let countIndex = table.columns.firstIndex(where: { $0.key == countColumn }) else {
            throw PruefstandError.other("table \(table.key): no person count column \(countColumn)")
        }
        func persons(_ row: [ReportTable.Cell]) -> Int64 {
            guard countIndex < row.count else { return 0 }
            if let v = ReportTableRenderer.number(row[countIndex]) { return Int64(v.rounded()) }
            return 0
        }
        let small = table.rows.indices.filter { let n = persons(table.rows[$0]); return n > 0 && n < Int64(k) }
        guard !small.isEmpty else { return table }
        var out = table
        let de = lang == .de
        let numericKinds: Set<ReportTable.Kind> = [.money, .integer, .decimal, .fte]
        func blank(_ row: [ReportTable.Cell]) -> [ReportTable.Cell] {
            row.enumerated().map { i, cell in
                if i == countIndex { return .text("< \(k)") }
                return table.columns[i].kind == .text || table.columns[i].kind == .date ? cell : .empty
            }
        }
        switch mode {
        case .suppress:
            for i in small { out.rows[i] = blank(table.rows[i]) }
            out.notes.append(de
                ? "Datenschutz: Die Werte von \(small.count) Gruppe(n) mit weniger als \(k) Personen werden nicht ausgewiesen."
                : "Privacy: figures of \(small.count) group(s) with fewer than \(k) persons are not shown.")
        case .aggregate:
            var sums = [Decimal](repeating: 0, count: table.columns.count)
            var cents = [Int64](repeating: 0, count: table.columns.count)
            for i in small {
                for (c, cell) in table.rows[i].enumerated() where c < table.columns.count {
                    var value = cell
                    if case .formula(_, let cached) = cell { value = cached }
                    switch value {
                    case .money(let m): cents[c] += m.cents
                    case .integer(let n): sums[c] += Decimal(n)
                    case .decimal(let d): sums[c] += d
                    default: break
                    }
                }
            }
            let total = small.reduce(Int64(0)) { $0 + persons(table.rows[$1]) }
            var row: [ReportTable.Cell] = table.columns.enumerated().map { c, column in
                guard numericKinds.contains(column.kind) else { return .empty }
                switch column.kind {
                case .money: return .money(Money(cents: cents[c]))
                case .integer: return .integer(NSDecimalNumber(decimal: sums[c]).int64Value)
                default: return .decimal(sums[c])
                }
            }
            if let label = table.columns.firstIndex(where: { $0.kind == .text }) {
                row[label] = .text(de ? "Übrige Gruppen (je < \(k) Personen)" : "Other groups (each < \(k) persons)")
            }
            row[countIndex] = .integer(total)
            if total < Int64(k) { row = blank(row) }
            let keep = table.rows.indices.filter { !small.contains($0) }.map { table.rows[$0] }
            out.rows = keep + [row]
            out.notes.append(de
                ? "Datenschutz: \(small.count) Gruppe(n) mit weniger als \(k) Personen sind in der Zeile „Übrige Gruppen“ zusammengefasst\(total < Int64(k) ? " (deren Werte ebenfalls nicht ausgewiesen werden)" : "")."
                : "Privacy: \(small.count) group(s) with fewer than \(k) persons are combined in the row \"Other groups\"\(total < Int64(k) ? " (whose figures are not shown either)" : "").")
        }
        return out
    }
}
