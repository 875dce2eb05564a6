import GRDB

/// Every posting counted once (issue 20): the identity of ledger postings across imports, and what an
/// import in `append` or `replace-period` mode does with postings already in the store. Runs inside the
/// import's transaction, after its postings were inserted; anything thrown rolls all of it back.
///
/// A posting's identity is its source, its key (`coalesce(identityKey, documentId)`: the document id, or
/// the mapping's declared fields, or document id and document line) and its `occurrence` (the how-many-th
/// posting of that key in its file: a document of three postings without line numbers has occurrences
/// 1, 2, 3, and a year-to-date export repeats them in the same order). No index is kept on the identity
/// (it would cost every insert): `importRun.identityMin/Max` say which earlier imports of the source can
/// overlap at all, so a month of new document numbers costs nothing; when one can, this import's keys in
/// the common range go into a temporary sorted table and that import's postings (its id range,
/// `postingIdFrom/To`) are looked up in it.
struct PostingIdentity {
    let db: Database
    let importId: Int64
    /// Postings of this import have ids above this one.
    let idsAbove: Int64
    let source: String
    /// Whether two postings must agree in their document id to be identical: not when the mapping declares
    /// a key without it (a system whose exports number their documents anew each time).
    var compareDocument = true

    static let key = "coalesce(identityKey, documentId)"

    /// The stored column of a ledger field (for a declared identity).
    static func column(_ field: String) -> String {
        ["fiscal_year": "fiscalYear", "posting_date": "postingDate", "document_id": "documentId", "product": "product",
         "cost_center": "costCenter", "account": "account", "description": "description", "vendor": "vendor",
         "amount": "amountCents", "document_line": "documentLine"][field] ?? "documentId"
    }

    /// Two postings `n` and `o` that agree in every stored value.
    var identical: String { """
        n.fiscalYear = o.fiscalYear AND n.postingDate = o.postingDate AND \(compareDocument ? "n.documentId = o.documentId" : "1") AND n.product = o.product
        AND n.costCenter = o.costCenter AND n.account = o.account AND n.description = o.description AND n.vendor = o.vendor
        AND n.amountCents = o.amountCents AND n.documentLine IS o.documentLine
        """ }

    /// Sets the identity of this import's postings: the declared key (or document id and line) and the
    /// occurrence of each key that repeats in the file. Returns the smallest and largest key.
    func assign(declared: [String]?, hasLineColumn: Bool, repeatedDocuments: [String],
                documentRange: (min: String, max: String)?) throws -> (min: String, max: String)? {
        let fields = declared ?? (hasLineColumn ? ["document_id", "document_line"] : nil)
        guard let fields else {
            guard !repeatedDocuments.isEmpty else { return documentRange }
            try tempIds("repeatedKey", text: true)
            let ins = try RawStatement(db, sql: "INSERT OR IGNORE INTO temp.repeatedKey (k) VALUES (?)")
            for d in repeatedDocuments { ins.bind(1, d); try ins.step() }
            try numberOccurrences(keys: "SELECT k FROM temp.repeatedKey")
            return documentRange
        }
        let expr = fields.map { "coalesce(\(Self.column($0)), '')" }.joined(separator: " || char(31) || ")
        try db.execute(sql: "UPDATE posting SET identityKey = \(expr) WHERE id > ? AND importId = ?", arguments: [idsAbove, importId])
        try numberOccurrences(keys: nil)
        let row = try Row.fetchOne(db, sql: "SELECT min(identityKey) AS lo, max(identityKey) AS hi FROM posting WHERE id > ? AND importId = ?",
                                   arguments: [idsAbove, importId])
        guard let lo: String = row?["lo"], let hi: String = row?["hi"] else { return nil }
        return (lo, hi)
    }

    /// Numbers the postings of each repeated key 1, 2, 3 … in file order (all keys, or those listed).
    private func numberOccurrences(keys: String?) throws {
        let source = keys.map { """
            SELECT id, row_number() OVER (PARTITION BY \(Self.key) ORDER BY id) AS n
            FROM posting WHERE id > \(idsAbove) AND importId = \(importId) AND documentId IN (\($0))
            """ } ?? """
            SELECT id, row_number() OVER (PARTITION BY identityKey ORDER BY id) AS n FROM posting WHERE id > \(idsAbove) AND importId = \(importId)
            """
        try db.execute(sql: "UPDATE posting SET occurrence = r.n FROM (\(source)) r WHERE posting.id = r.id AND r.n > 1")
    }

