import Foundation

/// One committee decision on a position, as read from a workbook and stored in `reviewDecision`.
public struct ReviewDecisionRecord: Sendable, Hashable, Codable {
    public var id: Int64?
    public var positionId: String
    public var decision: ReviewDecisionValue
    public var comment: String
    /// Annual saving booked for the decision: the position's annual cost for no-refill and kw, the cost × the
    /// rules' `automate_first_share` for automate-first, zero for refill and defer.
    public var annualSaving: Money
    /// First budget year the saving applies in full (see `ReviewDecisions.effectiveYear`).
    public var effectiveYear: Int
    public var decidedOn: CivilDate
    public var sourceFile: String
    public var sourceSha256: String
    /// Cell of the decision, e.g. `Stellenprüfung!L12`.
    public var sourceCell: String
    public var supersedesId: Int64?

    public init(id: Int64? = nil, positionId: String, decision: ReviewDecisionValue, comment: String, annualSaving: Money,
                effectiveYear: Int, decidedOn: CivilDate, sourceFile: String, sourceSha256: String, sourceCell: String,
                supersedesId: Int64? = nil) {
        self.id = id; self.positionId = positionId; self.decision = decision; self.comment = comment
        self.annualSaving = annualSaving; self.effectiveYear = effectiveYear; self.decidedOn = decidedOn
        self.sourceFile = sourceFile; self.sourceSha256 = sourceSha256; self.sourceCell = sourceCell; self.supersedesId = supersedesId
    }
}

/// A problem found while reading decisions, with the cell it is about.
public struct ReviewDecisionIssue: Sendable, Hashable, Codable, CustomStringConvertible {
    public var cell: String
    public var messageDE: String
    public var messageEN: String
    /// Both texts as the one bilingual type (the two fields stay: they are the JSON keys).
    public var text: Phrase { Phrase(de: messageDE, en: messageEN) }
    public func message(_ lang: Language) -> String { "\(cell): \(text(lang))" }
    public var description: String { message(.en) }
}

/// What reading a sheet gave: the valid decisions and every problem (nothing is stored while there are problems).
public struct ReviewDecisionReadResult: Sendable {
    public var asOf: CivilDate?
    public var decisions: [ReviewDecisionRecord]
    public var issues: [ReviewDecisionIssue]
    /// Case rows read (with or without a decision).
    public var rowsRead: Int
}

/// The outcome of storing decisions.
public struct ReviewDecisionStoreOutcome: Sendable, Hashable {
    public var inserted = 0
    public var superseded = 0
    /// Decisions already stored identically (re-reading the same workbook).
    public var unchanged = 0
}

/// Reads the committee's decisions back from the filled-in review sheet, validates them against a fresh
/// review run, stores them, and turns saving decisions into budget effects.
///
/// Validation (each problem names its cell, e.g. `Stellenprüfung!L12`): unknown positions, cases that are
/// not in the current review, invalid choices, changed figures (the saving cell differs from the engine's),
/// conflicting decisions for one position in two rows, a decision on an org-unit case. A stored decision is
/// never overwritten silently: a different decision for the same position is an error that names both,
/// unless `supersede` is set; then the new row records which one it supersedes.
public enum ReviewDecisions {
    /// The `source` of every budget effect of a decided review (the projection recognises them by it).
    public static let effectSourcePrefix = "review:"
    /// Column titles in both languages → column key.
    static var titleToKey: [String: String] {
        var m: [String: String] = [:]
        for c in ReviewColumns.all(.de) { m[c.titleDE.lowercased()] = c.key; m[c.titleEN.lowercased()] = c.key; m[c.key] = c.key }
        return m
    }

    /// The column letters for a 0-based column index (0 → A, 26 → AA).
    public static func columnLetters(_ index: Int) -> String {
        var n = index + 1, s = ""
        while n > 0 { let r = (n - 1) % 26; s = String(UnicodeScalar(UInt8(65 + r))) + s; n = (n - 1) / 26 }
        return s
    }

