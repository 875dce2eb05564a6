import Foundation

extension VarianceDriver.Kind {
    /// The kind in the report's language: Konto, Produkt, Kreditor.
    public func name(_ lang: Language) -> String {
        switch self {
        case .account: return lang == .de ? "Konto" : "Account"
        case .product: return lang == .de ? "Produkt" : "Product"
        case .vendor: return lang == .de ? "Kreditor" : "Vendor"
        }
    }
}

extension VarianceDimension {
    /// Titles of the key columns in German and English.
    public static let keyTitles: [String: (String, String)] = [
        "product": ("Produkt", "Product"), "account": ("Konto", "Account"),
        "product_group": ("Produktgruppe", "Product group"), "product_area": ("Produktbereich", "Product area"),
        "account_group": ("Kontengruppe", "Account group"), "cost_center": ("Kostenstelle", "Cost centre"),
        "org_unit": ("Organisationseinheit", "Org unit"),
    ]

    /// The joined title of the key columns, `Produkt / Konto`.
    public func keyTitle(_ lang: Language) -> String {
        keyColumns.map { k in Self.keyTitles[k].map { lang == .de ? $0.0 : $0.1 } ?? k }.joined(separator: " / ")
    }
}

extension VarianceReport {
    /// CSV with a header line, `\n` line ends, euros with a decimal point.
    ///
    /// For `product,account` the columns are exactly `product,account,plan,actual,variance,variance_pct`
    /// (the benchmark's format); other dimensions add `annual_plan,forecast_run_rate,forecast_seasonal,flagged`.
    public func csv() -> String {
        // Through the one CSV writer (`CSVWriter`): keys are text from data (neutralised), figures are not.
        var out: [UInt8] = []
        out.reserveCapacity(rows.count * 64)
        let extra = dimension != .productAccount
        var header = dimension.keyColumns + ["plan", "actual", "variance", "variance_pct"]
        if extra { header += ["annual_plan", "forecast_run_rate", "forecast_seasonal", "flagged"] }
        CSVWriter.appendRecord(header.map { ($0, false) }, separator: 44, lineEnding: .lf, to: &out)
        for r in rows {
            var fields: [(text: String, isText: Bool)] = r.keys.map { ($0, true) }
            fields += [(r.plan.plainString, false), (r.actual.plainString, false), (r.variance.plainString, false),
                       (r.variancePercentString, false)]
            if extra {
                fields += [(r.annualPlan.plainString, false), (r.forecastRunRate.plainString, false),
                           (r.forecastSeasonal.plainString, false), (r.flagged ? "1" : "0", false)]
            }
            CSVWriter.appendRecord(fields, separator: 44, lineEnding: .lf, to: &out)
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// A JSON-ready dictionary (money as decimal strings `1234.56`).
    public func jsonObject() -> [String: Any] {
        [
            "year": year, "dimension": dimension.rawValue, "through_month": throughMonth, "phasing": phasing.rawValue,
            "threshold_absolute": thresholds.absolute.plainString, "threshold_percent": "\(thresholds.percent)",
            "total_plan": totalPlan.plainString, "total_actual": totalActual.plainString, "notes": notes,
            "rows": rows.map { r -> [String: Any] in
                var o: [String: Any] = [:]
                for (c, k) in zip(dimension.keyColumns, r.keys) { o[c] = k }
                o["plan"] = r.plan.plainString; o["annual_plan"] = r.annualPlan.plainString
                o["actual"] = r.actual.plainString; o["variance"] = r.variance.plainString
                o["variance_pct"] = r.variancePercentTenths.map { _ in r.variancePercentString } ?? NSNull()
                o["forecast_run_rate"] = r.forecastRunRate.plainString
                o["forecast_seasonal"] = r.forecastSeasonal.plainString
                o["flagged"] = r.flagged
                if !r.drivers.isEmpty {
                    o["drivers"] = r.drivers.map { ["kind": $0.kind.rawValue, "key": $0.key, "amount": $0.amount.plainString,
                                                    "actual": $0.actual.plainString] }
                }
                return o
            },
        ]
    }

    /// Tables for the workbook: plan/actual (variance and variance % as formulas with the engine's
    /// value cached) and the drivers of the flagged rows.
    /// The closing line of the terminal table: totals of plan and actual and the number of flagged rows.
    public func totalLine(_ lang: Language) -> String {
        lang == .de
            ? "Summe Plan \(totalPlan.germanString), Ist \(totalActual.germanString), \(flaggedRows.count) auffällige Zeile(n).\n"
            : "Total plan \(NumberText.euros(totalPlan, .en)), actual \(NumberText.euros(totalActual, .en)), \(flaggedRows.count) flagged row(s).\n"
    }

    public func reportTables(lang: Language = .de) -> [ReportTable] {
        let de = lang == .de
        let keyTitles = VarianceDimension.keyTitles
        var cols = dimension.keyColumns.map { ReportTable.Column($0, de: keyTitles[$0]!.0, en: keyTitles[$0]!.1, kind: .text) }
        let period = throughMonth == 12 ? "" : " (bis Monat \(throughMonth))"   // column titles carry both languages
        let periodEN = throughMonth == 12 ? "" : " (through month \(throughMonth))"
        cols += [
            .init("plan", de: "Plan" + period, en: "Plan" + periodEN, kind: .money, total: true),
            .init("actual", de: "Ist" + period, en: "Actual" + periodEN, kind: .money, total: true),
        ]
        let tableRows: [[ReportTable.Cell]] = rows.map { r in
            r.keys.map { .text($0) } + [
                .money(r.plan), .money(r.actual),
                .formula("={col:actual}{r}-{col:plan}{r}", cached: .money(r.variance)),
                .formula("=IF({col:plan}{r}=0,\"\",({col:actual}{r}-{col:plan}{r})/{col:plan}{r})",
                         cached: r.varianceShare.map { .percent($0) } ?? .text("")),
                .money(r.annualPlan), .money(r.forecastRunRate), .money(r.forecastSeasonal),
                .text(r.flagged ? (de ? "ja" : "yes") : ""),
            ]
        }
        var variance = ReportTable(table: "variance", lang: lang, values: [
            "year": String(year), "absolute": NumberText.euros(thresholds.absolute, lang), "percent": NumberText.decimal(thresholds.percent, lang),
        ], notes: [phasing == .even ? "method_even" : "method_seasonal"], rows: tableRows)
        variance.columns = cols + variance.columns
        variance.notes += de || notesEN.count != notes.count ? notes : notesEN
        var driverRows: [[ReportTable.Cell]] = []
        for r in rows where r.flagged {
            for d in r.drivers {
                driverRows.append([.text(r.keys.joined(separator: " / ")), .money(r.variance), .text(d.kind.name(lang)),
                                   .text(d.key), .money(d.amount), d.kind == .vendor ? .money(d.actual) : .empty])
            }
        }
        let drivers = ReportTable(table: "variance_drivers", lang: lang, rows: driverRows)
        return [variance, drivers]
    }

    /// Overview: the ten largest variances (by absolute amount).
    public func largestVariancesTable(_ n: Int = 10) -> ReportTable {
        var t = ReportTable(table: "largest_variances", lang: nil, rows: largest(n).map { r in
            [.text(r.keys.joined(separator: " / ")), .money(r.plan), .money(r.actual),
             .formula("={col:actual}{r}-{col:plan}{r}", cached: .money(r.variance)),
             .formula("=IF({col:plan}{r}=0,\"\",({col:actual}{r}-{col:plan}{r})/{col:plan}{r})",
                      cached: r.varianceShare.map { .percent($0) } ?? .text(""))]
        })
        t.columns.insert(.init("row", de: dimension.keyTitle(.de), en: dimension.keyTitle(.en), kind: .text), at: 0)
        return t
    }
}

/// Formatting helpers shared by the controlling commands.
public enum ControllingFormat {
    /// The text of one cell for plain-text and CSV output (money `1234.56`, percent `12.5`).
    public static func plain(_ cell: ReportTable.Cell) -> String {
        switch cell {
        case .empty: return ""
        case let .text(s): return s
        case let .money(m): return m.plainString
        case let .integer(i): return String(i)
        case let .decimal(d): return "\(d)"
        case let .percent(p): return NumberText.percentPlain(p)
        case let .date(d): return d.iso
        case let .formula(_, cached): return plain(cached)
        }
    }

    /// Display text of a cell for the terminal: German forms (`1.234,56 €`, `12,5 %`), or with `.en` NumberText's.
    public static func display(_ cell: ReportTable.Cell, _ lang: Language = .de) -> String {
        switch cell {
        case let .money(m): return NumberText.euros(m, lang)
        case let .percent(p): return NumberText.percent(p, lang)
        case let .date(d): return NumberText.date(d, lang)
        case let .decimal(d): return NumberText.decimal(d, lang)
        case let .formula(_, cached): return display(cached, lang)
        default: return plain(cell)
        }
    }

    /// CSV of one report table (header = column keys; money with decimal point; percent as `12.5`; `\n`
    /// line ends): the one CSV writer's command-line form (`CSVWriter.cli`).
    public static func csv(_ table: ReportTable) -> String { CSVWriter.cli(table) }

    /// Aligned plain-text rendering of tables for the terminal; at most `limit` rows each.
    public static func text(_ tables: [ReportTable], lang: Language = .de, limit: Int = 50) -> String {
        var out = ""
        for t in tables {
            out += "\(t.title(lang))\n"
            for n in t.notes { out += "  \(n)\n" }
            let shown = t.rows.prefix(limit).map { $0.map { display($0, lang) } }
            let lines = t.alignedLines(header: t.columns.map { $0.title(lang) }, rows: Array(shown), leftAligned: [.text, .date]).lines
            for l in lines { out += l.trimmingCharacters(in: .whitespaces) + "\n" }
            if t.rows.count > limit {
                out += lang == .de ? "… \(t.rows.count - limit) weitere Zeilen (--format csv zeigt alle)\n"
                                   : "… \(t.rows.count - limit) more rows (--format csv shows all)\n"
            }
            out += "\n"
        }
        return out
    }
}

extension ControllingFormat {
    /// JSON text of a tree of dictionaries, arrays, strings, integers, doubles, booleans and `NSNull`,
    /// with sorted keys and two-space indentation. Faster than `JSONSerialization` for the audit's
    /// hundreds of thousands of posting ids.
    public static func json(_ value: Any) -> String {
        var out = ""
        write(value, into: &out, indent: 0)
        out += "\n"
        return out
    }

    static func write(_ value: Any, into out: inout String, indent: Int) {
        let pad = String(repeating: "  ", count: indent + 1), close = String(repeating: "  ", count: indent)
        switch value {
        case let d as [String: Any]:
            if d.isEmpty { out += "{}"; return }
            out += "{\n"
            for (i, k) in d.keys.sorted().enumerated() {
                out += pad; writeString(k, into: &out); out += ": "
                write(d[k]!, into: &out, indent: indent + 1)
                out += i == d.count - 1 ? "\n" : ",\n"
            }
            out += close + "}"
        case let a as [Int64]:
            out += "[" + a.map(String.init).joined(separator: ", ") + "]"
        case let a as [Int]:
            out += "[" + a.map(String.init).joined(separator: ", ") + "]"
        case let a as [String]:
            out += "["
            for (i, s) in a.enumerated() { if i > 0 { out += ", " }; writeString(s, into: &out) }
            out += "]"
        case let a as [Any]:
            if a.isEmpty { out += "[]"; return }
            out += "[\n"
            for (i, v) in a.enumerated() {
                out += pad; write(v, into: &out, indent: indent + 1)
                out += i == a.count - 1 ? "\n" : ",\n"
            }
            out += close + "]"
        case let s as String: writeString(s, into: &out)
        case let b as Bool: out += b ? "true" : "false"
        case let i as Int: out += String(i)
        case let i as Int64: out += String(i)
        case let d as Double: out += d.isFinite ? "\(d)" : "null"
        case let d as Decimal: out += "\(d)"
        default: out += "null"
        }
    }

    static func writeString(_ s: String, into out: inout String) {
        out += "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if u.value < 0x20 { out += String(format: "\\u%04x", u.value) } else { out.unicodeScalars.append(u) }
            }
        }
        out += "\""
    }
}
