import Foundation

/// Builds the council pack from one run's results: the summary page in plain language, then the charts
/// and key tables (see `CouncilPack`). `pruefstand run` writes it beside the controlling workbook,
/// `pruefstand report --pack council` on its own.
public enum CouncilPackAssembly {
    /// The pack's file beside the workbook: `bericht.xlsx` → `bericht-rat.xlsx` (German) or `bericht-council.xlsx`.
    public static func path(besideWorkbook workbook: String, lang: Language) -> String {
        let stem = (workbook as NSString).deletingPathExtension
        return stem + (lang == .de ? "-rat.xlsx" : "-council.xlsx")
    }

    public static func build(store: Store, settings s: RunSettings, results r: AnalysisResults, charts: ReportCharts,
                             overview: ReportOverview?) throws -> CouncilPack {
        let lang = s.language, de = lang == .de
        var pack = CouncilPack(title: de ? "Haushaltslage \(s.title)" : "Budget situation \(s.title)",
                               dataDate: (de ? "Datenstand: " : "Data as of: ") + (de ? s.asOf.german : s.asOf.iso),
                               source: de ? "Quelle: Haushaltsplan, Buchungen und Stellenplan der Stadt; berechnet mit Pruefstand \(Engine.version), Rechenwege im Controlling-Bericht"
                                          : "Source: the city's budget plan, ledger and position plan; computed with Pruefstand \(Engine.version), workings in the controlling workbook")
        pack.summary = try AmountCheck.run("Ratsvorlage (Zusammenfassung)") { try summary(store: store, settings: s, results: r) }
        if let c = charts.path { pack.pages.append(.chart(c)) }
        if let t = reliefOverview(r, lang: lang) { pack.pages.append(.table(t)) }
        if let c = charts.reliefByGroup { pack.pages.append(.chart(c)) }
        if let c = charts.fan { pack.pages.append(.chart(c)) }
        if let c = charts.planActualByArea { pack.pages.append(.chart(c)) }
        if let c = charts.monthly { pack.pages.append(.chart(c)) }
        if var t = overview?.tables(lang: lang).first(where: { $0.key == "overview_top_variances" }) {
            t.notes = ReportTables.notes(t.key, ["council"], lang: lang)
            pack.pages.append(.table(t))
        }
        if let c = charts.reviewByOrgUnit { pack.pages.append(.chart(c)) }
        return pack
    }

    /// One line per relief scenario: what it does, what it costs the city, what a typical payer saves.
    static func reliefOverview(_ r: AnalysisResults, lang: Language) -> ReportTable? {
        guard let year = ReportCharts.comparisonYear(r), !r.scenarios.isEmpty else { return nil }
        var t = ReportTable(table: "council_relief", lang: lang, values: ["year": String(year)])
        for run in r.scenarios {
            let sc = run.result.scenario
            let cost = -(run.result.netByYear[year] ?? .zero)
            let cases = typicalCases(run.result, year: year)
            if cases.isEmpty {
                t.rows.append([.text(sc.displayTitle(lang)), .text(sc.displaySummary(lang)), .money(cost), .text("–"), .empty])
            }
            for (i, c) in cases.enumerated() {
                t.rows.append([.text(i == 0 ? sc.displayTitle(lang) : ""), .text(i == 0 ? sc.displaySummary(lang) : ""),
                               i == 0 ? .money(cost) : .empty, .text(c.name), .money(c.netRelief)])
            }
        }
        return t
    }

    /// Per model of the scenario, the typical case with the largest net relief in the year.
    static func typicalCases(_ result: ScenarioResult, year: Int) -> [TypicalCaseResult] {
        var best: [ScenarioModelKind: TypicalCaseResult] = [:]
        for c in result.typicalCases where c.year == year && c.netRelief.cents > 0 {
            if let b = best[c.model], b.netRelief >= c.netRelief { continue }
            best[c.model] = c
        }
        return ScenarioModelKind.allCases.compactMap { best[$0] }
    }

