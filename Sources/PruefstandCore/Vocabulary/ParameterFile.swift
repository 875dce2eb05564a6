import Foundation

/// Reads parameter files (YAML): the one parameter format of Pruefstand (docs/parameters.md), used by the
/// scenario parameters (`Parameters/nrw/*.yaml`), the review rules' parameters, the audit and projection
/// parameters and their built-in defaults (`Sources/PruefstandCore/Resources/defaults/`).
///
///     gewerbesteuer.messzahl:
///       name: {de: Steuermesszahl, en: Base rate}
///       description: …                      # optional
///       unit: percent
///       reference_period: Erhebungszeitraum (Kalenderjahr)
///       set_by: Bund                        # Bund, Land, Kommune or Annahme (an estimate)
///       range: [0, 10]
///       range_source: …                     # optional: where the limits come from
///       values:
///         - from: 2008                      # a year or an ISO date (2008-01-01)
///           value: 3.5
///           source: § 11 Abs. 2 Satz 1 GewStG
///           link: https://www.gesetze-im-internet.de/gewstg/__11.html
///           uncertain: …                    # optional: why the value is uncertain
///
/// A *declaration* (the shape above) states everything; an *override* (a city's rules or controlling file
/// setting a declared parameter) needs only `values` and keeps the declaration's name, unit, range and setter
/// (`override(_:with:)`). Unknown keys, a value outside the range, a date that is not a year or ISO date, two
/// values from one year and overlapping values are errors with file, key and line; so is the old flat form
/// (`key: 12` or `key: {value: 12, …}`), with a one-line hint how to convert it.
public enum ParameterFile {
    static let keyPattern = #"^[a-z][a-z0-9_]*(\.[a-z0-9_]+)+$"#

    /// A file of declarations whose keys are plain words (`duplicate_window_days`), not dotted scenario keys.
    public static func declarations(_ root: StrictYAML) throws -> [String: ParameterEntry] {
        var out: [String: ParameterEntry] = [:]
        for (key, node, line) in try root.entries() {
            var e = try parseEntry(key: key, node: node)
            e.line = line
            out[key] = e
        }
        return out
    }

    public static func load(file: String) throws -> ParameterSet {
        try parse(StrictYAML.load(path: file))
    }

    /// Loads every `*.yaml` file in a folder (sorted by name), not recursing.
    public static func load(directory: String) throws -> ParameterSet {
        let fm = FileManager.default
        guard let names = try? fm.contentsOfDirectory(atPath: directory) else {
            throw PruefstandError.file(path: directory, message: "parameter folder cannot be read")
        }
        var set = ParameterSet()
        for name in names.sorted() where name.hasSuffix(".yaml") || name.hasSuffix(".yml") {
            try set.merge(load(file: (directory as NSString).appendingPathComponent(name)))
        }
        if set.entries.isEmpty {
            throw PruefstandError.file(path: directory, message: "no parameter files (*.yaml) found")
        }
        return set
    }

    static func parse(_ root: StrictYAML) throws -> ParameterSet {
        var entries: [String: ParameterEntry] = [:]
        for (key, node, keyLine) in try root.entries() {
            guard key.range(of: keyPattern, options: .regularExpression) != nil else {
                throw PruefstandError.config(path: root.file, line: keyLine, key: key,
                    message: "parameter keys are lowercase words joined by dots, e.g. gewerbesteuer.hebesatz")
            }
            var entry = try parseEntry(key: key, node: node)
            entry.line = keyLine
            entries[key] = entry
        }
        return ParameterSet(entries: entries)
    }

    /// The keys of a declaration.
    static let declarationKeys: Set<String> = ["name", "description", "unit", "reference_period", "set_by", "range", "range_source", "values", "note"]

    /// The hint for a parameter written in the flat form of the files before issue 18.
    static func flatFormHint(_ node: StrictYAML) -> PruefstandError {
        node.fail(Phrase(
            de: "ein Parameter ist jetzt datiert: `values: [{from: 2000, value: …, source: \"…\"}]` statt eines bloßen Werts oder `value:` schreiben (docs/parameters.md, \"Converting a flat file\")",
            en: "a parameter is dated now: write `values: [{from: 2000, value: …, source: \"…\"}]` instead of a bare value or `value:` (docs/parameters.md, \"Converting a flat file\")"))
    }