    /// This import's identities (key, occurrence, posting id), within a key range, in a temporary table
    /// sorted by key: what earlier postings are looked up in.
    private func collectNewKeys(from lo: String? = nil, to hi: String? = nil) throws {
        try db.execute(sql: "CREATE TEMP TABLE IF NOT EXISTS newKey (k TEXT NOT NULL, occ INTEGER NOT NULL, id INTEGER NOT NULL, PRIMARY KEY (k, occ, id)) WITHOUT ROWID")
        try db.execute(sql: "DELETE FROM temp.newKey")
        try db.execute(sql: """
            INSERT INTO temp.newKey (k, occ, id) SELECT \(Self.key), occurrence, id FROM posting
            WHERE id > ? AND importId = ? AND (?3 IS NULL OR \(Self.key) BETWEEN ?3 AND ?4) ORDER BY 1, 2, 3
            """, arguments: [idsAbove, importId, lo, hi])
    }

    /// The condition on `o` for the postings of an earlier import: its id range when known.
    private static func of(_ run: Row, below idsAbove: Int64) -> String {
        let id: Int64 = run["id"]
        let from: Int64 = run["postingIdFrom"] ?? 0, to: Int64 = run["postingIdTo"] ?? idsAbove
        return "o.id BETWEEN \(from) AND \(min(to, idsAbove)) AND o.importId = \(id)"
    }

    /// A temporary table of ids (or text keys), emptied.
    private func tempIds(_ name: String, text: Bool = false) throws {
        try db.execute(sql: "CREATE TEMP TABLE IF NOT EXISTS \(name) (\(text ? "k TEXT" : "id INTEGER") PRIMARY KEY)")
        try db.execute(sql: "DELETE FROM temp.\(name)")
    }

    // MARK: replace-period

    /// The reconciliation of a `replace-period` import.
    struct PeriodReconciliation {
        var period = ""
        var removed = 0, removedCents: Int64 = 0
        var kept = 0, keptCents: Int64 = 0
    }

    /// The SQL condition of a period on the posting alias `p`; `span` is resolved from this import.
    func condition(_ period: ImportPeriod) throws -> (sql: String, text: String) {
        switch period {
        case .fiscalYear(let y): return ("p.fiscalYear = \(y)", "\(y)")
        case .dates(let a, let b): return ("p.postingDate BETWEEN '\(a.iso)' AND '\(b.iso)'", period.description)
        case .span:
            let row = try Row.fetchOne(db, sql: "SELECT min(postingDate) AS a, max(postingDate) AS b FROM posting WHERE id > ? AND importId = ?",
                                       arguments: [idsAbove, importId])
            guard let a: String = row?["a"], let b: String = row?["b"], let da = CivilDate(iso: a), let dbb = CivilDate(iso: b) else {
                return ("0", "span of no postings")
            }
            return try condition(.dates(da, dbb))
        }
    }

