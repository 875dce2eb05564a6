import Foundation
import GRDB

/// One relief scenario of a run: its result and the projection with its effects added.
public typealias ScenarioRun = (engine: ScenarioEngine, result: ScenarioResult, projection: ProjectionResult?, tornado: [ScenarioSensitivity.Bar])

/// Everything the analyses of one run produced, for the workbook and for callers that want figures.
public struct AnalysisResults {
    public var review: ReviewResult?
    public var variance: VarianceReport?
    public var audit: AuditReport?
    /// The projection with measures and the decided review savings, without relief.
    public var projection: ProjectionResult?
    /// Per relief scenario: its result and the projection with its effects added.
    public var scenarios: [ScenarioRun] = []
    public var reviewEffects: [BudgetEffect] = []
    /// Per scenario with a `solve:` question: the largest affordable relief over the projection.
    public var affordable: [AffordableRelief] = []
    /// The name of the budget baseline (the consolidation projection over the store).
    public var baseline: String?
    /// Each model's base-year revenue against the plan accounts in the store (once per city and model).
    public var reconciliation: [BaselineReconciliation] = []
    /// The models whose base was derived from the plan (`calibrate: plan`), once per city and model.
    public var calibration: [BaselineCalibration] = []
    /// The Monte Carlo of the last scenario with `distributions` (the fan chart), over its relief projection.
    public var monteCarlo: (scenario: Scenario, summary: ScenarioMonteCarlo.Summary)?
    public var notes: [String] = []
    /// The drill-down and years-compared sheets, started when plan/actual was done (`VarianceSheets`).
    var varianceSheets: Pending<VarianceSheets>?
    /// The postings of the variance year by month and account (`Store.postingTotals`), read beside the analyses
    /// for the overview's actual result and the monthly chart (issue 18: not on the main thread in `build`).
    var postingTotals: (year: Int, rows: Pending<[PostingMonthAccountSum]>)?

    /// The postings of `year` by month and account: those read beside the analyses, else read now.
    func postingTotals(store: Store, year: Int) throws -> [PostingMonthAccountSum] {
        if let p = postingTotals, p.year == year { return try p.rows.value() }
        return try store.postingTotals(year: year)
    }
}

