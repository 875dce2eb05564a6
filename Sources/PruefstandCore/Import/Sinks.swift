import CPruefstandShims
import Foundation
import GRDB

/// A rejected row found only after all rows were read (an unknown supervisor, say).
struct LateReject {
    var row: RejectedRow
    var cents: Int64
    /// Records of the row taken out of the store (a group row of a staffing list is several posts).
    var records = 1
}

/// Writes validated rows of one kind into the store.
class Sink {
    let db: Database
    let importId: Int64
    let fields: [FieldSpec]
    var warnings: [Phrase] = []
    init(db: Database, importId: Int64, kind: ImportKind) throws {
        self.db = db; self.importId = importId; self.fields = kind.fields
    }
    func index(_ name: String) -> Int { fields.firstIndex { $0.name == name }! }
    /// Stores the records of one source row; a returned problem rejects the row (nothing of it stored).
    func insert(_ rows: ArraySlice<ParsedRow>, record: CSVRecord, raw: () -> String) throws -> RowProblem? { fatalError("abstract") }
    func finish(db: Database, path: String, rawText: (Int) -> String?) throws -> [LateReject] { [] }
    /// A row with this key was rejected before it reached the sink (a bad pay grade, say): rows that
    /// refer to it are rejected too, naming it.
    func noteRejected(key: String, line: Int) {}
    func duplicates(db: Database) throws -> [DuplicateKey] { [] }
    func storedCents(db: Database) throws -> Int64? { nil }
}

func makeSink(kind: ImportKind, db: Database, importId: Int64, byteCount: Int = 0, scheme: any CodeScheme = CodeSchemes.standard,
              codeScheme: String? = nil, normalizeText: Bool = false) throws -> Sink {
    switch kind {
    case .ledger:
        // About one posting per 64 bytes of file: the filter stays near 10 bits per document id.
        return try LedgerSink(db: db, importId: importId, kind: kind, expectedPostings: byteCount / 64)
    case .plan: return try PlanSink(db: db, importId: importId, kind: kind, scheme: scheme)
    case .positions: return try PositionSink(db: db, importId: importId, kind: kind)
    case .vacancies: return try VacancySink(db: db, importId: importId, kind: kind)
    case .orgunits: return try OrgUnitSink(db: db, importId: importId, kind: kind)
    case .costcenters: return try CostCenterSink(db: db, importId: importId, kind: kind)
    case .paycosts: return try PayCostSink(db: db, importId: importId, kind: kind)
    case .taxrates: return try TaxRateSink(db: db, importId: importId, kind: kind)
    case .codes: return try CodeNameSink(db: db, importId: importId, kind: kind, scheme: codeScheme, normalize: normalizeText)
    }
}

/// Ledger postings: the hot path. Binds straight from the rows' UTF-8 bytes, many rows per INSERT
/// statement; the monthly totals live in `totals`, the duplicate check and the content hash in `tally`.
final class LedgerSink: Sink {
    /// Rows per multi-row INSERT (12 parameters each): fewer statement runs per posting.
    static let rowsPerStatement = 32
    let single: RawStatement
    let multi: RawStatement
    let fYear, fDate, fDoc, fProduct, fCost, fAccount, fDesc, fVendor, fAmount, fLine: Int
    var tally: LedgerTally
    /// The monthly totals (`postingTotal`), kept by the writing thread.
    var totals = MonthlyTotals()
    /// Every posting of this import has a row id above this one (the table's largest before it began; the
    /// import holds the write lock): the read-back queries scan this import's range, not the whole table.
    let idsAbove: Int64
    var tallyFields: LedgerTally.Fields {
        .init(year: fYear, date: fDate, document: fDoc, product: fProduct, account: fAccount, amount: fAmount)
    }

    init(db: Database, importId: Int64, kind: ImportKind, expectedPostings: Int) throws {
        single = try RawStatement(db, sql: PostingSQL.insert(rows: 1))
        multi = try RawStatement(db, sql: PostingSQL.insert(rows: LedgerSink.rowsPerStatement))
        let f = kind.fields
        func i(_ n: String) -> Int { f.firstIndex { $0.name == n }! }
        fYear = i("fiscal_year"); fDate = i("posting_date"); fDoc = i("document_id"); fProduct = i("product")
        fCost = i("cost_center"); fAccount = i("account"); fDesc = i("description"); fVendor = i("vendor"); fAmount = i("amount")
        fLine = i("document_line")
        tally = LedgerTally(expectedPostings: expectedPostings)
        idsAbove = try PostingSQL.maxId(db)
        try super.init(db: db, importId: importId, kind: kind)
    }

