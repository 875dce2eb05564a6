import Foundation

/// How an import relates to what the store already holds (issue 20: monthly exports, corrections and
/// re-exports; every posting counted once).
///
/// - `append` (the default): new postings only. A posting whose identity (source, document id and its
///   line, or the mapping's declared key) is already in the store is skipped and reported when it is
///   identical, and stops the import when it differs.
/// - `replacePeriod`: the file covers a declared period (`ImportPeriod`); the postings of that period
///   from earlier imports of the same source are replaced, in the same transaction, with a
///   reconciliation of removed, kept and added postings.
/// - `replace`: the file takes the place of an earlier import of the same content (as `--replace`).
///
///     pruefstand import ledger maerz-korrektur.csv --mode replace-period --period 2025-03
public enum ImportMode: String, NamedChoice {
    case append, replacePeriod = "replace-period", replace

    public var help: String {
        switch self {
        case .append: "new postings only (the default)"
        case .replacePeriod: "replace the postings of --period from earlier imports of the same source"
        case .replace: "as --replace"
        }
    }
}

/// The period a `replace-period` import covers: a fiscal year (`2025`), one month (`2025-03`), a
/// range of months (`2025-01..2025-03`), a range of days (`2025-03-01..2025-03-15`) or the span of the
/// file's own posting dates (`span`). Months and days are posting dates; a fiscal year is the posting's
/// fiscal year (a posting of January 2026 booked to 2025 belongs to 2025).
public enum ImportPeriod: Sendable, Equatable, CustomStringConvertible {
    case fiscalYear(Int)
    /// Posting dates from … to, both included.
    case dates(CivilDate, CivilDate)
    /// From the earliest to the latest posting date of the file.
    case span

    /// Reads the command line's or the manifest's text; nil with a reason when it is none of the forms.
    public static func parse(_ text: String) -> Result<ImportPeriod, PeriodError> {
        let t = text.trimmingCharacters(in: .whitespaces)
        if t == "span" { return .success(.span) }
        let parts = t.components(separatedBy: "..")
        if parts.count == 1, t.count == 4, let y = Int(t) {
            return CivilDate.fiscalYears.contains(y) ? .success(.fiscalYear(y)) : .failure(PeriodError(text: text))
        }
        guard parts.count <= 2, let from = bound(parts[0], start: true), let to = bound(parts.last!, start: false), from <= to else {
            return .failure(PeriodError(text: text))
        }
        return .success(.dates(from, to))
    }

    /// `2025-03` → its first or last day; `2025-03-15` → that day.
    private static func bound(_ s: String, start: Bool) -> CivilDate? {
        let p = s.split(separator: "-", omittingEmptySubsequences: false)
        guard let y = Int(p[0]), p[0].count == 4, CivilDate.fiscalYears.contains(y) else { return nil }
        if p.count == 2, p[1].count == 2, let m = Int(p[1]), (1...12).contains(m) {
            return CivilDate(year: y, month: m, day: start ? 1 : CivilDate.daysIn(month: m, year: y))
        }
        if p.count == 3, p[1].count == 2, p[2].count == 2 { return CivilDate(iso: s) }
        return nil
    }

    /// The period as written back (stored in `importRun.period` and the history).
    public var description: String {
        switch self {
        case .fiscalYear(let y): return "\(y)"
        case .dates(let a, let b): return "\(a.iso)..\(b.iso)"
        case .span: return "span"
        }
    }

    public struct PeriodError: Error, CustomStringConvertible, Equatable {
        public var text: String
        public var description: String {
            text(.en)
        }
        /// The message in `lang` (issue 16).
        public func text(_ lang: Language) -> String {
            let years = "\(CivilDate.fiscalYears.lowerBound)–\(CivilDate.fiscalYears.upperBound)", shown = Phrase.quoted(self.text)
            return lang == .de
                ? "\"\(shown)\" ist kein Zeitraum: ein Haushaltsjahr (2025), einen Monat (2025-03), Monate (2025-01..2025-03), Tage (2025-03-01..2025-03-15) oder span (die Buchungsdaten der Datei) schreiben, Jahre \(years)"
                : "\"\(shown)\" is no period: write a fiscal year (2025), a month (2025-03), months (2025-01..2025-03), days (2025-03-01..2025-03-15) or span (the file's posting dates), years \(years)"
        }
    }
}

/// What an import did to the store, kept in `importHistory` and printed with the summary.
public struct ImportEffect: Sendable, Codable, Equatable {
    /// Records stored by this import.
    public var added = 0
    public var addedCents: Int64 = 0
    /// Postings of the file already in the store, identical (not stored again). In `replace-period`
    /// these are the postings the period keeps.
    public var skipped = 0
    public var skippedCents: Int64 = 0
    /// Records of earlier imports taken out (a replaced import, or the period's postings).
    public var replaced = 0
    public var replacedCents: Int64 = 0
    /// Earlier imports replaced as a whole.
    public var replacedImports: [Int64] = []
    /// The first postings skipped as identical: document id and line in this file.
    public var skippedExamples: [String] = []
    public init() {}
}

/// The name of a source (`source:` in a mapping or the manifest, `--source`): which system and which
/// ledger a file comes from. Without one, the kind's name (`ledger`) is the source.
public enum ImportSourceName {
    public static let rule = Phrase(de: "ein Quellname hat 1 bis 64 Buchstaben, Ziffern, Leerzeichen oder . _ - / (z. B. \"SAP Kernhaushalt\")",
                                    en: "a source name has 1 to 64 letters, digits, spaces or . _ - / (e.g. \"SAP Kernhaushalt\")")
    public static func isValid(_ s: String) -> Bool {
        !s.isEmpty && s.count <= 64 && s.unicodeScalars.allSatisfy { CharacterSet.alphanumerics.contains($0) || " ._-/".unicodeScalars.contains($0) }
            && s.trimmingCharacters(in: .whitespaces) == s
    }
}
