import Foundation

extension AuditReport {
    /// Tables for the workbook and the terminal: findings, both Benford tests, spending review,
    /// voluntary services.
    /// - Parameter idLimit: how many posting and document ids a findings cell lists (`nil`: all).
    /// - Parameter testKeys: the test column holds the machine key (`duplicate-payment`, for CSV) instead of
    ///   the test's name in `lang`.
    public func reportTables(idLimit: Int? = 20, lang: Language = .de, testKeys: Bool = false) -> [ReportTable] {
        let de = lang == .de
        func ids<T>(_ list: [T]) -> String {
            guard let idLimit, list.count > idLimit else { return list.map { "\($0)" }.joined(separator: " ") }
            return list.prefix(idLimit).map { "\($0)" }.joined(separator: " ") + " … (\(list.count))"
        }
        let findingsTable = ReportTable(
            key: "audit_findings", de: "Prüfungsfeststellungen \(year)", en: "Audit findings \(year)",
            columns: [
                .init("test", de: "Prüfung", en: "Test", kind: .text),
                .init("finding", de: "Feststellung", en: "Finding", kind: .text),
                .init("amount", de: "Betrag", en: "Amount", kind: .money),
                .init("posting_count", de: "Buchungen", en: "Postings", kind: .integer),
                .init("posting_ids", de: "Buchungs-IDs", en: "Posting ids", kind: .text),
                .init("document_ids", de: "Belegnummern", en: "Document ids", kind: .text),
            ],
            rows: findings.map { f in
                [.text(testKeys ? f.kind.rawValue : f.kind.name(lang)), .text(f.text(lang)), .money(f.amount), .integer(Int64(f.postingIds.count)),
                 .text(ids(f.postingIds)), .text(ids(f.documentIds))]
            },
            notes: [de ? "\(postingCount) Buchungen geprüft; \(findings.count) Feststellungen. Feststellungen sind Hinweise, keine Fehlernachweise."
                       : "\(postingCount) postings checked; \(findings.count) findings. Findings are hints, not proof of errors."])
        func benfordTable(_ t: BenfordTest) -> ReportTable {
            let first = t.kind == .firstDigit
            return ReportTable(
                key: first ? "audit_benford_1" : "audit_benford_2",
                de: first ? "Benford: erste Ziffer" : "Benford: erste zwei Ziffern",
                en: first ? "Benford: first digit" : "Benford: first two digits",
                columns: [
                    .init("digit", de: "Ziffer(n)", en: "Digit(s)", kind: .integer),
                    .init("observed", de: "Anzahl", en: "Count", kind: .integer),
                    .init("observed_share", de: "Anteil beobachtet", en: "Observed share", kind: .percent),
                    .init("expected_share", de: "Anteil erwartet", en: "Expected share", kind: .percent),
                    .init("z", de: "z-Wert", en: "z statistic", kind: .decimal),
                ],
                rows: t.digits.indices.map { i in
                    [.integer(Int64(t.digits[i])), .integer(Int64(t.observed[i])),
                     .percent(t.count == 0 ? 0 : Decimal(t.observed[i]) / Decimal(t.count)),
                     .percent(Decimal(string: String(format: "%.6f", t.expectedProportions[i]))!),
                     .decimal(Decimal(string: String(format: "%.2f", t.zStatistic(ofDigitAt: i)))!)]
                },
                notes: [de
                    ? "n = \(t.count), MAD = \(NumberText.fixed(t.mad, decimals: 5, lang)) (\(t.conformity.german), Nigrini 2012), Chi² = \(NumberText.fixed(t.chiSquare, decimals: 2, lang)) bei \(t.degreesOfFreedom) Freiheitsgraden (kritischer Wert 5 %: \(NumberText.fixed(t.criticalValue, decimals: 3, lang)))\(t.chiSquareRejects ? " – verworfen" : " – nicht verworfen")"
                    : "n = \(t.count), MAD = \(NumberText.fixed(t.mad, decimals: 5, lang)) (\(t.conformity.english), Nigrini 2012), chi² = \(NumberText.fixed(t.chiSquare, decimals: 2, lang)) with \(t.degreesOfFreedom) degrees of freedom (critical value 5 %: \(NumberText.fixed(t.criticalValue, decimals: 3, lang)))\(t.chiSquareRejects ? " – rejected" : " – not rejected")"])
        }
        var growth = ReportTable(
            key: "audit_growth", de: "Ausgabenkritik: stärkster Anstieg zum Vorjahr", en: "Spending review: largest growth on prior year",
            columns: [
                .init("kind", de: "Art", en: "Kind", kind: .text),
                .init("key", de: "Konto/Kreditor", en: "Account/vendor", kind: .text),
                .init("prior", de: "Vorjahr", en: "Prior year", kind: .money),
                .init("current", de: "Jahr \(year)", en: "Year \(year)", kind: .money),
                .init("change", de: "Veränderung", en: "Change", kind: .money),
                .init("change_share", de: "Veränderung %", en: "Change %", kind: .percent),
                .init("largest_postings", de: "Größte Buchungen (IDs)", en: "Largest postings (ids)", kind: .text),
            ],
            rows: (growthAccounts + growthVendors).map { g in
                [.text(g.kind == .account ? (de ? "Konto" : "Account") : (de ? "Kreditor" : "Vendor")), .text(g.key), .money(g.prior), .money(g.current),
                 .formula("={col:current}{r}-{col:prior}{r}", cached: .money(g.change)),
                 .formula("=IF({col:prior}{r}=0,\"\",({col:current}{r}-{col:prior}{r})/{col:prior}{r})",
                          cached: g.changeShare.map { .percent($0) } ?? .text("")),
                 .text(g.largestPostingIds.map(String.init).joined(separator: " "))]
            })
        growth.sheetDE = "Stärkster Anstieg zum Vorjahr"; growth.sheetEN = "Largest growth on prior year"
        let voluntaryTable = ReportTable(
            key: "audit_voluntary", de: "Freiwillige Leistungen", en: "Voluntary services",
            columns: [
                .init("product", de: "Produkt", en: "Product", kind: .text),
                .init("expense", de: "Aufwand", en: "Expense", kind: .money, total: true),
                .init("share", de: "Anteil am Gesamtaufwand", en: "Share of all expenses", kind: .percent),
            ],
            rows: voluntary.byProduct.map { p in
                [.text(p.product), .money(p.amount),
                 .percent(voluntary.totalExpense.cents == 0 ? 0 : Decimal(p.amount.cents) / Decimal(voluntary.totalExpense.cents))]
            },
            notes: [(de ? "Freiwillige Leistungen \(voluntary.voluntaryExpense.germanString) von \(voluntary.totalExpense.germanString) Aufwand"
                        : "Voluntary services \(NumberText.euros(voluntary.voluntaryExpense, lang)) of \(NumberText.euros(voluntary.totalExpense, lang)) expenses")
                    + (voluntary.share.map { " = \(de ? ControllingFormat.percentString($0).replacingOccurrences(of: ".", with: ",") : ControllingFormat.percentString($0)) %" } ?? "")])
        return [findingsTable, benfordTable(benfordFirstDigit), benfordTable(benfordFirstTwoDigits), growth, voluntaryTable]
    }