    /// Ledger rows never come one by one: the importer hands them to `LedgerPipeline`, which calls
    /// `insert(batch:)`.
    override func insert(_ rows: ArraySlice<ParsedRow>, record: CSVRecord, raw: () -> String) throws -> RowProblem? {
        preconditionFailure("ledger rows go through LedgerPipeline")
    }

    /// All rows of a pipeline batch (see `LedgerPipeline`): `rowsPerStatement` rows per statement
    /// run, the rest one by one. The text is bound without a copy; the batch outlives each step.
    func insert(batch b: LedgerPipeline.View) throws {
        let k = LedgerSink.rowsPerStatement
        @inline(__always) func rowBind(_ stmt: RawStatement, slot: Int, row i: Int) {
            bind(stmt, at: Int32(slot * 12), line: b.lines[i], year: b.num(i, fYear), date: b.isoDate(i), amount: b.num(i, fAmount)) { f in
                b.slice(i, f)
            }
        }
        var i = 0
        while i + k <= b.count {
            for slot in 0..<k { rowBind(multi, slot: slot, row: i + slot) }
            try multi.step()
            i += k
        }
        while i < b.count { rowBind(single, slot: 0, row: i); try single.step(); i += 1 }
    }

    /// Binds one posting to parameters `base + 1 … base + 12`; its text without a copy (a missing
    /// document line as NULL).
    @inline(__always)
    private func bind(_ stmt: RawStatement, at base: Int32, line: Int, year: Int64, date: UnsafeBufferPointer<UInt8>, amount: Int64,
                      text slice: (Int) -> UnsafeBufferPointer<UInt8>) {
        stmt.bind(base + 1, importId)
        stmt.bind(base + 2, line)
        stmt.bind(base + 3, year)
        // The ISO date was written into the batch by the parsing thread: bound without a copy too.
        stmt.bindNoCopy(base + 4, bytes: date)
        @inline(__always) func text(_ p: Int32, _ f: Int) { stmt.bindNoCopy(base + p, bytes: slice(f)) }
        text(5, fDoc); text(6, fProduct); text(7, fCost); text(8, fAccount); text(9, fDesc); text(10, fVendor)
        stmt.bind(base + 11, amount)
        let line = slice(fLine)
        if line.isEmpty { stmt.bindNull(base + 12) } else { stmt.bindNoCopy(base + 12, bytes: line) }
    }

    /// The import's tail after its last batch: one scan of the stored postings (`PostingSQL.scan`: the
    /// repeated document ids and the stored sum) while another core sorts the monthly totals, then the totals
    /// inserted in the table's key order, many rows per statement (each insert appends to the B-tree).
    override func finish(db: Database, path: String, rawText: (Int) -> String?) throws -> [LateReject] {
        nonisolated(unsafe) let totals = self.totals   // no longer changed: the last batch is written
        let sorting = Pending { totals.sorted() }
        scan = try PostingSQL.scan(db, candidates: tally.candidates, importId: importId, idsAbove: idsAbove)
        let sorted = try sorting.value(), k = LedgerSink.rowsPerStatement
        let single = try RawStatement(db, sql: PostingSQL.insertTotals(rows: 1))
        let multi = try RawStatement(db, sql: PostingSQL.insertTotals(rows: k))
        func bind(_ ins: RawStatement, _ slot: Int, _ t: MonthlyTotals.Total) {
            let base = Int32(slot * 7)
            ins.bind(base + 1, importId); ins.bind(base + 2, t.year); ins.bind(base + 3, t.month)
            t.product.withUnsafeBufferPointer { ins.bind(base + 4, bytes: $0) }
            t.account.withUnsafeBufferPointer { ins.bind(base + 5, bytes: $0) }
            ins.bind(base + 6, t.cents); ins.bind(base + 7, t.count)
        }
        var i = 0
        while i + k <= sorted.count {
            for slot in 0..<k { bind(multi, slot, sorted[i + slot]) }
            try multi.step()
            i += k
        }
        while i < sorted.count { bind(single, 0, sorted[i]); try single.step(); i += 1 }
        return []
    }

    /// What the tail's scan of the stored postings read (`finish`). Its stored sum is the control total
    /// while this import's postings are as they were then (`postingsRemovedSinceScan`).
    private var scan: PostingSQL.ImportScan?
    private var scanStillHolds = true

    /// The repeated document ids, confirmed by the tail's scan of the stored postings.
    override func duplicates(db: Database) throws -> [DuplicateKey] {
        if scan == nil { scan = try PostingSQL.scan(db, candidates: tally.candidates, importId: importId, idsAbove: idsAbove) }
        return scan?.repeated ?? []
    }

