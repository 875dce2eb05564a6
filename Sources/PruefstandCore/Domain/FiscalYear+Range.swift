/// The years an option or a parameter file may name, checked where they enter (`--year`, `--as-of`,
/// `base_year`, a review's cut-off date): the fiscal years the store holds (`FiscalYear`, 1990–2100).
/// A year outside is a clear error, so no analysis computes dates or year ranges it cannot represent.
extension FiscalYear {
    public static let supportedRange = 1990...2100
    public static var supportedRangeText: String { "\(supportedRange.lowerBound)–\(supportedRange.upperBound)" }
}

extension CivilDate {
    /// Parses a date option (`--as-of 2026-01-01`) and checks that its year is a supported fiscal year;
    /// the message names the option and the range.
    public static func option(_ text: String, name: String) throws -> CivilDate {
        guard let d = CivilDate(iso: text) else {
            throw PruefstandError.other(Phrase(de: "\(name): '\(Phrase.quoted(text))' ist kein Datum jjjj-mm-tt in den unterstützten Jahren \(FiscalYear.supportedRangeText)",
                                               en: "\(name): '\(Phrase.quoted(text))' is not a date yyyy-mm-dd in the supported years \(FiscalYear.supportedRangeText)"))
        }
        guard FiscalYear.supportedRange.contains(d.year) else {
            throw PruefstandError.other(Phrase(de: "\(name): \(text) liegt außerhalb der unterstützten Jahre \(FiscalYear.supportedRangeText)",
                                               en: "\(name): \(text) is outside the supported years \(FiscalYear.supportedRangeText)"))
        }
        return d
    }
}
