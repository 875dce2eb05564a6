import Foundation

/// The unit of a parameter value. Percent values are written as in the statutes (Hebesatz `520`,
/// Messzahl `3.5`); shares are fractions (`0.02` = 2 % a year). The units after `years` are those of the
/// review, audit and projection parameters (docs/parameters.md).
public enum ParameterUnit: String, Sendable, CaseIterable, Codable {
    case percent
    case eur = "EUR"
    case eurPerMonth = "EUR/month"
    case factor
    case share
    case count
    case years
    case months
    case days
    case fte = "FTE"
    case ftePer100 = "FTE per 100 FTE"
    case levels
    case rows

    public var label: String { rawValue == "percent" ? "%" : rawValue }
}

/// One dated value of a parameter: valid from 1 January of `validFrom` until the next value.
public struct DatedValue: Sendable, Hashable {
    public var validFrom: Int
    /// 1, or 8 for a value written as from 1 August (`2027-08-01`, the start of the Kita year; Kita parameters
    /// only, and read as from the Kita year `validFrom` like a plain year).
    public var fromMonth: Int = 1
    /// The last year (for a Kita value: the last Kita year) the value holds, from `until:`; nil: until the next value.
    public var validUntil: Int? = nil
    public var value: Decimal
    /// Legal citation or publication title.
    public var source: String
    public var link: String?
    /// Why the value is uncertain (nil when it is certain).
    public var uncertain: String?
    public var note: String?
    /// Where it was read (file and line), for error messages and the audit trail.
    public var file: String
    public var line: Int?

    public init(validFrom: Int, value: Decimal, source: String, link: String? = nil, uncertain: String? = nil,
                note: String? = nil, file: String = "", line: Int? = nil) {
        self.validFrom = validFrom; self.value = value; self.source = source; self.link = link
        self.uncertain = uncertain; self.note = note; self.file = file; self.line = line
    }

    /// Source with link and the uncertainty mark, as shown to auditors.
    public var citation: String {
        var s = source
        if let link { s += " <\(link)>" }
        if let uncertain { s += " [unsicher/uncertain: \(uncertain)]" }
        return s
    }
}

/// Who sets a parameter: federal law, state law, the city council, or nobody (an estimate about the world).
///
/// A scenario may override a `Kommune` parameter (that is what relief means) and an `Annahme` (a different
/// estimate); overriding a `Bund` or `Land` parameter changes the law and is an error unless the scenario
/// declares itself a law-change scenario with a source (`law_change:`).
public enum ParameterSetter: String, Sendable, CaseIterable {
    case bund = "Bund", land = "Land", kommune = "Kommune", annahme = "Annahme"
    /// Set by a legislature above the city.
    public var isLaw: Bool { self == .bund || self == .land }
}

/// A named assumption (rate, threshold, base) with its dated values and their sources.
///
/// Modelled on GETTSIM and OpenFisca parameter files: name in German and English, a unit, the
/// reference period, a plausible range that `scenario check` enforces, and dated values.
public struct ParameterEntry: Sendable {
    public var key: String
    public var nameDE: String
    public var nameEN: String
    /// What the parameter means and how it is used (optional).
    public var description: String?
    public var unit: ParameterUnit
    public var referencePeriod: String
    /// Who sets it (Bund, Land, Kommune) or `Annahme` for an estimate.
    public var setBy: ParameterSetter
    public var range: ClosedRange<Decimal>?
    /// Where the range's limits come from (a statutory limit, a published extreme), shown with range errors.
    public var rangeSource: String?
    public var values: [DatedValue]   // sorted by validFrom
    public var file: String
    public var line: Int?

    public init(key: String, nameDE: String, nameEN: String, description: String? = nil, unit: ParameterUnit,
                referencePeriod: String, setBy: ParameterSetter, range: ClosedRange<Decimal>? = nil, rangeSource: String? = nil,
                values: [DatedValue], file: String, line: Int? = nil) {
        self.key = key; self.nameDE = nameDE; self.nameEN = nameEN; self.description = description; self.unit = unit
        self.referencePeriod = referencePeriod; self.setBy = setBy; self.range = range; self.rangeSource = rangeSource
        self.values = values; self.file = file; self.line = line
    }

    public func name(_ lang: Language) -> String { lang == .de ? nameDE : nameEN }

    /// The years in which a value starts or the value before ends (`until` + 1), ascending: between two of
    /// them the parameter does not change.
    public var changeYears: [Int] {
        Set(values.flatMap { v in [v.validFrom] + (v.validUntil.map { [$0 + 1] } ?? []) }).sorted()
    }

    /// The value in force in `year`, or nil if the first value starts later or the value before has ended (`until:`).
    public func dated(in year: Int) -> DatedValue? {
        guard let v = values.last(where: { $0.validFrom <= year }) else { return nil }
        if let end = v.validUntil, year > end { return nil }
        return v
    }
}