    /// Postings of this import were taken out after the scan (the load mode skipped some already stored):
    /// the control total is read again.
    func postingsRemovedSinceScan() { scanStillHolds = false }

    /// The control total: the sum of the amounts stored for this import, read from the store (by the tail's
    /// scan when nothing was taken out since, else by its own query), never the importer's count of its rows.
    override func storedCents(db: Database) throws -> Int64? {
        if scanStillHolds, let scan { return scan.storedCents }
        return try PostingSQL.storedCents(db, importId: importId, idsAbove: idsAbove)
    }
}

/// Rows of the small kinds are kept with their line and raw text until the end, for checks
/// across rows (supervisors, parents) that may still reject them.
class KeyedSink: Sink {
    var lines: [String: (line: Int, raw: String)] = [:]
    /// Keys of rows rejected before they reached the sink, with their line (the first such row).
    var rejectedEarly: [String: Int] = [:]
    override func noteRejected(key: String, line: Int) {
        if lines[key] == nil, rejectedEarly[key] == nil { rejectedEarly[key] = line }
    }
    func keyConflict(_ key: String, field: String, table: String, keyColumn: String, line: Int) throws -> RowProblem? {
        if let earlier = lines[key] {
            return RowProblem(column: nil, field: field, value: key, reason: .init(de: "\(field) \(key) steht zweimal in dieser Datei (zuerst in Zeile \(earlier.line))",
                                                                                en: "\(field) \(key) occurs twice in this file (first in line \(earlier.line))"))
        }
        if let other = try KeyedSQL.importHolding(db, table: table, keyColumn: keyColumn, key: key) {
            return RowProblem(column: nil, field: field, value: key, reason: .init(
                de: "\(field) \(key) ist schon im Store, aus Import \(other) (eine neue Liste mit --replace-kind laden)",
                en: "\(field) \(key) is already in the store from import \(other) (use --replace-kind to load a new list)"))
        }
        return nil
    }

    /// The checks of a hierarchy (supervisors of positions, parents of org units), to a fixed point:
    /// a row whose reference is missing, rejected or loops is rejected, and then every row below it,
    /// each naming the rejected row it refers to. No row stored refers to nothing.
    ///
    /// - Parameters:
    ///   - references: key → the key it refers to (only rows of this import that were stored).
    ///   - noun: Phrase(de: "Vorgesetztenstelle", en: "supervisor position"), "parent org unit" (and in German).
    ///   - inStore: whether a key exists in the store outside this import.
    func rejectHierarchy(references: [String: String], noun: Phrase, field: String, table: String, keyColumn: String,
                         path: String, inStore: (String) throws -> Bool) throws -> [LateReject] {
        var rejected: [String: Phrase] = [:]
        func wasRejected(_ ref: String, line: Int) -> Phrase {
            Phrase(de: "\(noun.de) \(ref) wurde verworfen (Zeile \(line))", en: "\(noun.en) \(ref) was rejected (line \(line))")
        }
        for (id, ref) in references {
            if ref == id { rejected[id] = Phrase(de: "die Zeile nennt sich selbst als \(noun.de)", en: "the row refers to itself as its \(noun.en)"); continue }
            if lines[ref] != nil { continue }
            if let line = rejectedEarly[ref] {
                rejected[id] = wasRejected(ref, line: line)
            } else if try !inStore(ref) {
                rejected[id] = Phrase(de: "\(noun.de) \(ref) gibt es nicht", en: "\(noun.en) \(ref) does not exist")
            }
        }
        // Loops: follow the references; a chain that returns to its start is a loop.
        for start in references.keys.sorted() where rejected[start] == nil {
            var seen: Set<String> = [start]
            var cur = start
            while let next = references[cur] {
                if next == start {
                    rejected[start] = Phrase(de: "die Kette (\(noun.de)) führt zu dieser Zeile zurück (\(NumberText.count(seen.count, .de)) Zeilen)",
                                                    en: "the \(noun.en) chain loops back to this row (\(seen.count) rows)")
                    break
                }
                if !seen.insert(next).inserted { break }
                cur = next
            }
        }
        // Everything below a rejected row goes too, breadth first, each naming its rejected parent.
        var children: [String: [String]] = [:]
        for (id, ref) in references { children[ref, default: []].append(id) }
        var queue = rejected.keys.sorted()
        var head = 0
        while head < queue.count {
            let parent = queue[head]; head += 1
            for child in (children[parent] ?? []).sorted() where rejected[child] == nil {
                rejected[child] = wasRejected(parent, line: lines[parent]!.line)
                queue.append(child)
            }
        }
        var out: [LateReject] = []
        for (id, reason) in rejected.sorted(by: { (lines[$0.key]!.line, $0.key) < (lines[$1.key]!.line, $1.key) }) {
            try KeyedSQL.delete(db, table: table, keyColumn: keyColumn, key: id, importId: importId)
            let l = lines[id]!
            // The posts of one group row are one rejected row.
            if let last = out.last, last.row.line == l.line { out[out.count - 1].records += 1; continue }
            out.append(LateReject(row: RejectedRow(file: path, line: l.line, column: nil, field: field, value: references[id],
                                                   reason: reason.en, rawRecord: l.raw, reasonDE: reason.de), cents: 0))
        }
        return out
    }
}