    /// The summary page's paragraphs.
    static func summary(store: Store, settings s: RunSettings, results r: AnalysisResults) throws -> [CouncilPack.Paragraph] {
        let lang = s.language, de = lang == .de
        func amount(_ m: Money) -> String { CouncilText.amount(m, lang) }
        var out: [CouncilPack.Paragraph] = []

        var standing: [String] = []
        if let y = r.projection?.baseYear ?? s.planYear {
            let rev = Money(cents: try store.planTotal(year: y, side: .revenue)), exp = Money(cents: try store.planTotal(year: y, side: .expense))
            let result = rev - exp
            standing.append(de ? "Der Haushaltsplan \(y) sieht Erträge von \(amount(rev)) und Aufwendungen von \(amount(exp)) vor: "
                                 + (result.cents < 0 ? "ein Fehlbetrag von \(amount(-result))." : "ein Überschuss von \(amount(result)).")
                               : "The budget plan \(y) provides for revenue of \(amount(rev)) and expenses of \(amount(exp)): "
                                 + (result.cents < 0 ? "a deficit of \(amount(-result))." : "a surplus of \(amount(result))."))
        }
        if let v = r.variance {
            let actual = try ReportAssembly.actualResult(try r.postingTotals(store: store, year: v.year))
            standing.append(de ? "\(v.year) schloss laut Buchungen mit " + (actual.cents < 0 ? "einem Fehlbetrag von \(amount(-actual))" : "einem Überschuss von \(amount(actual))")
                                 + "; \(v.flaggedRows.count) Plan/Ist-Abweichungen liegen über den Schwellen (die größten im Blatt „Größte Abweichungen“)."
                               : "According to the ledger, \(v.year) closed with " + (actual.cents < 0 ? "a deficit of \(amount(-actual))" : "a surplus of \(amount(actual))")
                                 + "; \(v.flaggedRows.count) plan/actual variances exceed the thresholds (the largest on the sheet \"Largest variances\").")
        }
        if !standing.isEmpty { out.append(.init(heading: de ? "Wo die Stadt steht" : "Where the city stands", lines: standing)) }

        if let p = r.projection, let first = p.years.first, let last = p.years.last {
            func result(_ m: Money) -> String {
                m.cents < 0 ? (de ? "einem Fehlbetrag von \(amount(-m))" : "a deficit of \(amount(-m))")
                            : (de ? "einem Überschuss von \(amount(m))" : "a surplus of \(amount(m))")
            }
            let balanced = p.balancedYear.map { de ? "Der Haushalt ist ab \($0) ausgeglichen." : "The budget is balanced from \($0)." }
                ?? (de ? "Bis \(last.year) ist der Haushalt nicht ausgeglichen." : "The budget is not balanced by \(last.year).")
            out.append(.init(heading: de ? "Der Konsolidierungspfad" : "The consolidation path", lines: [
                de ? "Mit den Maßnahmen des Haushaltssicherungskonzepts und ohne Entlastung führt der Weg von \(result(first.annualResult)) (\(first.year)) zu \(result(last.annualResult)) (\(last.year)). \(balanced)"
                   : "With the measures of the consolidation plan and without relief, the path leads from \(result(first.annualResult)) (\(first.year)) to \(result(last.annualResult)) (\(last.year)). \(balanced)"]))
        }

        if let year = ReportCharts.comparisonYear(r), !r.scenarios.isEmpty {
            var lines: [String] = []
            for run in r.scenarios {
                let sc = run.result.scenario
                let cost = -(run.result.netByYear[year] ?? .zero)
                var line = "\(sc.displayTitle(lang)). "
                line += cost.cents >= 0 ? (de ? "Kostet die Stadt \(amount(cost)) im Jahr \(year)" : "Costs the city \(amount(cost)) in \(year)")
                                        : (de ? "Bringt der Stadt \(amount(-cost)) im Jahr \(year)" : "Brings the city \(amount(-cost)) in \(year)")
                let cases = typicalCases(run.result, year: year)
                if !cases.isEmpty {
                    line += de ? ". Es sparen im Jahr: " : ". Saved a year: "
                    line += cases.map { "\($0.name): \(amount($0.netRelief))" }.joined(separator: "; ")
                }
                if let b = run.projection?.balancedYear {
                    line += de ? ". Ausgleich ab \(b)." : ". Balanced from \(b)."
                } else {
                    line += de ? ". Kein Ausgleich bis \(year)." : ". Not balanced by \(year)."
                }
                lines.append(line)
            }
            out.append(.init(heading: de ? "Was jede Entlastung kostet und bringt (\(year))" : "What each relief costs and brings (\(year))", lines: lines))
        }

        if let review = r.review {
            let positions = review.summary.map(\.positions).reduce(0, +)
            let saving = review.summary.map(\.potentialSaving).sum()
            let refill = review.cases.filter { $0.check == .refill }
            var lines = [de ? "Die Stellenprüfung zum \(review.asOf.german) nennt \(CouncilText.count(positions, lang)) Stellen mit einer möglichen Einsparung von \(amount(saving)) im Jahr (jede Stelle einmal gezählt)."
                            : "The position review as of \(review.asOf.iso) names \(CouncilText.count(positions, lang)) positions with a possible saving of \(amount(saving)) a year (each position counted once).",
                         de ? "\(CouncilText.count(refill.count, lang)) Stellen werden in den nächsten 24 Monaten frei; würden sie nicht wiederbesetzt, sparte die Stadt \(amount(refill.compactMap(\.annualSaving).sum())) im Jahr."
                            : "\(CouncilText.count(refill.count, lang)) positions fall vacant in the next 24 months; not re-filling them would save \(amount(refill.compactMap(\.annualSaving).sum())) a year."]
            if let first = r.reviewEffects.map(\.fiscalYear).min() {
                let decided = r.reviewEffects.filter { $0.fiscalYear == first }.map { -$0.expenseChange }.sum()
                lines.append(de ? "Beschlossen sind davon bisher \(amount(decided)) (\(first))." : "Decided so far: \(amount(decided)) (\(first)).")
            }
            out.append(.init(heading: de ? "Was die Stellenprüfung sparen würde" : "What the position review would save", lines: lines))
        }
        out.append(.init(heading: de ? "Lesehilfe" : "How to read this", lines: [
            de ? "Beträge in Euro, gerundet. Kosten für die Stadt und Entlastungen der Zahlenden sind als positive Beträge angegeben; Jahresergebnisse sind negativ bei einem Fehlbetrag. Jede Zahl ist im Controlling-Bericht mit ihrem Rechenweg und ihren Quellen belegt."
               : "Amounts in euros, rounded. Costs to the city and relief to payers are shown as positive amounts; annual results are negative for a deficit. Every figure is traced with its workings and sources in the controlling workbook."]))
        return out
    }
}