/// Runs the analyses on a store and assembles the controlling workbook: overview, position review,
/// plan/actual, audit findings, consolidation projection, relief scenarios, assumptions, audit trail,
/// rejected rows. `pruefstand run` and `pruefstand report` both use it, so they write the same workbook.
public enum ReportAssembly {
    /// Runs the analyses. The four independent strands (position review; plan/actual; audit analytics;
    /// projection with the relief scenarios) run side by side, each on its own snapshot read of the store;
    /// their log lines come out in this fixed order afterwards.
    public static func analyse(store: Store, settings s: RunSettings, log: (String) -> Void = { _ in }) throws -> AnalysisResults {
        let contents = try store.contents()
        let hasPositions = contents.positions > 0, hasPostings = contents.postingTotals > 0, hasPlan = contents.planLines > 0

        let year = hasPostings ? try s.varianceYear ?? VarianceAnalysis.defaultYear(store) : 0
        let review = Slot<ReviewResult>(), variance = Slot<VarianceReport>(), audit = Slot<AuditReport>()
        let varianceSheets = Slot<Pending<VarianceSheets>>()
        let postingTotals = Slot<(year: Int, rows: Pending<[PostingMonthAccountSum]>)>()
        let monteCarlo = Slot<(scenario: Scenario, summary: ScenarioMonteCarlo.Summary)>()
        let planning = Slot<(projection: ProjectionResult, effects: [BudgetEffect], scenarios: [ScenarioRun],
                             affordable: [AffordableRelief], baseline: String, warnings: [String], reconciliation: [BaselineReconciliation],
                             calibration: [BaselineCalibration])>()

        try Concurrently.run([
            {
                // The short strand starts the monthly totals that the workbook's overview and chart read later.
                if hasPostings, let year { postingTotals.value = (year, Pending { try store.postingTotals(year: year) }) }
                guard hasPositions else { return }
                let rules = try s.reviewRules.map { try ReviewRules.load(path: $0) } ?? ReviewRules()
                review.value = try ReviewEngine(rules: rules).run(try ReviewInput.load(from: store), asOf: s.asOf)
            },
            {
                guard hasPostings && hasPlan else { return }
                variance.value = try VarianceAnalysis.run(store, VarianceOptions(year: year))
                varianceSheets.value = VarianceSheets.start(store: store, report: variance.value!, lang: s.language)
            },
            {
                guard hasPostings else { return }
                let params = try s.auditParameters.map { try AuditParameters.load(path: $0) } ?? AuditParameters()
                audit.value = try LedgerAudit.run(store, year: year, parameters: params)
            },
            {
                guard hasPlan else { return }
                var scenario = try s.projectionScenario.map { try ProjectionScenario.load(path: $0) } ?? ProjectionScenario.builtIn()
                if let y = s.planYear { scenario.baseYear = y }
                // The one baseline: the same `StoreProjection` that `scenario solve` and `montecarlo` use.
                let projection = try StoreProjection(store: store, scenario: scenario, parameterSource: s.projectionScenario ?? "defaults")
                var warnings: [String] = [], reconciliation: [BaselineReconciliation] = [], reconciled = Set<String>()
                var calibration: [BaselineCalibration] = []
                let runs: [ScenarioRun] = try s.scenarioFiles.map { file in
                    // Checked like `scenario check`: an error stops the run (exit 1); warnings are counted in the log.
                    var (engine, w) = try ScenarioEngine.loadChecked(file: file)
                    if !w.isEmpty {
                        warnings.append(s.language == .de ? "Szenarioprüfung \(file): \(w.count) Warnung(en) (pruefstand scenario check nennt sie)"
                                                          : "Scenario check \(file): \(w.count) warning(s) (pruefstand scenario check lists them)")
                    }
                    if engine.scenario.calibrateToPlan {
                        // `calibrate: plan`: each model's base derived from the plan accounts in the store.
                        let c = try BaselineCalibration.calibrate(engine, store: store, planYear: projection.model.base.year)
                        engine = c.engine
                        for line in c.lines where reconciled.insert("calibrated|\(engine.city.file)|\(line.model.rawValue)").inserted {
                            calibration.append(line); warnings.append(line.text(s.language))
                        }
                    }
                    let result = try engine.run()
                    let tornado = (try? ScenarioSensitivity.tornado(engine)) ?? []
                    // Measures the relief replaces leave its projection; a measure raising the same rate is an error.
                    let withRelief = try projection.forRelief(engine, lang: s.language) { warnings.append($0) }
                    // The model's base-year revenue against the plan in the store, once per city and model.
                    for line in try BaselineReconciliation.run(engine, result: result, store: store, planYear: projection.model.base.year)
                    where reconciled.insert("\(engine.city.file)|\(line.model.rawValue)|\(engine.city.calibration[line.model] != nil)").inserted {
                        reconciliation.append(line)
                        warnings.append(line.text(s.language))
                    }
                    return (engine, result, try withRelief.project(effects: result.budgetEffects), tornado)
                }
                for m in scenario.measures where m.samePositionsAsReview {
                    warnings.append(s.language == .de
                        ? "Maßnahme \(m.id) und die in der Stellenprüfung beschlossenen Einsparungen betreffen dieselben Stellen: die Einsparungen der Prüfung werden jedes Jahr von \(m.id) abgezogen (einmal gezählt)"
                        : "Measure \(m.id) and the savings decided in the position review target the same positions: the review's savings are deducted from \(m.id) each year (counted once)")
                }
                let increases = scenario.measures.filter { $0.raisesRate != nil }
                if !increases.isEmpty {
                    warnings.append((s.language == .de ? "Maßnahmen, die einen Steuer- oder Gebührensatz erhöhen: " : "Measures that raise a tax or fee rate: ") + increases.map { "\($0.id) (\($0.raisesRate!))" }.joined(separator: ", "))
                }
                if let engine = runs.last(where: { $0.engine.scenario.distributions != nil })?.engine {
                    monteCarlo.value = (engine.scenario, try ScenarioMonteCarlo.run(engine, projection: try projection.forRelief(engine)))
                }
                let affordable = try AffordableRelief.answers(runs.map(\.engine), projection: projection)
                planning.value = (try projection.project(), projection.baseEffects, runs, affordable, projection.describe(s.language), warnings, reconciliation, calibration)
            },
        ])

        var r = AnalysisResults()
        // Numbers and dates in log lines follow the run's language (NumberText); so do the lines with a German form.
        let de = s.language == .de
        func balanced(_ p: ProjectionResult?) -> String {
            (de ? "ausgeglichen " : "balanced ") + (p?.balancedYear.map(String.init) ?? (de ? "nicht im Zeitraum" : "not within the horizon"))
        }
        func n(_ i: Int) -> String { NumberText.count(i, s.language) }
        if let v = review.value {
            log(de ? "Stellenprüfung: \(n(v.cases.count)) Fälle zum \(NumberText.date(s.asOf, .de))" : "Review: \(n(v.cases.count)) cases as of \(s.asOf.iso)")
        }
        if let v = variance.value {
            log(de ? "Plan/Ist \(v.year): \(n(v.rows.count)) Zeilen, \(n(v.flaggedRows.count)) auffällig" : "Plan/actual \(v.year): \(n(v.rows.count)) lines, \(n(v.flaggedRows.count)) flagged")
        }
        if let v = audit.value { log(de ? "Prüfanalysen: \(n(v.findings.count)) Feststellungen" : "Audit analytics: \(n(v.findings.count)) findings") }
        if let v = planning.value {
            let span = "\(v.projection.years.first?.year ?? 0)–\(v.projection.years.last?.year ?? (s.planYear ?? 0))"
            log((de ? "Projektion \(span): " : "Projection \(span): ") + balanced(v.projection))
            v.warnings.forEach(log)
            for run in v.scenarios {
                log((de ? "Szenario " : "Scenario ") + "\(run.result.scenario.displayTitle(s.language)) (\(run.result.scenario.name)): " + balanced(run.projection))
            }
            for a in v.affordable { log((de ? "Größte leistbare Entlastung (\(a.scenario)): " : "Largest affordable relief (\(a.scenario)): ") + "\(a.text(s.language)); "
                                                 + (de ? "Haushaltsbasis: " : "baseline: ") + v.baseline) }
            (r.projection, r.reviewEffects, r.scenarios, r.affordable, r.baseline) = (v.projection, v.effects, v.scenarios, v.affordable, v.baseline)
            r.reconciliation = v.reconciliation
            r.calibration = v.calibration
        }
        r.review = review.value
        r.monteCarlo = monteCarlo.value
        if !hasPositions { r.notes.append("No position plan in the store: no position review.") }
        r.variance = variance.value
        r.varianceSheets = varianceSheets.value
        r.postingTotals = postingTotals.value
        r.audit = audit.value
        return r
    }

