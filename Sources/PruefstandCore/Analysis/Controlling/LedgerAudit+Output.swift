import Foundation

extension AuditReport {
    /// Tables for the workbook and the terminal: the findings, then each check's own tables in the
    /// registry's order (both Benford tests, spending review, voluntary services).
    /// - Parameter idLimit: how many posting and document ids a findings cell lists (`nil`: all).
    /// - Parameter testKeys: the test column holds the machine key (`duplicate-payment`, for CSV) instead of
    ///   the test's name in `lang`.
    public func reportTables(idLimit: Int? = 20, lang: Language = .de, testKeys: Bool = false) -> [ReportTable] {
        func ids<T>(_ list: [T]) -> String {
            guard let idLimit, list.count > idLimit else { return list.map { "\($0)" }.joined(separator: " ") }
            return list.prefix(idLimit).map { "\($0)" }.joined(separator: " ") + " … (\(list.count))"
        }
        let findingsTable = ReportTable(table: "audit_findings", lang: lang, values: [
            "year": String(year), "postings": String(postingCount), "findings": String(findings.count),
        ], rows: findings.map { f in
            [.text(testKeys ? f.kind.rawValue : f.kind.name(lang)), .text(f.text(lang)), .money(f.amount), .integer(Int64(f.postingIds.count)),
             .text(ids(f.postingIds)), .text(ids(f.documentIds))]
        })
        return [findingsTable] + registry.checks.flatMap { $0.tables(self, lang: lang) }
    }

    /// A JSON-ready dictionary with every finding and all its posting ids, and each check's own entries.
    public func jsonObject() -> [String: Any] {
        var object: [String: Any] = [
            "year": year, "posting_count": postingCount,
            "findings": findings.map { ["test": $0.kind.rawValue, "test_name": $0.kind.german, "finding": $0.text, "amount": $0.amount.plainString,
                                        "posting_ids": $0.postingIds, "document_ids": $0.documentIds] as [String: Any] },
        ]
        for c in registry.checks { object.merge(c.json(self)) { _, new in new } }
        return object
    }
}
