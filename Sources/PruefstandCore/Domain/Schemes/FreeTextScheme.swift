import Foundation

/// No scheme: any code text is a product or an account, kept as written, with no hierarchy and no side.
///
/// For files whose codes follow no published framework (SAP profit centres, a city's own numbering).
/// What needs a place in a hierarchy or a side cannot run on such codes, and the import says so
/// (`unsupportedAnalyses`); a side column in the mapping (`columns: { side: … }`) still gives the side.
public struct FreeTextScheme: CodeScheme {
    public init() {}
    public var name: String { "free" }
    public func productProblem(_ p: UnsafeBufferPointer<UInt8>) -> Phrase? { nil }
    public func accountProblem(_ p: UnsafeBufferPointer<UInt8>) -> Phrase? { nil }
    public func side(account: UnsafeBufferPointer<UInt8>) -> BudgetSide? { nil }
    public func place(product: String) -> CodePlace { CodePlace(level: "code", area: nil, group: nil) }
    public var unsupportedAnalyses: [Phrase] {
        [Phrase(de: "Plan/Ist nach Produktbereich oder Produktgruppe (die Codes haben keine Hierarchie)",
                       en: "plan/actual by product area or product group (the codes have no hierarchy)"),
         Phrase(de: "Summen der Erträge und Aufwendungen, die Konsolidierungsprojektion nach Kontengruppen (keine Seite, außer eine Seitenspalte gibt sie an)",
                       en: "revenue and expense totals, the consolidation projection by account group (no side, unless a side column gives it)")]
    }
}