/// All parameters of a baseline (one or more parameter folders), with scenario overrides applied.
///
/// Formulas never read this dictionary directly: each model resolves the typed values it needs for
/// one year first (`GewerbesteuerParameters(year:from:)` and friends).
public struct ParameterSet: Sendable {
    /// The fiscal years every shipped parameter must cover.
    public static let supportedYears = 2024...2035

    public private(set) var entries: [String: ParameterEntry]

    public init(entries: [String: ParameterEntry] = [:]) { self.entries = entries }

    public var keys: [String] { entries.keys.sorted() }
    public subscript(key: String) -> ParameterEntry? { entries[key] }

    /// The value of `key` in `year`; an error names the key and year when it is missing.
    public func value(_ key: String, _ year: Int) throws -> Decimal {
        try dated(key, year).value
    }

    public func dated(_ key: String, _ year: Int) throws -> DatedValue {
        guard let entry = entries[key] else {
            throw PruefstandError.config(path: "parameters", line: nil, key: key, message: "parameter '\(key)' is not defined in the baseline")
        }
        guard let v = entry.dated(in: year) else {
            // A gap where a value is needed: name the value that ended before it.
            if let ended = entry.values.last(where: { $0.validFrom <= year }), let end = ended.validUntil {
                throw PruefstandError.config(path: ended.file.isEmpty ? entry.file : ended.file, line: ended.line ?? entry.line, key: key,
                    message: "parameter '\(key)' has no value for \(year): the value from \(ended.validFrom) ends \(end) and no value follows before \(year + 1)")
            }
            throw PruefstandError.config(path: entry.file, line: entry.line, key: key,
                                         message: "parameter '\(key)' has no value for \(year) (first value from \(entry.values.first?.validFrom ?? 0))")
        }
        return v
    }

    /// Adds the entries of another set; a key defined twice is an error naming both files.
    public mutating func merge(_ other: ParameterSet) throws {
        for (key, entry) in other.entries {
            if let existing = entries[key] {
                throw PruefstandError.config(path: entry.file, line: entry.line, key: key,
                    message: "parameter '\(key)' is already defined in \(existing.file):\(existing.line ?? 0)")
            }
            entries[key] = entry
        }
    }

    /// Replaces the values of `key` from the first override year on; earlier values stay.
    public func overriding(_ key: String, with values: [DatedValue]) throws -> ParameterSet {
        guard var entry = entries[key] else {
            throw PruefstandError.config(path: values.first?.file ?? "scenario", line: values.first?.line, key: key,
                                         message: "override of unknown parameter '\(key)'")
        }
        let sorted = values.sorted { $0.validFrom < $1.validFrom }
        guard let first = sorted.first, let last = sorted.last else { return self }
        // An override with an end (`until:`) replaces the baseline only for its years; the baseline resumes after it.
        var after: [DatedValue] = []
        if let end = last.validUntil {
            if var resume = entry.dated(in: end + 1) {
                resume.validFrom = max(resume.validFrom, end + 1)
                after.append(resume)
            }
            after += entry.values.filter { $0.validFrom > end + 1 }
        }
        entry.values = entry.values.filter { $0.validFrom < first.validFrom } + sorted + after
        var copy = self
        copy.entries[key] = entry
        return copy
    }

    /// The same set with `key` fixed at one value for every year (sensitivity and Monte Carlo).
    public func fixing(_ key: String, at value: Decimal, source: String) throws -> ParameterSet {
        guard entries[key] != nil else {
            throw PruefstandError.config(path: "scenario", line: nil, key: key, message: "unknown parameter '\(key)'")
        }
        return try overriding(key, with: [DatedValue(validFrom: 1900, value: value, source: source)])
    }
}

extension DatedValue {
    /// The value as a whole number; an error naming `key` and the value's file and line otherwise.
    public func wholeNumber(key: String) throws -> Int {
        var x = value, rounded = Decimal()
        NSDecimalRound(&rounded, &x, 0, .plain)
        guard rounded == value, value.magnitude < 1_000_000_000_000_000 else {
            throw PruefstandError.config(path: file, line: line, key: key, message: Phrase(
                de: "erwartet eine ganze Zahl, gefunden \(NumberText.decimal(value, .de))", en: "expected a whole number, found \(value)"))
        }
        return NSDecimalNumber(decimal: value).intValue
    }

    /// The value as a share in 0…1; an error naming `key` and the value's file and line otherwise.
    public func share(key: String) throws -> Decimal {
        guard value >= 0, value <= 1 else {
            throw PruefstandError.config(path: file, line: line, key: key, message: Phrase(
                de: "erwartet einen Anteil zwischen 0 und 1, gefunden \(NumberText.decimal(value, .de))", en: "expected a share between 0 and 1, found \(value)"))
        }
        return value
    }
}

extension ParameterEntry: Hashable {}

extension ParameterEntry {
    /// The value in force in `year`; before the first value, the first (a projection's or an audit's year may lie
    /// before every dated value, as a review's as-of date may). Nil only in a gap after a value's `until`.
    public func inForce(_ year: Int) -> DatedValue? {
        dated(in: year) ?? (values.first.map { $0.validFrom > year ? $0 : nil } ?? nil)
    }
}