    /// Builds the workbook (not yet written) from the analyses' results.
    public static func build(store: Store, settings s: RunSettings, results r: AnalysisResults, started: Date,
                             extraParameterFiles: [String] = [], charts: ReportCharts? = nil) throws -> ReportBuilder {
        let lang = s.language
        let b = ReportBuilder(title: s.title, lang: lang)
        // A name beside every code (issue 16): org units and cost centers from their files, the rest from code lists.
        let names = try store.codeNameBook()
        let rowDims = r.variance.map { ["row": $0.dimension.keyColumns] } ?? [:]
        func add(_ t: ReportTable) { b.add(table: t.withNames(names, composite: rowDims)) }
        // Key figures add up amounts: beyond the 64-bit range a clear error before anything is written.
        b.overview = try AmountCheck.run("Übersicht (Kennzahlen)") { try overview(store: store, settings: s, results: r) }
        b.chartPages = try (charts ?? AmountCheck.run("Grafiken") { try ReportCharts.build(store: store, settings: s, results: r) }).all
        // What-if (issue 16): the relief scenarios' Hebesätze as inputs, their effects and paths as formulas over them.
        let reliefPath = ReliefPath.table(r, lang: lang)
        let reliefFormulas = r.projection == nil ? ReliefFormulas(scenarios: [], lang: lang)
                                                 : ReliefFormulas(scenarios: r.scenarios.map { ($0.engine, $0.result) }, lang: lang)
        if reliefPath != nil, let i = b.chartPages.firstIndex(where: { $0.table.key == "chart_consolidation_path" }) {
            b.chartPages[i] = ReliefPath.chart(b.chartPages[i], r)
        }
        if let review = r.review {
            for t in review.reportTables(lang: lang) {
                // Council reports never show staffing groups of fewer than k persons.
                switch t.key {
                case "review_summary": add(try SmallGroupProtection.apply(to: t, countColumn: "positions", k: s.minGroupSize, mode: .aggregate, lang: lang))
                case "review_kpi": add(try SmallGroupProtection.apply(to: t, countColumn: "count", k: s.minGroupSize, mode: .suppress, lang: lang))
                case "review_refill_sources": add(try SmallGroupProtection.apply(to: t, countColumn: "filled", k: s.minGroupSize, mode: .suppress, lang: lang))
                default: add(t)
                }
            }
        }
        if let v = r.variance {
            var tables = v.reportTables(lang: lang)
            // Drill-down: the largest variance lines link to the postings behind them.
            let sheets = try VarianceSheets.taken(from: r, store: store, report: v, lang: lang)
            if let drill = sheets.drill {
                tables[0].rowLinks = drill.links
                tables.append(drill.table)
            }
            for t in tables { add(t) }
            add(sheets.years)
        }
        if let a = r.audit { for t in a.reportTables(lang: lang) { add(t) } }
        if let p = r.projection {
            // What-if (issue 16): the assumptions as inputs, the projection as formulas over them.
            let base = try ProjectionBase.load(store, year: p.baseYear)
            for var t in p.workbookTables(base: base, effects: r.reviewEffects, lang: lang) {
                if t.key == "whatif_inputs" { reliefFormulas.extend(inputs: &t, lang: lang) }
                add(t)
            }
        }
        if !r.scenarios.isEmpty {
            var merged: [ReportTable] = []
            for (i, (engine, result, _, tornado)) in r.scenarios.enumerated() {
                let tables = reliefFormulas.apply(to: engine.reportTables(result, tornado: tornado.isEmpty ? nil : tornado, lang: lang),
                                                  scenario: i, result: result)
                merged = mergeByScenario(merged, tables, scenario: result.scenario.displayTitle(lang), lang: lang)
            }
            for var t in merged {
                if t.key == "scenario_assumptions" {
                    t.notes += r.reconciliation.map { $0.text(lang) } + r.calibration.map { $0.text(lang) }
                    // The Umlage and GFG levels, not only their changes (the effects sheet shows the changes).
                    for run in r.scenarios {
                        let sz = try r.projection.flatMap { try SchluesselzuweisungenBase.read(city: run.engine.city, store: store, planYear: $0.baseYear) }
                        t.notes += ScenarioTables.levelNotes(run.result, lang: lang, schluesselzuweisungen: sz)
                    }
                }
                add(t)
            }
            if let steps = reliefFormulas.steps { add(steps) }
            for t in reliefFormulas.kitaTables { add(t) }
            if let reliefPath { add(reliefPath) }
        }
        b.add(table: try ParameterListing.table(files: s.parameterFiles, lang: lang))
        let hashes = try (s.parameterFiles + extraParameterFiles).map { ParameterFileHash(path: $0, sha256: try SHA256.file(at: $0)) }
        try b.add(AuditTrailSection(store: store, parameterFiles: hashes, runStartedAt: started))
        try b.add(RejectedRowsSection(store: store))
        return b
    }

