import Foundation

/// Drill-down (issue 16): the postings behind the largest variance lines, on a sheet of their own, and the
/// links from each of those lines in the plan/actual table to its first posting.
///
/// For dimensions whose keys are posting columns (product, account, cost centre); other dimensions (product
/// area or group, account group, org unit) have no drill-down. Per line the `perLine` largest postings by
/// amount are listed; the line's header row says how many there are and their total.
public enum VariancePostings {
    static let postingColumn = ["product": "product", "account": "account", "cost_center": "costCenter"]

    /// The postings table and the variance table's links, or nil when the dimension has no posting columns.
    public static func build(store: Store, report v: VarianceReport, top: Int = 10, perLine: Int = 100,
                             lang: Language) throws -> (table: ReportTable, links: [ReportTable.RowLink])? {
        let keyColumns = v.dimension.keyColumns
        let columns = keyColumns.compactMap { postingColumn[$0] }
        guard columns.count == keyColumns.count, !v.rows.isEmpty else { return nil }
        let largest = v.largest(top)
        let postings = try store.postings(year: v.year, throughMonth: v.throughMonth, columns: columns, lines: largest.map(\.keys))
        var byLine: [[String]: [Store.LinePosting]] = [:]
        for p in postings { byLine[p.keys, default: []].append(p) }
        let de = lang == .de
        var t = ReportTable(table: "variance_postings", lang: lang, values: [
            "per_line": String(perLine), "year": String(v.year), "through_month": v.throughMonth == 12 ? nil : String(v.throughMonth),
        ])
        t.columns.insert(.init("row", de: v.dimension.keyTitle(.de), en: v.dimension.keyTitle(.en), kind: .text), at: 0)
        var firstRow: [[String]: Int] = [:]
        for line in largest {
            let list = (byLine[line.keys] ?? []).sorted { ($0.cents.magnitude, $1.date) > ($1.cents.magnitude, $0.date) }
            firstRow[line.keys] = t.rows.count
            let total = list.reduce(Int64(0)) { $0 + $1.cents }
            t.rows.append([.text(line.keys.joined(separator: " / ")), .empty,
                           .text(de ? "\(list.count) Buchungen, Summe (Ist)" : "\(list.count) postings, total (actual)"),
                           .empty, .empty, .empty, .empty, .empty, .money(Money(cents: total))])
            for p in list.prefix(perLine) {
                t.rows.append([.text(line.keys.joined(separator: " / ")), CivilDate(iso: p.date).map { .date($0) } ?? .text(p.date),
                               .text(p.document), .text(p.product), .text(p.account), .text(p.costCenter), .text(p.vendor),
                               .text(p.description), .money(Money(cents: p.cents))])
            }
        }
        let links = v.rows.enumerated().compactMap { i, row in
            firstRow[row.keys].map { ReportTable.RowLink(row: i, column: keyColumns[0], table: t.key, targetRow: $0) }
        }
        return (t, links)
    }
}