    /// Refuses the flat form (`key: 12`, `key: {value: 12, unit: …, source: …}`) with the conversion hint.
    static func refuseFlatForm(_ node: StrictYAML) throws {
        if node.scalarText != nil || node.isList { throw flatFormHint(node) }
        if node.isMapping, let m = try? node.dictionary(), m["value"] != nil, m["values"] == nil { throw flatFormHint(node) }
    }

    public static func parseEntry(key: String, node: StrictYAML) throws -> ParameterEntry {
        try refuseFlatForm(node)
        let f = try node.dictionary(allowed: declarationKeys, required: ["name", "unit", "reference_period", "set_by", "values"])
        let setByText = try f["set_by"]!.text()
        guard let setBy = ParameterSetter(rawValue: setByText) else {
            throw f["set_by"]!.fail(Phrase(de: "unbekanntes set_by '\(Phrase.quoted(setByText))'; erlaubt: \(ParameterSetter.allCases.map(\.rawValue).joined(separator: ", "))", en: "unknown set_by '\(setByText)'; allowed: \(ParameterSetter.allCases.map(\.rawValue).joined(separator: ", "))"))
        }
        let name = try f["name"]!.localized()
        let unitText = try f["unit"]!.text()
        guard let unit = ParameterUnit(rawValue: unitText) else {
            throw f["unit"]!.fail(Phrase(de: "unbekannte Einheit '\(Phrase.quoted(unitText))'; erlaubt: \(ParameterUnit.allCases.map(\.rawValue).joined(separator: ", "))", en: "unknown unit '\(unitText)'; allowed: \(ParameterUnit.allCases.map(\.rawValue).joined(separator: ", "))"))
        }
        var range: ClosedRange<Decimal>?
        if let r = f["range"] {
            let bounds = try r.list()
            guard bounds.count == 2 else { throw r.fail(Phrase(de: "range ist [min, max]", en: "range is [min, max]")) }
            let lo = try bounds[0].decimal(), hi = try bounds[1].decimal()
            guard lo <= hi else { throw r.fail(Phrase(de: "range: Minimum \(NumberText.decimal(lo, .de)) liegt über dem Maximum \(NumberText.decimal(hi, .de))", en: "range minimum \(lo) is above maximum \(hi)")) }
            range = lo...hi
        }
        let values = try parseValues(f["values"]!, range: range)
        return ParameterEntry(key: key, nameDE: name.de, nameEN: name.en, description: try f["description"]?.text(), unit: unit,
                              referencePeriod: try f["reference_period"]!.text(), setBy: setBy, range: range,
                              rangeSource: try f["range_source"]?.text(), values: values, file: node.file, line: node.line)
    }

    /// A declared parameter as a city's file sets it: `values` (required) replace the declaration's values from the
    /// first of them on (earlier years keep the declared values, as a scenario's override does); `unit` and `set_by`,
    /// if given, must be the declared ones; `name`, `description`, `reference_period` and `note` document the city's
    /// choice. Each value must lie in the declared range.
    public static func override(_ declared: ParameterEntry, with node: StrictYAML) throws -> ParameterEntry {
        try refuseFlatForm(node)
        let f = try node.dictionary(allowed: ["name", "description", "unit", "set_by", "reference_period", "values", "note"], required: ["values"])
        if let u = f["unit"], try u.text() != declared.unit.rawValue {
            throw u.fail(Phrase(de: "die Einheit von '\(declared.key)' ist \(declared.unit.rawValue) (festgelegt in \(declared.file):\(declared.line ?? 0)), nicht '\(Phrase.quoted(try u.text()))'", en: "the unit of '\(declared.key)' is \(declared.unit.rawValue) (declared in \(declared.file):\(declared.line ?? 0)), not '\(try u.text())'"))
        }
        if let s = f["set_by"], try s.text() != declared.setBy.rawValue {
            throw s.fail(Phrase(de: "'\(declared.key)' wird von \(declared.setBy.rawValue) festgesetzt (festgelegt in \(declared.file):\(declared.line ?? 0)), nicht '\(Phrase.quoted(try s.text()))'", en: "'\(declared.key)' is set by \(declared.setBy.rawValue) (declared in \(declared.file):\(declared.line ?? 0)), not '\(try s.text())'"))
        }
        _ = try f["name"]?.localized(); _ = try f["description"]?.text(); _ = try f["reference_period"]?.text(); _ = try f["note"]?.text()
        let values = try parseValues(f["values"]!, range: declared.range)
        var entry = try ParameterSet(entries: [declared.key: declared]).overriding(declared.key, with: values).entries[declared.key]!
        entry.file = node.file; entry.line = node.line
        return entry
    }