    /// A JSON-ready dictionary with every finding and all its posting ids.
    public func jsonObject() -> [String: Any] {
        func benford(_ t: BenfordTest) -> [String: Any] {
            ["kind": t.kind.rawValue, "n": t.count, "mad": t.mad, "conformity": t.conformity.rawValue,
             "chi_square": t.chiSquare, "degrees_of_freedom": t.degreesOfFreedom, "critical_value_5pct": t.criticalValue,
             "digits": t.digits, "observed": t.observed, "expected": t.expectedProportions]
        }
        func growth(_ g: SpendingGrowth) -> [String: Any] {
            ["kind": g.kind.rawValue, "key": g.key, "prior": g.prior.plainString, "current": g.current.plainString,
             "change": g.change.plainString, "largest_posting_ids": g.largestPostingIds]
        }
        return [
            "year": year, "posting_count": postingCount,
            "findings": findings.map { ["test": $0.kind.rawValue, "test_name": $0.kind.german, "finding": $0.text, "amount": $0.amount.plainString,
                                        "posting_ids": $0.postingIds, "document_ids": $0.documentIds] as [String: Any] },
            "benford_first_digit": benford(benfordFirstDigit), "benford_first_two_digits": benford(benfordFirstTwoDigits),
            "growth_accounts": growthAccounts.map(growth), "growth_vendors": growthVendors.map(growth),
            "voluntary": ["voluntary_expense": voluntary.voluntaryExpense.plainString, "total_expense": voluntary.totalExpense.plainString,
                          "by_product": voluntary.byProduct.map { ["product": $0.product, "amount": $0.amount.plainString] }] as [String: Any],
        ]
    }
}
