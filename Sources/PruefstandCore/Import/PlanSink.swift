import GRDB

/// Stores plan lines (`budgetLine`): each with its code as written, the scheme that read it, the code's
/// place in the scheme's hierarchy (asked once per distinct product) and its side (the side column's,
/// else the scheme's for the account).
final class PlanSink: Sink {
    let stmt: RawStatement
    let scheme: any CodeScheme
    private var places: [String: CodePlace] = [:]
    private let fy: Int, k: Int, p: Int, a: Int, amt: Int, side: Int, function: Int, description: Int

    init(db: Database, importId: Int64, kind: ImportKind, scheme: any CodeScheme) throws {
        stmt = try RawStatement(db, sql: BudgetLineSQL.insert)
        self.scheme = scheme
        let f = kind.fields
        func i(_ name: String) -> Int { f.firstIndex { $0.name == name }! }
        (fy, k, p, a, amt) = (i("fiscal_year"), i("kind"), i("product"), i("account"), i("plan_amount"))
        (side, function, description) = (i("side"), i("function"), i("description"))
        try super.init(db: db, importId: importId, kind: kind)
        if !scheme.unsupportedAnalyses.isEmpty {
            warnings.append(Phrase(de: "Schema \(scheme.name): diese Auswertungen können die importierten Zeilen nicht nutzen: " + scheme.unsupportedAnalyses.map(\.de).joined(separator: "; "),
                                          en: "scheme \(scheme.name): these analyses cannot use the imported lines: " + scheme.unsupportedAnalyses.map(\.en).joined(separator: "; ")))
        }
    }

    override func insert(_ rows: ArraySlice<ParsedRow>, record: CSVRecord, raw: () -> String) throws -> RowProblem? {
        for row in rows {
            let product = row.string(p) ?? ""
            let place: CodePlace
            if let known = places[product] { place = known } else { place = scheme.place(product: product); places[product] = place }
            let lineSide: BudgetSide? = row.present[side]
                ? (row.string(side) == BudgetSide.revenue.rawValue ? .revenue : .expense)
                : (row.present[a] ? row.withText(a) { scheme.side(account: $0) } : nil)
            stmt.bind(1, importId); stmt.bind(2, record.line); stmt.bind(3, row.num[fy])
            stmt.bind(4, row.string(k) ?? "plan"); stmt.bind(5, product); stmt.bind(6, row.string(a) ?? ""); stmt.bind(7, row.num[amt])
            stmt.bind(8, scheme.name)
            bindText(9, lineSide?.rawValue); bindText(10, place.level); bindText(11, place.area); bindText(12, place.group)
            bindText(13, row.string(function)); bindText(14, row.string(description))
            try stmt.step()
        }
        return nil
    }
    private func bindText(_ i: Int32, _ s: String?) {
        if let s { stmt.bind(i, s) } else { stmt.bindNull(i) }
    }
    override func duplicates(db: Database) throws -> [DuplicateKey] {
        try Row.fetchAll(db, sql: BudgetLineSQL.duplicates, arguments: [importId]).map {
            DuplicateKey(field: "year/kind/product/account", value: $0["k"], count: $0["n"], lines: ($0["lines"] as String).split(separator: ",").compactMap { Int($0) })
        }
    }
    override func storedCents(db: Database) throws -> Int64? {
        try Int64.fetchOne(db, sql: BudgetLineSQL.storedCents, arguments: [importId])
    }
}
