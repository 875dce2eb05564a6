import Foundation

extension MusterstadtSample {
    /// The CSV files as bytes, in writing order (`sampleFiles`).
    public func files() -> [(name: String, bytes: [UInt8])] { sampleFiles.map { ($0.name, $0.bytes()) } }

    /// The sample's files, in writing order: each file's name, dialect and header, and the fields of one record,
    /// beside the records it holds.
    ///
    /// Canonical formats (UTF-8, comma, decimal point, ISO dates, LF) except `ledger-2025.csv`, which is in
    /// the German Excel dialect of `gen_ledger.py --dialect excel-de` (`;`, decimal comma, Windows-1252,
    /// CRLF, dd.mm.yyyy, German header), and `ledger-2024.csv` in `gen_ledger.py`'s rfc4180 dialect
    /// (UTF-8, comma, CRLF).
    var sampleFiles: [SampleFile] {
        [
            SampleFile("orgunits.csv", header: ["org_unit", "name", "parent_id", "category"], orgUnits) {
                [$0.id, $0.name, $0.parentId ?? "", $0.category]
            },
            SampleFile("costcenters.csv", header: ["cost_center", "name", "org_unit"], costCenters) { [$0.id, $0.name, $0.orgUnitId] },
            SampleFile("positions.csv", bytesPerRow: 140,
                       header: ["position_id", "org_unit", "supervisor_id", "title", "function", "pay_grade", "fte", "status", "vacant_since", "is_leadership", "kldb"],
                       positions) { p in
                [p.id, p.orgUnitId, p.supervisorId ?? "", p.title, p.function, p.payGrade, FTE(units: p.fteUnits).description,
                 p.isVacant ? "vacant" : "occupied", p.vacantSince?.iso ?? "", p.isLeadership ? "true" : "false", p.kldb]
            },
            SampleFile("vacancies.csv", header: ["position_id", "expected_date", "reason", "refill_requested", "refill_source", "filled_date"],
                       vacancies) { v in
                [v.positionId, v.expectedDate.iso, v.reason, v.refillRequested ? "true" : "false", v.refillSource ?? "", v.filledDate?.iso ?? ""]
            },
            SampleFile("paycosts.csv", header: ["fiscal_year", "pay_grade", "annual_salary", "employer_on_costs", "source"], payCosts) { c in
                [String(c.fiscalYear), c.payGrade, c.annualSalaryCents.centsString(), c.employerOnCostCents.centsString(), c.source]
            },
            SampleFile("plan.csv", bytesPerRow: 40, header: ["fiscal_year", "product", "account", "plan_amount", "kind"], planLines) { l in
                [String(l.fiscalYear), l.product, l.account, l.amountCents.centsString(), l.kind]
            },
            SampleFile("codes.csv", header: ["code", "name", "dimension", "level"], codeNames) { [$0.code, $0.name, $0.dimension, $0.level] },
            SampleFile("ledger-2025.csv", dialect: .excelDE, bytesPerRow: 110,
                       header: ["Haushaltsjahr", "Buchungsdatum", "Belegnummer", "Produkt", "Kostenstelle", "Sachkonto", "Buchungstext", "Kreditor", "Betrag"],
                       ledger2025) { p in
                [String(p.fiscalYear), p.date.german, p.documentId, p.product, p.costCenter, p.account, p.description, p.vendor,
                 p.amountCents.centsString(decimalComma: true)]
            },
            SampleFile("ledger-2024.csv", dialect: .rfc4180, bytesPerRow: 110,
                       header: ["fiscal_year", "posting_date", "document_id", "product", "cost_center", "account", "description", "vendor", "amount"],
                       ledger2024) { p in
                [String(p.fiscalYear), p.date.iso, p.documentId, p.product, p.costCenter, p.account, p.description, p.vendor,
                 p.amountCents.centsString()]
            },
        ]
    }