    /// Tables of the same kind from several scenarios become one table with a leading scenario column
    /// (a table that leads with its own scenario column keeps it: no second one).
    static func mergeByScenario(_ acc: [ReportTable], _ new: [ReportTable], scenario: String, lang: Language) -> [ReportTable] {
        var out = acc
        for t in new {
            if t.columns.first?.key == "scenario" {
                if let i = out.firstIndex(where: { $0.key == t.key }) { out[i].rows += t.rows } else { out.append(t) }
                continue
            }
            var rows = t.rows.map { [ReportTable.Cell.text(scenario)] + $0 }
            if let i = out.firstIndex(where: { $0.key == t.key }) {
                rows = out[i].rows + rows
                out[i].rows = rows
            } else {
                var m = t
                m.columns = [ReportTable.Column("scenario", de: "Szenario", en: "Scenario", kind: .text)] + t.columns
                m.rows = rows
                out.append(m)
            }
        }
        return out
    }

    static func overview(store: Store, settings s: RunSettings, results r: AnalysisResults) throws -> ReportOverview {
        let de = s.language == .de
        var o = ReportOverview()
        let planYear = r.projection?.baseYear ?? s.planYear
        if let y = planYear {
            // The side each line got from its code scheme (or side column) at import.
            let rev = try store.planTotal(year: y, side: .revenue), exp = try store.planTotal(year: y, side: .expense)
            o.keyFigures.append(.init(de ? "Erträge Plan \(y)" : "Revenue plan \(y)", .money(Money(cents: rev))))
            o.keyFigures.append(.init(de ? "Aufwendungen Plan \(y)" : "Expenses plan \(y)", .money(Money(cents: exp))))
            o.keyFigures.append(.init(de ? "Geplantes Jahresergebnis \(y)" : "Planned annual result \(y)", .money(Money(cents: rev) - Money(cents: exp))))
        }
        if let v = r.variance {
            o.keyFigures.append(.init(de ? "Ist-Ergebnis \(v.year) (Buchungen)" : "Actual result \(v.year) (postings)",
                                      .money(try actualResult(try r.postingTotals(store: store, year: v.year)))))
            o.keyFigures.append(.init(de ? "Auffällige Abweichungen Plan/Ist \(v.year)" : "Flagged plan/actual variances \(v.year)",
                                      .integer(Int64(v.flaggedRows.count))))
            let names = try store.codeNameBook()
            o.variances = v.largest(10).map { row in
                let label = zip(row.keys, v.dimension.keyColumns).map { code, dim in
                    names.name(of: code, in: dim).map { "\(code) \($0)" } ?? code
                }
                return .init(label.joined(separator: " / "), plan: row.plan, actual: row.actual)
            }
        }
        if let review = r.review {
            let refill = review.cases.filter { $0.check == .refill }
            o.keyFigures.append(.init(de ? "Stellen zur Wiederbesetzungsprüfung (24 Monate)" : "Positions for re-fill review (24 months)",
                                      .integer(Int64(refill.count))))
            o.keyFigures.append(.init(de ? "Einsparung, falls nicht wiederbesetzt (jährlich)" : "Saving if not re-filled (annual)",
                                      .money(refill.compactMap(\.annualSaving).sum())))
            o.keyFigures.append(.init(de ? "Prüffälle insgesamt" : "Review cases in all", .integer(Int64(review.cases.count))))
        }
        if !r.reviewEffects.isEmpty, let first = r.reviewEffects.map(\.fiscalYear).min() {
            let decided = r.reviewEffects.filter { $0.fiscalYear == first }.map { -$0.expenseChange }.sum()
            o.keyFigures.append(.init(de ? "Beschlossene Einsparungen aus der Stellenprüfung (\(first))" : "Decided savings from the review (\(first))", .money(decided)))
        }
        if let a = r.audit {
            o.keyFigures.append(.init(de ? "Prüfhinweise aus der Belegprüfung" : "Audit findings on the ledger", .integer(Int64(a.findings.count))))
        }
        if let p = r.projection {
            let label = de ? "Haushaltsausgleich (Basis)" : "Balanced budget (baseline)"
            o.keyFigures.append(.init(label, .text(p.balancedYear.map(String.init) ?? (de ? "nicht bis \(p.years.last?.year ?? 0)" : "not by \(p.years.last?.year ?? 0)"))))
            o.consolidationPath.append(.init(de ? "Basis mit Maßnahmen" : "Baseline with measures", p.years.map { .init($0.year, $0.annualResult) }))
            for (_, result, proj, _) in r.scenarios {
                guard let proj else { continue }
                // A law-change scenario (it overrides Bund or Land parameters) is marked wherever it is named.
                let name = result.scenario.displayTitle(s.language) + (result.scenario.lawChange == nil ? "" : (de ? " [Rechtsänderung]" : " [law change]"))
                o.consolidationPath.append(.init(name, proj.years.map { .init($0.year, $0.annualResult) }))
                o.keyFigures.append(.init((de ? "Haushaltsausgleich mit " : "Balanced budget with ") + name,
                                          .text(proj.balancedYear.map(String.init) ?? (de ? "nicht im Zeitraum" : "not within the horizon"))))
                let lastYear = p.years.last?.year ?? 0
                // The cost to the city is shown as a cost: a positive amount (the net effect on the result, negated).
                o.reliefScenarios.append(.init(name, -(result.netByYear[lastYear] ?? .zero)))
            }
            for a in r.affordable {
                o.keyFigures.append(.init((de ? "Größte leistbare Entlastung (" : "Largest affordable relief (") + a.scenario + ")", .text(a.text(s.language))))
            }
            if !r.affordable.isEmpty, let baseline = r.baseline {
                o.keyFigures.append(.init(de ? "Haushaltsbasis" : "Budget baseline", .text(baseline)))
            }
            if let (_, result, _, bars) = r.scenarios.first(where: { !$0.tornado.isEmpty }) {
                o.tornadoTitle = result.scenario.displayTitle(s.language)
                o.tornado = bars.prefix(8).map { .init(de ? $0.nameDE : $0.nameEN, atLow: $0.netAtLow - $0.central, atHigh: $0.netAtHigh - $0.central) }
            }
        }
        let lastYear = r.projection?.years.last?.year
        o.notes = r.notes + [de ? "Vorzeichen: Entlastungsszenarien zeigen die Kosten für die Stadt im Jahr \(lastYear.map(String.init) ?? "–") als positiven Betrag (Mindererträge nach Umlage und Finanzausgleich); Jahresergebnisse sind negativ bei einem Fehlbetrag."
                                : "Signs: relief scenarios show the cost to the city in \(lastYear.map(String.init) ?? "–") as a positive amount (lost revenue after the Umlage and fiscal equalisation); annual results are negative for a deficit."]
        return o
    }

    static func actualResult(_ totals: [PostingMonthAccountSum]) throws -> Money {
        // The side the code scheme gives each account (NKF: class 4 revenue, class 5 expense).
        var rev = Money.zero, exp = Money.zero
        for r in totals {
            switch CodeSchemes.standard.side(account: r.account) {
            case .revenue: rev += Money(cents: r.cents)
            case .expense: exp += Money(cents: r.cents)
            case nil: break
            }
        }
        return rev - exp   // in the caller's AmountCheck scope
    }
}