    /// Replaces the period's postings of earlier imports of this source by this import's: postings in
    /// both, identical, are kept (the earlier one stays, this import's copy goes); the others of the
    /// period are removed. Every posting of the file must lie in the period.
    func replacePeriod(_ period: ImportPeriod, path: String) throws -> PeriodReconciliation {
        let (cond, text) = try condition(period)
        var result = PeriodReconciliation(period: text)
        if let outside = try Row.fetchOne(db, sql: """
            SELECT count(*) AS n, min(p.sourceLine) AS line FROM posting p WHERE p.id > ? AND p.importId = ? AND NOT (\(cond))
            """, arguments: [idsAbove, importId]), let n: Int = outside["n"], n > 0 {
            throw PruefstandError.input(path: path, line: outside["line"], message:
                "\(n) posting(s) lie outside the declared period \(text) (the first in this line); a replace-period import may hold only postings of its period: declare the period the file covers (--period) or use --mode append; nothing was imported")
        }
        try tempIds("periodOld"); try tempIds("periodKept"); try tempIds("overlapGone")
        let runs = try Row.fetchAll(db, sql: "SELECT id, postingIdFrom, postingIdTo FROM importRun WHERE kind = 'ledger' AND source = ? AND id <> ?",
                                    arguments: [source, importId])
        for run in runs {
            try db.execute(sql: "INSERT INTO temp.periodOld (id) SELECT o.id FROM posting o WHERE \(Self.of(run, below: idsAbove)) AND (\(cond.replacingOccurrences(of: "p.", with: "o.")))")
        }
        try collectNewKeys()
        let keepOld = try RawStatement(db, sql: "INSERT OR IGNORE INTO temp.periodKept (id) VALUES (?)")
        let dropNew = try RawStatement(db, sql: "INSERT OR IGNORE INTO temp.overlapGone (id) VALUES (?)")
        var newSeen = Set<Int64>(), oldSeen = Set<Int64>()
        let pairs = try Row.fetchCursor(db, sql: """
            SELECT o.id AS oid, n.id AS nid, n.amountCents AS cents FROM temp.periodOld t CROSS JOIN posting o ON o.id = t.id
            CROSS JOIN temp.newKey k ON k.k = coalesce(o.identityKey, o.documentId) AND k.occ = o.occurrence
            CROSS JOIN posting n ON n.id = k.id
            WHERE \(identical)
            """)
        while let r = try pairs.next() {
            let oid: Int64 = r["oid"], nid: Int64 = r["nid"]
            // One stored posting is kept for one posting of the file.
            guard !newSeen.contains(nid), !oldSeen.contains(oid) else { continue }
            newSeen.insert(nid); oldSeen.insert(oid)
            keepOld.bind(1, oid); try keepOld.step()
            dropNew.bind(1, nid); try dropNew.step()
            result.kept += 1; result.keptCents += r["cents"]
        }
        try tempIds("periodRemoved")
        try db.execute(sql: "INSERT INTO temp.periodRemoved (id) SELECT id FROM temp.periodOld WHERE id NOT IN (SELECT id FROM temp.periodKept)")
        (result.removed, result.removedCents) = try deletePostings(listedIn: "periodRemoved")
        _ = try deletePostings(listedIn: "overlapGone")
        return result
    }

    // MARK: append

    /// Skips this import's postings that are stored already, identical, from an earlier import of the
    /// same source; a posting stored with other values stops the import (append never changes a stored
    /// posting), naming its document and what differs.
    func skipIdentical(keys: (min: String, max: String)?, path: String, examples: Int = 5) throws -> ImportEffect {
        var effect = ImportEffect()
        guard let keys else { return effect }
        // Only earlier imports whose key range meets this one's can hold one of its postings.
        let candidates = try Row.fetchAll(db, sql: """
            SELECT id, identityMin, identityMax, postingIdFrom, postingIdTo FROM importRun
            WHERE kind = 'ledger' AND source = ? AND id <> ? AND (identityMin IS NULL OR identityMin <= ?) AND (identityMax IS NULL OR identityMax >= ?)
            """, arguments: [source, importId, keys.max, keys.min])
        guard !candidates.isEmpty else { return effect }
        var lo = keys.min, hi = keys.max
        if candidates.allSatisfy({ ($0["identityMin"] as String?) != nil && ($0["identityMax"] as String?) != nil }) {
            lo = max(lo, candidates.map { $0["identityMin"] as String }.min()!)
            hi = min(hi, candidates.map { $0["identityMax"] as String }.max()!)
        }
        try collectNewKeys(from: lo, to: hi)
        try tempIds("overlapGone")
        let gone = try RawStatement(db, sql: "INSERT OR IGNORE INTO temp.overlapGone (id) VALUES (?)")
        var changed: [(nid: Int64, oid: Int64)] = []
        var changedCount = 0
        var skippedIds = Set<Int64>()
        for run in candidates {
            let pairs = try Row.fetchCursor(db, sql: """
                SELECT n.id AS nid, o.id AS oid, n.amountCents AS cents, n.documentId AS doc, n.sourceLine AS line, (\(identical)) AS same
                FROM posting o CROSS JOIN temp.newKey k ON k.k = coalesce(o.identityKey, o.documentId) AND k.occ = o.occurrence
                CROSS JOIN posting n ON n.id = k.id
                WHERE \(Self.of(run, below: idsAbove)) AND coalesce(o.identityKey, o.documentId) BETWEEN ? AND ?
                """, arguments: [lo, hi])
            while let r = try pairs.next() {
                let nid: Int64 = r["nid"]
                if r["same"] as Bool {
                    guard skippedIds.insert(nid).inserted else { continue }
                    gone.bind(1, nid); try gone.step()
                    effect.skipped += 1; effect.skippedCents += r["cents"]
                    if effect.skippedExamples.count < examples {
                        effect.skippedExamples.append("document \(r["doc"] as String) (line \(r["line"] as Int))")
                    }
                } else {
                    changedCount += 1
                    if changed.count < examples { changed.append((nid, r["oid"])) }
                }
            }
        }
        if changedCount > 0 {
            let details = try changed.map(describe).joined(separator: "; ")
            throw PruefstandError.input(path: path, line: nil, message: Phrase(
                de: "\(Phrase.count(changedCount).de) Buchung(en) dieser Datei sind schon mit anderen Werten im Speicher; append ändert nie eine gespeicherte Buchung, "
                    + "daher wurde nichts importiert. " + details
                    + ". Ein berichtigter Export ersetzt seinen Zeitraum: --mode replace-period --period JJJJ-MM (oder Modus und Zeitraum im Manifest)",
                en: "\(changedCount) posting(s) of this file are in the store already with other values; append never changes a stored posting, so nothing was imported. "
                    + details
                    + ". A corrected export replaces its period: --mode replace-period --period YYYY-MM (or the manifest's mode and period)"))
        }
        _ = try deletePostings(listedIn: "overlapGone")
        return effect
    }