final class PositionSink: KeyedSink {
    var supervisors: [String: String] = [:]
    override func insert(_ rows: ArraySlice<ParsedRow>, record: CSVRecord, raw: () -> String) throws -> RowProblem? {
        // A group row of a staffing list is several posts (`groups:`): all of them, or none.
        for r in rows {
            if let p = try keyConflict(r.string(index("position_id"))!, field: "position_id", table: "position", keyColumn: "positionId", line: record.line) { return p }
        }
        for r in rows { try insertPost(r, record: record, raw: raw) }
        return nil
    }

    private func insertPost(_ r: ParsedRow, record: CSVRecord, raw: () -> String) throws {
        let id = r.string(index("position_id"))!
        let vacantSince = r.present[index("vacant_since")] ? CivilDate(dayNumber: Int(r.num[index("vacant_since")])).iso : nil
        let sup = r.string(index("supervisor_id"))
        try db.cachedStatement(sql: KeyedSQL.insertPosition).execute(arguments: [id, importId, record.line, r.string(index("org_unit")), sup, r.string(index("title")),
                             r.string(index("function")) ?? r.string(index("title")), r.string(index("pay_grade")), r.num[index("fte")],
                             r.string(index("status")), vacantSince, r.num[index("is_leadership")], r.string(index("kldb"))])
        lines[id] = (record.line, raw())
        if let sup, !sup.isEmpty { supervisors[id] = sup }
    }
    override func finish(db: Database, path: String, rawText: (Int) -> String?) throws -> [LateReject] {
        let late = try rejectHierarchy(references: supervisors, noun: Phrase(de: "Vorgesetztenstelle", en: "supervisor position"), field: "supervisor_id",
                                       table: "position", keyColumn: "positionId", path: path) { key in
            try KeyedSQL.exists(db, table: "position", keyColumn: "positionId", key: key)
        }
        if let w = try Self.vacanciesLeftWithoutPosition(db) { warnings.append(w) }
        return late
    }

    /// How many positions a warning names at the most.
    static let positionsNamed = 5

    /// A replacement plan (`--mode replace`, `--replace-kind`, a manifest's replacement) that leaves out a
    /// position which still has a vacancy in the store leaves that vacancy without its position: say how many
    /// and name the first positions (nil: none). Only a replacement can cause it, since a vacancy is imported
    /// only for a position in the plan.
    static func vacanciesLeftWithoutPosition(_ db: Database) throws -> Phrase? {
        let (count, ids) = try KeyedSQL.vacanciesWithoutPosition(db, limit: positionsNamed + 1)
        guard count > 0 else { return nil }
        let named = ids.prefix(positionsNamed).joined(separator: ", ") + (ids.count > positionsNamed ? " …" : "")
        let n = Phrase.count(count)
        return Phrase(de: "\(n.de) Vakanz(en) im Speicher gehören zu Stellen, die nicht mehr im Stellenplan stehen (\(named)); die Vakanzen neu "
                        + "importieren (import vacancies DATEI --replace-kind) oder die Stellen wieder in den Stellenplan aufnehmen",
                      en: "\(n.en) vacancy(ies) in the store belong to positions no longer in the position plan (\(named)); import the vacancies "
                        + "again (import vacancies FILE --replace-kind) or put the positions back into the plan")
    }
}

