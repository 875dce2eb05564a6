import Foundation

/// The position review for the terminal: the ranked list with reasons, the summary by org unit, the re-fill
/// KPI and the further tables as text; the whole result as JSON (plain numbers, ISO dates: a machine format).
/// `pruefstand review` prints these; its CSV goes through the one CSV writer (`CSVWriter.cli`).
public enum ReviewTerminalOutput {
    static func money(_ m: Money, _ lang: Language) -> String { NumberText.euros(m, lang) }

    public static func text(_ r: ReviewResult, lang: Language, names: CodeNames = CodeNames()) -> String {
        let de = lang == .de
        var out = de ? "Stellenprüfung zum \(r.asOf.german) (\(r.cases.count) Fälle; Regeln: \(r.rulesOrigin))\n\n"
                     : "Position review as of \(r.asOf.iso) (\(r.cases.count) cases; rules: \(r.rulesOrigin))\n\n"
        func pad(_ s: String, _ n: Int, right: Bool = false) -> String {
            s.count >= n ? s : (right ? String(repeating: " ", count: n - s.count) + s : s + String(repeating: " ", count: n - s.count))
        }
        out += pad("#", 5, right: true) + "  " + pad(de ? "Stelle" : "Position", 12) + pad(de ? "OE" : "Unit", 10)
            + pad(de ? "OE-Bezeichnung" : "Unit name", 25) + pad(de ? "Prüfung" : "Check", 28) + pad(de ? "Punkte" : "Score", 7, right: true) + pad(de ? "Einsparung p. a." : "Saving p. a.", 18, right: true) + "\n"
        for (i, c) in r.cases.enumerated() {
            out += pad("\(i + 1)", 5, right: true) + "  " + pad(c.positionId ?? "–", 12) + pad(c.orgUnitId, 10)
                + pad(String((names.name(of: c.orgUnitId, in: "org_unit") ?? "").prefix(24)), 25) + pad(c.check.name(lang) + (c.kind == c.check.rawValue ? "" : " (\(c.kind))"), 28)
                + pad("\(c.score)", 7, right: true) + pad(c.annualSaving.map { money($0, lang) } ?? "", 18, right: true) + "\n"
            out += "       " + c.reason(lang) + "\n"
        }
        out += de ? "\nÜbersicht nach Organisationseinheit\n" : "\nSummary by org unit\n"
        out += pad(de ? "OE" : "Unit", 10) + pad("Name", 30) + pad(de ? "Fälle" : "Cases", 7, right: true)
            + pad(de ? "Stellen" : "Positions", 10, right: true) + pad(de ? "VZÄ" : "FTE", 10, right: true)
            + pad(de ? "Einsparung p. a." : "Saving p. a.", 20, right: true) + "\n"
        var total = Money.zero, cases = 0, positions = 0, fte = FTE.zero
        for s in r.summary {
            out += pad(s.orgUnitId, 10) + pad(String(s.name.prefix(29)), 30) + pad("\(s.cases)", 7, right: true)
                + pad("\(s.positions)", 10, right: true) + pad(fteText(s.fte, lang), 10, right: true)
                + pad(money(s.potentialSaving, lang), 20, right: true) + "\n"
            total += s.potentialSaving; cases += s.cases; positions += s.positions; fte = fte + s.fte
        }
        out += pad(de ? "Summe" : "Total", 40) + pad("\(cases)", 7, right: true) + pad("\(positions)", 10, right: true)
            + pad(fteText(fte, lang), 10, right: true) + pad(money(total, lang), 20, right: true) + "\n"
        let k = r.kpi
        let share = k.externalOrLateralShare.map { pct($0, lang) } ?? (de ? "keine Angaben" : "no data")
        out += de
            ? "\nWiederbesetzungen extern oder Quereinstieg: \(share) (\(k.externalCount) extern, \(k.lateralCount) Quereinstieg, \(k.internalCount) intern; \(k.unknownCount) ohne Angabe)\n"
            : "\nRe-fills from external applicants or lateral entrants: \(share) (\(k.externalCount) external, \(k.lateralCount) lateral, \(k.internalCount) internal; \(k.unknownCount) not recorded)\n"
        for t in [r.protectedTable(lang: lang), r.notAssessedTable(lang: lang), r.departmentsTable(lang: lang), r.refillSourcesTable(lang: lang)] {
            out += "\n\(t.title(lang)) (\(t.rows.count))\n"
            for row in t.rows { out += "  " + row.map { displayText($0, lang) }.filter { !$0.isEmpty }.joined(separator: " | ") + "\n" }
        }
        return out
    }