    /// "document B-17 (line 12 of this file) differs from import 3 (ledger-jan.csv line 12): amount 1,00 € → 2,00 €".
    private func describe(_ pair: (nid: Int64, oid: Int64)) throws -> String {
        let sql = """
            SELECT p.*, r.sourcePath AS file FROM posting p JOIN importRun r ON r.id = p.importId WHERE p.id = ?
            """
        guard let n = try Row.fetchOne(db, sql: sql, arguments: [pair.nid]), let o = try Row.fetchOne(db, sql: sql, arguments: [pair.oid]) else { return "" }
        let columns = [("fiscal_year", "fiscalYear"), ("posting_date", "postingDate"), ("product", "product"), ("cost_center", "costCenter"),
                       ("account", "account"), ("description", "description"), ("vendor", "vendor"), ("document_line", "documentLine"),
                       ("document_id", "documentId")]
        var diffs: [String] = []
        let (oc, nc): (Int64, Int64) = (o["amountCents"], n["amountCents"])
        if oc != nc { diffs.append("amount \(Money(cents: oc).germanString) → \(Money(cents: nc).germanString)") }
        for (name, col) in columns {
            let a = o[col].map { "\($0)" } ?? "", b = n[col].map { "\($0)" } ?? ""
            if a != b { diffs.append("\(name) \"\(a.prefix(40))\" → \"\(b.prefix(40))\"") }
        }
        return "document \(n["documentId"] as String) (line \(n["sourceLine"] as Int) of this file) differs from import \(o["importId"] as Int64) (\(o["file"] as String) line \(o["sourceLine"] as Int)): "
            + diffs.joined(separator: ", ")
    }

    // MARK: deleting with the monthly totals

    /// Deletes the postings listed in a temporary table and takes them out of `postingTotal` (the monthly
    /// totals the analyses read); returns their number and sum.
    func deletePostings(listedIn table: String) throws -> (count: Int, cents: Int64) {
        let gone = "SELECT p.* FROM temp.\(table) g JOIN posting p ON p.id = g.id"
        guard let sum = try Row.fetchOne(db, sql: "SELECT count(*) AS n, coalesce(sum(amountCents), 0) AS c FROM (\(gone))"),
              let n: Int = sum["n"], n > 0 else { return (0, 0) }
        try db.execute(sql: """
            UPDATE postingTotal SET amountCents = postingTotal.amountCents - d.c, postingCount = postingTotal.postingCount - d.n
            FROM (SELECT importId, fiscalYear, CAST(substr(postingDate, 6, 2) AS INTEGER) AS month, product, account,
                         sum(amountCents) AS c, count(*) AS n FROM (\(gone)) GROUP BY 1, 2, 3, 4, 5) d
            WHERE postingTotal.importId = d.importId AND postingTotal.fiscalYear = d.fiscalYear AND postingTotal.month = d.month
              AND postingTotal.product = d.product AND postingTotal.account = d.account
            """)
        try db.execute(sql: "DELETE FROM postingTotal WHERE postingCount = 0 AND importId IN (SELECT DISTINCT importId FROM (\(gone)))")
        try db.execute(sql: "DELETE FROM posting WHERE id IN (SELECT id FROM temp.\(table))")
        return (n, sum["c"])
    }
}