final class VacancySink: KeyedSink {
    var seen: [String: [Int]] = [:]
    override func insert(_ rows: ArraySlice<ParsedRow>, record: CSVRecord, raw: () -> String) throws -> RowProblem? {
        let r = rows[rows.startIndex]
        let id = r.string(index("position_id"))!
        guard try KeyedSQL.exists(db, table: "position", keyColumn: "positionId", key: id) else {
            return RowProblem(column: nil, field: "position_id", value: id, reason: .init(
                de: "Stelle \(id) steht nicht im Stellenplan (zuerst die Stellen importieren: import positions)", en: "position \(id) is not in the position plan (import positions first)"))
        }
        let expected = CivilDate(dayNumber: Int(r.num[index("expected_date")])).iso
        let filled = r.present[index("filled_date")] ? CivilDate(dayNumber: Int(r.num[index("filled_date")])).iso : nil
        try db.cachedStatement(sql: KeyedSQL.insertVacancy).execute(arguments: [importId, record.line, id, expected, r.string(index("reason")), r.num[index("refill_requested")],
                             r.string(index("refill_source")), filled])
        seen[id + " " + expected, default: []].append(record.line)
        return nil
    }
    override func duplicates(db: Database) throws -> [DuplicateKey] {
        seen.filter { $0.value.count > 1 }.map { DuplicateKey(field: "position_id/expected_date", value: $0.key, count: $0.value.count, lines: $0.value) }
            .sorted { $0.lines[0] < $1.lines[0] }
    }
}

final class OrgUnitSink: KeyedSink {
    var parents: [String: String] = [:]
    override func insert(_ rows: ArraySlice<ParsedRow>, record: CSVRecord, raw: () -> String) throws -> RowProblem? {
        let r = rows[rows.startIndex]
        let id = r.string(index("org_unit"))!
        if let p = try keyConflict(id, field: "org_unit", table: "orgUnit", keyColumn: "orgUnitId", line: record.line) { return p }
        let parent = r.string(index("parent_id")).flatMap { $0.isEmpty ? nil : $0 }
        try db.cachedStatement(sql: KeyedSQL.insertOrgUnit).execute(arguments: [id, importId, record.line, r.string(index("name")), parent, r.string(index("category"))])
        lines[id] = (record.line, raw())
        if let parent { parents[id] = parent }
        return nil
    }
    override func finish(db: Database, path: String, rawText: (Int) -> String?) throws -> [LateReject] {
        try rejectHierarchy(references: parents, noun: Phrase(de: "übergeordnete Organisationseinheit", en: "parent org unit"), field: "parent_id", table: "orgUnit",
                            keyColumn: "orgUnitId", path: path) { key in
            try KeyedSQL.exists(db, table: "orgUnit", keyColumn: "orgUnitId", key: key)
        }
    }
}

final class CostCenterSink: KeyedSink {
    override func insert(_ rows: ArraySlice<ParsedRow>, record: CSVRecord, raw: () -> String) throws -> RowProblem? {
        let r = rows[rows.startIndex]
        let id = r.string(index("cost_center"))!
        if let p = try keyConflict(id, field: "cost_center", table: "costCenter", keyColumn: "costCenterId", line: record.line) { return p }
        let unit = r.string(index("org_unit"))!
        if try !KeyedSQL.exists(db, table: "orgUnit", keyColumn: "orgUnitId", key: unit) {
            return RowProblem(column: nil, field: "org_unit", value: unit, reason: .init(
                de: "Organisationseinheit \(unit) ist nicht im Store (zuerst import orgunits)", en: "org unit \(unit) is not in the store (import orgunits first)"))
        }
        try db.cachedStatement(sql: KeyedSQL.insertCostCenter).execute(arguments: [id, importId, record.line, r.string(index("name")), unit])
        lines[id] = (record.line, "")
        return nil
    }
}

final class PayCostSink: KeyedSink {
    override func insert(_ rows: ArraySlice<ParsedRow>, record: CSVRecord, raw: () -> String) throws -> RowProblem? {
        let r = rows[rows.startIndex]
        let year = r.num[index("fiscal_year")], grade = r.string(index("pay_grade"))!
        let key = "\(year) \(grade)"
        if let earlier = lines[key] {
            return RowProblem(column: nil, field: "pay_grade", value: grade, reason: .init(
                de: "Entgeltgruppe \(grade) für \(year) steht zweimal in der Datei (zuerst in Zeile \(earlier.line))", en: "grade \(grade) for \(year) occurs twice (first in line \(earlier.line))"))
        }
        if let other = try KeyedSQL.payCostImport(db, year: year, grade: grade) {
            return RowProblem(column: nil, field: "pay_grade", value: grade, reason: .init(
                de: "Entgeltgruppe \(grade) für \(year) ist schon im Store, aus Import \(other)", en: "grade \(grade) for \(year) is already in the store from import \(other)"))
        }
        try db.cachedStatement(sql: KeyedSQL.insertPayCost).execute(arguments: [importId, record.line, year, grade, r.num[index("annual_salary")], r.num[index("employer_on_costs")], r.string(index("source"))])
        lines[key] = (record.line, "")
        return nil
    }
    override func storedCents(db: Database) throws -> Int64? {
        try KeyedSQL.payCostCents(db, importId: importId)
    }
}