    /// Writes every file into `directory` (created if missing) and returns the written URLs.
    @discardableResult
    public func write(to directory: URL) throws -> [URL] {
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            throw PruefstandError.file(path: directory.path, message: "cannot create the directory: \(error.localizedDescription)")
        }
        var urls: [URL] = []
        for file in files() {
            let url = directory.appendingPathComponent(file.name)
            try OutputFile.write(file.bytes, to: url.path)   // whole or not at all
            urls.append(url)
        }
        return urls
    }

    /// A short plain-text summary in `lang`: counts, totals and the planted findings, numbers in the language's
    /// form (`NumberText`).
    public func summary(_ lang: Language = .de) -> String {
        let de = lang == .de
        func t(_ g: String, _ e: String) -> String { de ? g : e }
        func n(_ x: Int) -> String { NumberText.count(x, lang) }
        func sum(_ year: Int, _ kind: String, revenue: Bool) -> Int64 {
            planLines.filter { $0.fiscalYear == year && $0.kind == kind && $0.account.hasPrefix(revenue ? "4" : "5") }.reduce(0) { $0 + $1.amountCents }
        }
        func eur(_ cents: Int64) -> String { NumberText.euros(Money(cents: cents), lang) }
        func meur(_ cents: Int64) -> String {   // whole millions: "-12.000.000 €", "EUR -12,000,000"
            let text = eur(cents / 1_000_000 * 1_000_000)
            return de ? text.replacingOccurrences(of: ",00 €", with: " €") : String(text.dropLast(3))
        }
        let fte = positions.reduce(Int64(0)) { $0 + $1.fteUnits }
        let fteText = NumberText.decimal(FTE(units: fte).decimal, lang)
        var lines = [
            t("Musterstadt (synthetisch), Faktor \(NumberText.decimal(Decimal(scale), lang)), Startwert \(seed)",
              "Musterstadt (synthetic), scale \(scale), seed \(seed)"),
            t("Organisationseinheiten: \(n(orgUnits.count)), Kostenstellen: \(n(costCenters.count))",
              "org units: \(n(orgUnits.count)), cost centers: \(n(costCenters.count))"),
            t("Stellen: \(n(positions.count)) (\(fteText) VZÄ), unbesetzt: \(n(positions.filter(\.isVacant).count)), Leitung: \(n(positions.filter(\.isLeadership).count))",
              "positions: \(n(positions.count)) (\(fteText) FTE), vacant: \(n(positions.filter(\.isVacant).count)), leaders: \(n(positions.filter(\.isLeadership).count))"),
            t("Vakanzen: \(n(vacancies.count)) (2025 besetzt: \(n(vacancies.filter { $0.filledDate != nil }.count)))",
              "vacancies: \(n(vacancies.count)) (filled in 2025: \(n(vacancies.filter { $0.filledDate != nil }.count)))"),
            t("Entgeltgruppen: \(n(payCosts.count))", "pay grades: \(n(payCosts.count))"),
            t("Planzeilen: \(n(planLines.count))", "plan lines: \(n(planLines.count))"),
        ]
        for (year, kind) in [(2024, "actual"), (2025, "plan"), (2026, "plan")] {
            let e = sum(year, kind, revenue: false), r = sum(year, kind, revenue: true)
            lines.append(t("  \(year) \(kind == "plan" ? "Plan" : "Ist"): Aufwand \(meur(e)), Ertrag \(meur(r)), Ergebnis \(meur(r - e))",
                           "  \(year) \(kind): expenses \(meur(e)), revenue \(meur(r)), result \(meur(r - e))"))
        }
        let e25 = ledger2025.filter { $0.account.hasPrefix("5") }.reduce(Int64(0)) { $0 + $1.amountCents }
        let r25 = ledger2025.filter { $0.account.hasPrefix("4") }.reduce(Int64(0)) { $0 + $1.amountCents }
        lines.append(t("Buchungen 2025: \(n(ledger2025.count)), Aufwand \(meur(e25)), Ertrag \(meur(r25)), Ergebnis \(meur(r25 - e25))",
                       "ledger 2025: \(n(ledger2025.count)) postings, expenses \(meur(e25)), revenue \(meur(r25)), result \(meur(r25 - e25))"))
        lines.append(t("Buchungen 2024: \(n(ledger2024.count))", "ledger 2024: \(n(ledger2024.count)) postings"))
        lines.append(t("eingebaute Doppelzahlungen: ", "planted duplicate payments: ") + findings.duplicatePayments.map { "\($0.first)/\($0.second)" }.joined(separator: ", "))
        lines.append(t("eingebaute mehrfach vergebene Belegnummern: ", "planted reused document ids: ") + findings.reusedDocumentIds.joined(separator: ", "))
        lines.append(t("eingebaute gestückelte Zahlungen: ", "planted split payments: ") + findings.splitPayments.map { $0.joined(separator: "+") }.joined(separator: ", "))
        lines.append(t("eingebaute Buchungen an Wochenenden und Feiertagen: ", "planted weekend/holiday postings: ") + findings.nonWorkingDayPostings.joined(separator: ", "))
        lines.append(t("eingebauter Kreditor mit runden Beträgen: ", "planted round-amount vendor: ") + findings.roundAmountVendor)
        for v in findings.budgetVariances {
            let pct = Int((Double(v.actualCents - v.planCents) / Double(v.planCents) * 100).rounded())
            lines.append(t("eingebaute Abweichung \(v.product) × \(v.account): Plan \(eur(v.planCents)), Ist \(eur(v.actualCents)) (\(pct >= 0 ? "+" : "")\(pct) %)",
                           "planted variance \(v.product) × \(v.account): plan \(eur(v.planCents)), actual \(eur(v.actualCents)) (\(pct >= 0 ? "+" : "")\(pct) %)"))
        }
        return lines.joined(separator: "\n")
    }
}