    static func fteText(_ f: FTE, _ lang: Language) -> String {
        lang == .de ? String(f.description.map { $0 == "." ? "," : $0 }) : f.description
    }

    static func pct(_ d: Decimal, _ lang: Language) -> String {
        var v = d * 100, r = Decimal()
        NSDecimalRound(&r, &v, 1, .plain)
        let s = NSDecimalNumber(decimal: r).stringValue
        return (lang == .de ? s.replacingOccurrences(of: ".", with: ",") : s) + " %"
    }

    /// A cell in running text: amounts, numbers and dates in the language's form (`NumberText`).
    static func displayText(_ c: ReportTable.Cell, _ lang: Language) -> String {
        switch c {
        case .money(let m): return NumberText.euros(m, lang)
        case .decimal(let d): return NumberText.decimal(d, lang)
        case .percent(let d): return NumberText.percent(d, lang)
        case .date(let d): return NumberText.date(d, lang)
        case .formula(_, let cached): return displayText(cached, lang)
        default: return cellText(c)
        }
    }

    /// A cell for JSON: plain numbers and ISO dates (a machine format).
    static func cellText(_ c: ReportTable.Cell) -> String {
        switch c {
        case .empty: return ""
        case .text(let s): return s
        case .money(let m): return m.plainString
        case .integer(let i): return String(i)
        case .decimal(let d), .percent(let d): return NSDecimalNumber(decimal: d).stringValue
        case .date(let d): return d.iso
        case .formula(_, let cached): return cellText(cached)
        }
    }


    public static func json(_ r: ReviewResult, lang: Language) throws -> String {
        struct Case: Encodable {
            var rank: Int, positionId: String?, orgUnit: String, check: String, kind: String, checkName: String, score: Int
            var annualSaving: String?, fte: String?, payGrade: String, reasons: String
        }
        struct Summary: Encodable { var orgUnit: String, name: String, cases: Int, positions: Int, fte: String, potentialSaving: String }
        struct KPI: Encodable { var `internal`: Int, external: Int, lateral: Int, notRecorded: Int, externalOrLateralShare: String? }
        struct Doc: Encodable {
            var asOf: String, rules: String, cases: [Case], summary: [Summary], kpi: KPI, diagnostics: [String]
            var protected: [[String: String]], notAssessed: [[String: String]], departments: [[String: String]], refillSources: [[String: String]]
        }
        /// A further table as a list of {column key: cell text}.
        func rows(_ t: ReportTable) -> [[String: String]] {
            t.rows.map { row in Dictionary(uniqueKeysWithValues: zip(t.columns.map(\.key), row.map(cellText))) }
        }
        let doc = Doc(
            asOf: r.asOf.iso, rules: r.rulesOrigin,
            cases: r.cases.enumerated().map { i, c in
                Case(rank: i + 1, positionId: c.positionId, orgUnit: c.orgUnitId, check: c.check.rawValue, kind: c.kind,
                     checkName: c.check.name(lang), score: c.score, annualSaving: c.annualSaving?.plainString,
                     fte: c.positionId == nil ? nil : c.fte.description, payGrade: c.payGrade, reasons: c.reason(lang))
            },
            summary: r.summary.map { Summary(orgUnit: $0.orgUnitId, name: $0.name, cases: $0.cases, positions: $0.positions,
                                             fte: $0.fte.description, potentialSaving: $0.potentialSaving.plainString) },
            kpi: KPI(internal: r.kpi.internalCount, external: r.kpi.externalCount, lateral: r.kpi.lateralCount,
                     notRecorded: r.kpi.unknownCount, externalOrLateralShare: r.kpi.externalOrLateralShare.map { NSDecimalNumber(decimal: $0).stringValue }),
            diagnostics: r.diagnostics.map { $0.message(lang) },
            protected: rows(r.protectedTable(lang: lang)), notAssessed: rows(r.notAssessedTable(lang: lang)),
            departments: rows(r.departmentsTable(lang: lang)), refillSources: rows(r.refillSourcesTable(lang: lang)))
        let enc = JSONEncoder()
        enc.outputFormatting = [.prettyPrinted, .sortedKeys]
        return String(decoding: try enc.encode(doc), as: UTF8.self)
    }
}