    /// Dated values, each with its source; a value outside `range` is an error.
    static func parseValues(_ node: StrictYAML, range: ClosedRange<Decimal>?) throws -> [DatedValue] {
        var values: [DatedValue] = []
        for item in try node.list() {
            let f = try item.dictionary(allowed: ["from", "until", "value", "source", "link", "uncertain", "note"],
                                    required: ["from", "value", "source"])
            let value = try f["value"]!.decimal()
            if let range, !range.contains(value) {
                throw f["value"]!.fail(Phrase(de: "Wert \(NumberText.decimal(value, .de)) liegt außerhalb des plausiblen Bereichs [\(NumberText.decimal(range.lowerBound, .de)); \(NumberText.decimal(range.upperBound, .de))]", en: "value \(value) is outside the plausible range [\(range.lowerBound), \(range.upperBound)]"))
            }
            let source = try f["source"]!.text()
            if source.trimmingCharacters(in: .whitespaces).count < 3 {
                throw f["source"]!.fail(Phrase(de: "die Quelle muss eine Rechtsgrundlage oder eine Veröffentlichung nennen", en: "the source must name a legal citation or a publication"))
            }
            let start = try f["from"]!.startDate()
            var dated = DatedValue(validFrom: start.year, value: value, source: source,
                                     link: try f["link"]?.text(), uncertain: try f["uncertain"]?.text(),
                                     note: try f["note"]?.text(), file: item.file, line: item.line)
            dated.fromMonth = start.month
            if let u = f["until"] {
                let end = try u.endDate()
                // A Kita value counts in Kita years: it ends on 31 July (the Kita year that began the year before).
                if end.month == 7 && start.month != 8 { throw u.fail(Phrase(de: "ein Ende am 31. Juli schließt ein Kita-Jahr: nur ein Wert ab 1. August (ein Kita-Wert) darf es verwenden", en: "an end on 31 July closes a Kita year: only a value from 1 August (a Kita value) may use it")) }
                dated.validUntil = end.month == 7 ? end.year - 1 : end.year
                if dated.validUntil! < dated.validFrom {
                    throw u.fail(Phrase(de: "der Wert endet (\(try u.text())), bevor er beginnt (\(try f["from"]!.text()))", en: "the value ends (\(try u.text())) before it starts (\(try f["from"]!.text()))"))
                }
            }
            values.append(dated)
        }
        guard !values.isEmpty else { throw node.fail(Phrase(de: "mindestens ein datierter Wert ist nötig", en: "at least one dated value is needed")) }
        values.sort { $0.validFrom < $1.validFrom }
        for (a, b) in zip(values, values.dropFirst()) {
            if a.validFrom == b.validFrom {
                throw PruefstandError.config(path: node.file, line: b.line, key: node.keyPath, message: "two values from \(b.validFrom)")
            }
            if let end = a.validUntil, end >= b.validFrom {
                throw PruefstandError.config(path: node.file, line: b.line, key: node.keyPath,
                    message: "the value from \(b.validFrom) overlaps the value from \(a.validFrom) (line \(a.line ?? 0)), which ends \(end)")
            }
        }
        return values
    }
}
