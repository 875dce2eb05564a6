import Foundation

/// The plan/actual sheets that read the store beyond the variance report: the drill-down to the postings
/// behind the largest lines (one pass over the ledger) and the years compared.
///
/// `ReportAssembly.analyse` starts them (`start`) as soon as the variance report is done, so that pass runs
/// wherever a core is free (beside the scenarios, or beside the rest of the report's assembly) instead of
/// alone before the workbook (issue 18); `ReportAssembly.build` takes the result, or builds them itself
/// when they were not started or were built for another language. The tables are the same either way.
struct VarianceSheets {
    var lang: Language
    var drill: (table: ReportTable, links: [ReportTable.RowLink])?
    var years: ReportTable

    /// Both sheets, now; in this order, so an error is the one the report met before.
    static func build(store: Store, report v: VarianceReport, lang: Language) throws -> VarianceSheets {
        let drill = try VariancePostings.build(store: store, report: v, lang: lang)
        let years = try YearComparison.table(store: store, year: v.year, throughMonth: v.throughMonth, lang: lang)
        return VarianceSheets(lang: lang, drill: drill, years: years)
    }

    /// Both sheets, started on another thread.
    static func start(store: Store, report v: VarianceReport, lang: Language) -> Pending<VarianceSheets> {
        Pending { try build(store: store, report: v, lang: lang) }
    }

    /// The sheets started for `results` in `lang`, else built now.
    static func taken(from results: AnalysisResults, store: Store, report v: VarianceReport, lang: Language) throws -> VarianceSheets {
        if let started = try results.varianceSheets?.value(), started.lang == lang { return started }
        return try build(store: store, report: v, lang: lang)
    }
}