/// Amounts in running text: "37,4 Mio. €" and "1.234 €" in German, "€37.4 million" and "€1,234" in English.
public enum CouncilText {
    public static func amount(_ m: Money, _ lang: Language) -> String {
        let sign = m.cents < 0 ? "−" : ""
        let cents = Decimal(m.cents.magnitude)
        if m.cents.magnitude >= 100_000_000 {   // from one million euros: millions with one decimal
            let tenths = rounded(cents / 10_000_000)
            let text = NumberText.grouped(tenths / 10, lang) + (lang == .de ? "," : ".") + String(tenths % 10)
            return lang == .de ? "\(sign)\(text) Mio. €" : "\(sign)€\(text) million"
        }
        let euros = NumberText.grouped(rounded(cents / 100), lang)
        return lang == .de ? "\(sign)\(euros) €" : "\(sign)€\(euros)"
    }

    /// A count with thousands separators: "1.541" in German, "1,541" in English.
    public static func count(_ n: Int, _ lang: Language) -> String { (n < 0 ? "−" : "") + NumberText.grouped(UInt64(n.magnitude), lang) }

    private static func rounded(_ d: Decimal) -> UInt64 {
        var value = d, result = Decimal()
        NSDecimalRound(&result, &value, 0, .plain)
        return NSDecimalNumber(decimal: result).uint64Value
    }

}
