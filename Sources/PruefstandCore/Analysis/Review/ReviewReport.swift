import Foundation

/// A committee decision on a review case, as stored in `reviewDecision.decision`.
public enum ReviewDecisionValue: String, Sendable, Codable, CaseIterable, Labelled {
    case refill = "refill"
    case noRefill = "no-refill"
    case kw = "kw"
    case automateFirst = "automate-first"
    case deferred = "defer"

    /// Its label (`labels.tsv`) is the choice in the workbook's dropdown.
    public static let labelGroup = "review_decision"

    /// Accepts a dropdown label in either language or the stored value (case and surrounding blanks ignored).
    public init?(label: String) {
        let t = label.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        for v in ReviewDecisionValue.allCases where [v.rawValue, v.label(.de).lowercased(), v.label(.en).lowercased()].contains(t) {
            self = v; return
        }
        return nil
    }

    /// Whether the decision saves money in the budget (and so yields a `BudgetEffect`).
    public var saves: Bool { self == .noRefill || self == .kw || self == .automateFirst }
}

/// Column keys of the review list; the decisions read-back finds its columns by these titles.
public enum ReviewColumns {
    public static let list = ReportColumns.list("rank position_id org_unit title pay_grade fte check_key check_name score saving reasons", table: "review")
    public static func decision(_ lang: Language) -> ReportTable.Column {
        var column = ReportColumns.list("decision", table: "review")[0]
        column.choices = ReviewDecisionValue.allCases.map { $0.label(lang) }
        column.isInput = true
        return column
    }
    public static let comment = ReportColumns.list("comment", table: "review")[0]
    public static func all(_ lang: Language) -> [ReportTable.Column] { list + [decision(lang), comment] }
}

extension ReviewCase {
    /// The value of the check-key column: the check, with the kind where the check has several,
    /// e.g. `refill`, `leadership_span:depth`, `overhead:hr`.
    public var checkKey: String { kind == check.rawValue ? check.rawValue : "\(check.rawValue):\(kind)" }
}

extension ReviewResult {
    /// The workbook's review sheets: the ranked list with decision and comment columns, the summary by org
    /// unit, the re-fill KPI, and the further sheets (`furtherTables`: protected posts, not assessed,
    /// leadership by department, re-fills by department).
    ///
    /// The list's key columns (`position_id`, `check_key`, `saving`) let `ReviewDecisions.read` verify a
    /// filled-in workbook against the engine. The as-of date is the first note line (`Stichtag: yyyy-mm-dd`).
    public func reportTables(lang: Language = .de) -> [ReportTable] {
        [listTable(lang: lang), summaryTable(lang: lang), kpiTable(lang: lang)] + furtherTables(lang: lang)
    }

    public func listTable(lang: Language = .de) -> ReportTable {
        var rows: [[ReportTable.Cell]] = []
        rows.reserveCapacity(cases.count)
        for (i, c) in cases.enumerated() {
            rows.append([
                .integer(Int64(i + 1)), c.positionId.map { .text($0) } ?? .empty, .text(c.orgUnitId),
                .text(c.title), .text(c.payGrade), c.positionId == nil ? .empty : .decimal(Decimal(sign: .plus, exponent: -4, significand: Decimal(c.fte.units))),
                .text(c.checkKey), .text(registry.name(c.check, lang)), .integer(Int64(c.score)),
                c.annualSaving.map { .money($0) } ?? .empty, .text(c.reason(lang)), .empty, .empty,
            ])
        }
        let choices = ReviewDecisionValue.allCases.map { "\($0.label(lang)) = \($0.rawValue)" }.joined(separator: ", ")
        return ReportTable(table: "review", lang: lang, values: ["as_of": asOf.iso, "rules": rulesOrigin, "choices": choices,
                                                                 "tables": costSources.joined(separator: "; ")],
                           notes: costSources.isEmpty ? [] : ["pay_cost_tables"], columns: ReviewColumns.all(lang), rows: rows)
    }

    public func summaryTable(lang: Language = .de) -> ReportTable {
        let rows: [[ReportTable.Cell]] = summary.map {
            [.text($0.orgUnitId), .text($0.name), .integer(Int64($0.cases)), .integer(Int64($0.positions)),
             .decimal($0.fte.decimal), .money($0.potentialSaving)]
        }
        return ReportTable(table: "review_summary", lang: lang, values: ["as_of": asOf.iso], rows: rows)
    }

    public func kpiTable(lang: Language = .de) -> ReportTable {
        let n = Decimal(kpi.knownCount)
        func share(_ c: Int) -> ReportTable.Cell { n == 0 ? .empty : .percent(Decimal(c) / n) }
        let de = lang == .de
        var rows: [[ReportTable.Cell]] = [
            [.text(de ? "intern" : "internal"), .integer(Int64(kpi.internalCount)), share(kpi.internalCount)],
            [.text(de ? "extern" : "external"), .integer(Int64(kpi.externalCount)), share(kpi.externalCount)],
            [.text(de ? "Quereinstieg" : "lateral entrants"), .integer(Int64(kpi.lateralCount)), share(kpi.lateralCount)],
            [.text(de ? "extern oder Quereinstieg" : "external or lateral"), .integer(Int64(kpi.externalCount + kpi.lateralCount)),
             kpi.externalOrLateralShare.map { .percent($0) } ?? .empty],
        ]
        rows.append([.text(de ? "ohne Angabe (nicht im Anteil)" : "not recorded (not in the share)"), .integer(Int64(kpi.unknownCount)), .empty])
        return ReportTable(table: "review_kpi", lang: lang, values: ["as_of": asOf.iso], rows: rows)
    }
}