    /// `Sheet!B7` for 0-based row and column; the sheet name is quoted when it holds blanks or punctuation.
    public static func cellAddress(sheet: String, row: Int, column: Int) -> String {
        let plain = sheet.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "." }
        let name = plain ? sheet : "'\(sheet.replacingOccurrences(of: "'", with: "''"))'"
        return "\(name)!\(columnLetters(column))\(row + 1)"
    }

    /// The as-of date written above the table (`Stichtag: yyyy-mm-dd` or `As of: yyyy-mm-dd`).
    public static func findAsOf(grid: [[String?]]) -> CivilDate? {
        for row in grid.prefix(50) {
            for cell in row {
                guard let t = cell, t.contains("Stichtag") || t.lowercased().contains("as of") else { continue }
                if let r = t.range(of: #"\d{4}-\d{2}-\d{2}"#, options: .regularExpression), let d = CivilDate(iso: String(t[r])) { return d }
            }
        }
        return nil
    }

    /// Parses a money cell: plain `1234.5`, `1234.56`, a float text from a workbook, or German `1.234,56 €`.
    static func parseMoney(_ text: String) -> Money? {
        var t = text.trimmingCharacters(in: .whitespacesAndNewlines).replacingOccurrences(of: "€", with: "")
            .replacingOccurrences(of: "EUR", with: "").replacingOccurrences(of: "\u{00A0}", with: "")
            .trimmingCharacters(in: .whitespaces)
        if t.contains(",") { t = t.replacingOccurrences(of: ".", with: "").replacingOccurrences(of: ",", with: ".") }
        guard !t.isEmpty, t.allSatisfy({ $0.isASCIIDigitChar || $0 == "." || $0 == "-" || $0 == "E" || $0 == "e" || $0 == "+" }),
              let d = Decimal(string: t, locale: Locale(identifier: "en_US_POSIX")) else { return nil }
        return Money.rounding(d)
    }

    /// The first budget year in which the position is no longer paid for a whole year: the year of the
    /// later of the as-of date and the expected vacancy date if that day is 1 January, else the next year.
    public static func effectiveYear(asOf: CivilDate, expectedVacancy: CivilDate?) -> Int {
        let d = max(asOf, expectedVacancy ?? asOf)
        return d.month == 1 && d.day == 1 ? d.year : d.year + 1
    }

    /// Reads and validates the decisions of one sheet.
    ///
    /// - Parameters:
    ///   - grid: `grid[r][c]` = text of sheet row r+1, column c+1.
    ///   - input, rules: the same data and rules as the export, so the review can be re-run and compared.
    ///   - asOf: the review date; nil reads it from the sheet's `Stichtag:` / `As of:` line.
    public static func read(grid: [[String?]], sheetName: String, sourceFile: String, sourceSha256: String,
                            input: ReviewInput, rules: ReviewRules, asOf: CivilDate? = nil,
                            decidedOn: CivilDate) throws -> ReviewDecisionReadResult {
        var issues: [ReviewDecisionIssue] = []
        func addr(_ r: Int, _ c: Int) -> String { cellAddress(sheet: sheetName, row: r, column: c) }
        func cell(_ r: Int, _ c: Int?) -> String {
            guard let c, r < grid.count, c < grid[r].count else { return "" }
            return (grid[r][c] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        }
        // Header row: the first row that names the position, check key, saving and decision columns.
        let titles = titleToKey
        var header: (row: Int, cols: [String: Int])?
        for (r, row) in grid.enumerated() {
            var cols: [String: Int] = [:]
            for (c, v) in row.enumerated() {
                if let v, let key = titles[v.trimmingCharacters(in: .whitespaces).lowercased()], cols[key] == nil { cols[key] = c }
            }
            if ["position_id", "check_key", "saving", "decision"].allSatisfy({ cols[$0] != nil }) { header = (r, cols); break }
        }
        guard let header else {
            return ReviewDecisionReadResult(asOf: nil, decisions: [], issues: [ReviewDecisionIssue(
                cell: "\(sheetName)!A1",
                messageDE: "keine Kopfzeile mit den Spalten Stelle, Prüfschlüssel, Jährliche Einsparung und Entscheidung gefunden",
                messageEN: "no header row with the columns Position, Check key, Annual saving and Decision found")], rowsRead: 0)
        }
        guard let date = asOf ?? findAsOf(grid: Array(grid.prefix(header.row))) else {
            return ReviewDecisionReadResult(asOf: nil, decisions: [], issues: [ReviewDecisionIssue(
                cell: "\(sheetName)!A1", messageDE: "kein Stichtag im Blatt gefunden; --as-of angeben",
                messageEN: "no as-of date found in the sheet; pass --as-of")], rowsRead: 0)
        }
        // Decisions stored since the export (this sheet's, read before) remove "re-filled without decision"
        // cases; the sheet was made without them, so the check runs as if none were recorded.
        var input = input; input.decidedPositions = []
        let result = try ReviewEngine(rules: rules).run(input, asOf: date)
        let ctx = ReviewContext(input: input, asOf: date, rules: rules)
        var caseByKey: [String: ReviewCase] = [:]
        for c in result.cases { caseByKey[(c.positionId ?? "org:" + c.orgUnitId) + "|" + c.checkKey] = c }
        var nextVacancy: [String: CivilDate] = [:]
        for v in input.vacancies where v.filledDate.map({ $0 > date }) ?? true {
            if let have = nextVacancy[v.positionId], have <= v.expectedDate { continue }
            nextVacancy[v.positionId] = v.expectedDate
        }

        let cols = header.cols
        var seenKeys: [String: String] = [:]
        var byPosition: [String: (record: ReviewDecisionRecord, cell: String)] = [:]
        var order: [String] = []
        var rowsRead = 0
        for r in (header.row + 1)..<grid.count {
            // A wholly empty row ends the table (a CSV export may carry the summary after it).
            if grid[r].allSatisfy({ ($0 ?? "").trimmingCharacters(in: .whitespaces).isEmpty }) { break }
            let pid = cell(r, cols["position_id"]), checkKey = cell(r, cols["check_key"])
            if pid.isEmpty && checkKey.isEmpty { continue }
            rowsRead += 1
            let orgUnit = cell(r, cols["org_unit"])
            let key = (pid.isEmpty ? "org:" + orgUnit : pid) + "|" + checkKey
            let posCell = addr(r, cols["position_id"]!)
            if let first = seenKeys[key] {
                issues.append(.init(cell: posCell, messageDE: "Fall steht doppelt im Blatt (auch in \(first))",
                                    messageEN: "case appears twice in the sheet (also in \(first))"))
                continue
            }
            seenKeys[key] = posCell
            if !pid.isEmpty && ctx.positionIndex[pid] == nil {
                issues.append(.init(cell: posCell, messageDE: "unbekannte Stelle '\(pid)'", messageEN: "unknown position '\(pid)'"))
                continue
            }
            guard let theCase = caseByKey[key] else {
                issues.append(.init(cell: addr(r, cols["check_key"]!),
                                    messageDE: "Fall '\(checkKey)' für \(pid.isEmpty ? orgUnit : pid) gibt es in der Prüfung zum \(date.iso) nicht (geänderte Daten oder Regeln?)",
                                    messageEN: "case '\(checkKey)' for \(pid.isEmpty ? orgUnit : pid) is not in the review as of \(date.iso) (changed data or rules?)"))
                continue
            }
            // Changed figures.
            let savingText = cell(r, cols["saving"])
            let savingCell = addr(r, cols["saving"]!)
            if savingText.isEmpty {
                if let s = theCase.annualSaving {
                    issues.append(.init(cell: savingCell, messageDE: "Einsparung fehlt; berechnet sind \(ReviewText.money(s, .de))",
                                        messageEN: "saving is missing; the engine computes \(ReviewText.money(s, .en))"))
                }
            } else if let m = parseMoney(savingText) {
                if m != theCase.annualSaving {
                    let eDE = theCase.annualSaving.map { ReviewText.money($0, .de) } ?? "keine", eEN = theCase.annualSaving.map { ReviewText.money($0, .en) } ?? "none"
                    issues.append(.init(cell: savingCell, messageDE: "geänderte Zahl: im Blatt \(ReviewText.money(m, .de)), berechnet \(eDE)",
                                        messageEN: "changed figure: the sheet says \(ReviewText.money(m, .en)), the engine computes \(eEN)"))
                }
            } else {
                issues.append(.init(cell: savingCell, messageDE: "keine Zahl: '\(savingText)'", messageEN: "not a number: '\(savingText)'"))
            }
            let decisionText = cell(r, cols["decision"])
            guard !decisionText.isEmpty else { continue }
            let decisionCell = addr(r, cols["decision"]!)
            guard let value = ReviewDecisionValue(label: decisionText) else {
                let allowedDE = ReviewDecisionValue.allCases.map { $0.label(.de) }.joined(separator: ", ")
                let allowedEN = ReviewDecisionValue.allCases.map { $0.label(.en) }.joined(separator: ", ")
                issues.append(.init(cell: decisionCell, messageDE: "ungültige Entscheidung '\(decisionText)' (erlaubt: \(allowedDE))",
                                    messageEN: "invalid decision '\(decisionText)' (allowed: \(allowedEN))"))
                continue
            }
            guard let posId = theCase.positionId, let pi = ctx.positionIndex[posId] else {
                issues.append(.init(cell: decisionCell, messageDE: "Entscheidungen gelten Stellen; dieser Fall betrifft die Organisationseinheit \(theCase.orgUnitId)",
                                    messageEN: "decisions apply to positions; this case concerns org unit \(theCase.orgUnitId)"))
                continue
            }
            let position = input.positions[pi]
            if value.saves, let prot = ctx.protection(pi) {
                issues.append(.init(cell: decisionCell, messageDE: "Stelle \(posId) ist geschützt (\(prot.kind.label(.de)), \(prot.source)); keine Einsparentscheidung möglich",
                                    messageEN: "position \(posId) is protected (\(prot.kind.label(.en)), \(prot.source)); no saving decision possible"))
                continue
            }
            var saving = Money.zero
            if value.saves {
                guard let cost = ctx.annualCost(position) else {
                    issues.append(.init(cell: decisionCell, messageDE: "keine Personalkosten für \(position.payGrade); Entscheidung nicht bewertbar",
                                        messageEN: "no pay cost for \(position.payGrade); the decision cannot be valued"))
                    continue
                }
                saving = value == .automateFirst ? cost.multiplied(by: ctx.rules.automateFirstShare) : cost
            }
            let comment = cell(r, cols["comment"])
            let record = ReviewDecisionRecord(
                positionId: posId, decision: value, comment: comment, annualSaving: saving,
                effectiveYear: effectiveYear(asOf: date, expectedVacancy: nextVacancy[posId]), decidedOn: decidedOn,
                sourceFile: sourceFile, sourceSha256: sourceSha256, sourceCell: decisionCell)
            if let have = byPosition[posId] {
                if have.record.decision != value {
                    issues.append(.init(cell: decisionCell,
                                        messageDE: "Stelle \(posId): Entscheidung '\(value.label(.de))' widerspricht '\(have.record.decision.label(.de))' in \(have.cell)",
                                        messageEN: "position \(posId): decision '\(value.label(.en))' contradicts '\(have.record.decision.label(.en))' in \(have.cell)"))
                } else if !comment.isEmpty && comment != have.record.comment {
                    byPosition[posId]!.record.comment = have.record.comment.isEmpty ? comment : have.record.comment + " | " + comment
                }
                continue
            }
            byPosition[posId] = (record, decisionCell)
            order.append(posId)
        }
        return ReviewDecisionReadResult(asOf: date, decisions: order.map { byPosition[$0]!.record }, issues: issues, rowsRead: rowsRead)
    }

    /// Current (not superseded) decisions in the store, by position.
    public static func current(in store: Store) throws -> [ReviewDecisionRecord] {
        try store.currentReviewDecisions().compactMap(record)
    }

    /// A stored row as a decision; nil for a decision or date the store should not hold.
    static func record(_ r: StoredReviewDecision) -> ReviewDecisionRecord? {
        guard let v = ReviewDecisionValue(rawValue: r.decision), let d = CivilDate(iso: r.decidedOn) else { return nil }
        return ReviewDecisionRecord(id: r.id, positionId: r.positionId, decision: v, comment: r.comment, annualSaving: Money(cents: r.annualSavingCents),
                                    effectiveYear: r.effectiveYear, decidedOn: d, sourceFile: r.sourceFile, sourceSha256: r.sourceSha256,
                                    sourceCell: r.sourceCell, supersedesId: r.supersedesId)
    }

    /// A stored decision differs from a new one for the same position and `supersede` was not given.
    public struct Conflict: Error, Sendable, CustomStringConvertible {
        public var conflicts: [(old: ReviewDecisionRecord, new: ReviewDecisionRecord)]
        public func message(_ lang: Language) -> String {
            conflicts.map { c in
                lang == .de
                ? "\(c.new.sourceCell): Stelle \(c.new.positionId) ist bereits entschieden: '\(c.old.decision.label(.de))' (\(c.old.sourceFile), \(c.old.sourceCell), \(c.old.decidedOn.iso)); neu: '\(c.new.decision.label(.de))'. Mit --supersede ersetzen."
                : "\(c.new.sourceCell): position \(c.new.positionId) is already decided: '\(c.old.decision.label(.en))' (\(c.old.sourceFile), \(c.old.sourceCell), \(c.old.decidedOn.iso)); new: '\(c.new.decision.label(.en))'. Use --supersede to replace it."
            }.joined(separator: "\n")
        }
        public var description: String { message(.en) }
    }

    /// Stores decisions in one transaction. Identical decisions already stored are skipped; a different one
    /// for the same position is a `Conflict` (nothing is written) unless `supersede` is true.
    @discardableResult
    public static func store(_ decisions: [ReviewDecisionRecord], in store: Store, supersede: Bool,
                             recordedAt: String = ISO8601DateFormatter().string(from: Date())) throws -> ReviewDecisionStoreOutcome {
        try store.writeReviewDecisions(recordedAt: recordedAt) { currentOf in
            var outcome = ReviewDecisionStoreOutcome()
            var conflicts: [(old: ReviewDecisionRecord, new: ReviewDecisionRecord)] = []
            var plan: [StoredReviewDecision] = []
            for d in decisions {
                if let old = try currentOf(d.positionId).flatMap(record) {
                    if old.decision == d.decision && old.comment == d.comment && old.annualSaving == d.annualSaving
                        && old.effectiveYear == d.effectiveYear {
                        outcome.unchanged += 1; continue
                    }
                    if !supersede { conflicts.append((old, d)); continue }
                    plan.append(stored(d, supersedes: old.id)); outcome.superseded += 1
                } else {
                    plan.append(stored(d, supersedes: nil))
                }
            }
            if !conflicts.isEmpty { throw Conflict(conflicts: conflicts) }
            outcome.inserted += plan.count
            return (plan, outcome)
        }
    }

    /// A decision as a row to store, superseding the row `supersedes`.
    static func stored(_ d: ReviewDecisionRecord, supersedes: Int64?) -> StoredReviewDecision {
        StoredReviewDecision(id: nil, positionId: d.positionId, decision: d.decision.rawValue, comment: d.comment,
                             annualSavingCents: d.annualSaving.cents, effectiveYear: d.effectiveYear, decidedOn: d.decidedOn.iso,
                             sourceFile: d.sourceFile, sourceSha256: d.sourceSha256, sourceCell: d.sourceCell, supersedesId: supersedes)
    }

    /// The decided savings as budget effects for the consolidation projection: for every no-refill, kw and
    /// automate-first decision, an expense change of −(annual saving) in each year from its effective year
    /// through `lastYear`, at the cost table's prices (no pay-rise indexation).
    public static func budgetEffects(_ decisions: [ReviewDecisionRecord], through lastYear: Int) -> [BudgetEffect] {
        var out: [BudgetEffect] = []
        for d in decisions where d.decision.saves && d.annualSaving != .zero && d.effectiveYear <= lastYear {
            // A projection covers at most 10 years before `lastYear`: earlier years are never looked at (and a
            // stored year far in the past would make this loop endless).
            for year in max(d.effectiveYear, lastYear - 10)...lastYear {
                out.append(BudgetEffect(source: effectSourcePrefix + "decided",
                                        description: "Stelle \(d.positionId): \(d.decision.label(.de)) (\(d.sourceCell))",
                                        fiscalYear: year, expenseChange: -d.annualSaving))
            }
        }
        return out
    }

    /// The budget effects of the decisions currently stored.
    public static func budgetEffects(store: Store, through lastYear: Int) throws -> [BudgetEffect] {
        budgetEffects(try current(in: store), through: lastYear)
    }

    /// Parses CSV text (comma or semicolon, RFC 4180 quotes) into a grid, for a CSV export of the sheet.
    public static func csvGrid(_ text: String) -> [[String?]] {
        let firstLine = text.prefix { $0 != "\n" }
        let sep: Character = firstLine.filter({ $0 == ";" }).count > firstLine.filter({ $0 == "," }).count ? ";" : ","
        var rows: [[String?]] = [], row: [String?] = [], field = "", quoted = false, inQuotes = false
        var it = Array(text.replacingOccurrences(of: "\r\n", with: "\n")).makeIterator()
        var pending: Character? = nil
        func endField() { row.append(field.isEmpty && !quoted ? nil : field); field = ""; quoted = false }
        while let ch = pending ?? it.next() {
            pending = nil
            if inQuotes {
                if ch == "\"" {
                    if let n = it.next() { if n == "\"" { field.append("\"") } else { inQuotes = false; pending = n } } else { inQuotes = false }
                } else { field.append(ch) }
            } else if ch == "\"" { inQuotes = true; quoted = true }
            else if ch == sep { endField() }
            else if ch == "\n" { endField(); rows.append(row); row = [] }
            else { field.append(ch) }
        }
        if !field.isEmpty || quoted || !row.isEmpty { endField(); rows.append(row) }
        return rows
    }
}
