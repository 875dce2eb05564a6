import Foundation
import Yams

/// A YAML node with its file and key path, so that every error names file, key and line.
///
/// Parameter, scenario and city files are read through this wrapper: unknown keys are errors,
/// numbers are read as exact `Decimal`s from their text (never through `Double`).
struct ScenarioYAML {
    let node: Node
    let file: String
    let keyPath: String

    var line: Int? { node.mark?.line }

    func error(_ message: String) -> PruefstandError {
        .config(path: file, line: line, key: keyPath.isEmpty ? nil : keyPath, message: message)
    }

    static func load(file: String) throws -> ScenarioYAML {
        ScenarioYAML(node: try YAMLLoader.load(path: file), file: file, keyPath: "")
    }

    static func parse(_ text: String, file: String) throws -> ScenarioYAML {
        ScenarioYAML(node: try YAMLLoader.parse(text, file: file), file: file, keyPath: "")
    }

    private func child(_ key: String, _ node: Node) -> ScenarioYAML {
        ScenarioYAML(node: node, file: file, keyPath: keyPath.isEmpty ? key : keyPath + "." + key)
    }

    /// The mapping's entries in file order, with keys as strings.
    func entries() throws -> [(key: String, node: ScenarioYAML, line: Int?)] {
        guard let mapping = node.mapping else { throw error("expected a mapping (key: value lines)") }
        return try mapping.map { pair in
            guard let key = pair.key.string else {
                throw PruefstandError.config(path: file, line: pair.key.mark?.line, key: keyPath, message: "a key must be text")
            }
            return (key, child(key, pair.value), pair.key.mark?.line)
        }
    }

    /// The mapping as a dictionary; a key outside `allowed` or a missing `required` key is an error.
    func fields(allowed: Set<String>, required: Set<String> = []) throws -> [String: ScenarioYAML] {
        var result: [String: ScenarioYAML] = [:]
        for (key, node, keyLine) in try entries() {
            guard allowed.contains(key) else {
                let path = keyPath.isEmpty ? key : keyPath + "." + key
                throw PruefstandError.config(path: file, line: keyLine, key: path,
                    message: "unknown key '\(key)'; allowed: \(allowed.sorted().joined(separator: ", "))")
            }
            if result[key] != nil {
                throw PruefstandError.config(path: file, line: keyLine, key: key, message: "key '\(key)' appears twice")
            }
            result[key] = node
        }
        for key in required.sorted() where result[key] == nil {
            throw error("required key '\(key)' is missing")
        }
        return result
    }

    func sequence() throws -> [ScenarioYAML] {
        guard let seq = node.sequence else { throw error("expected a list") }
        return seq.enumerated().map { ScenarioYAML(node: $1, file: file, keyPath: keyPath + "[\($0)]") }
    }

    func string() throws -> String {
        guard let s = node.scalar?.string, !s.isEmpty else { throw error("expected text") }
        return s
    }

    func decimal() throws -> Decimal {
        guard let s = node.scalar?.string else { throw error("expected a number") }
        let cleaned = s.replacingOccurrences(of: "_", with: "")
        guard let d = Decimal(string: cleaned, locale: Locale(identifier: "en_US_POSIX")),
              cleaned.range(of: #"^-?[0-9]+(\.[0-9]+)?$"#, options: .regularExpression) != nil else {
            throw error("'\(s)' is not a number (use a decimal point, e.g. 3.5)")
        }
        return d
    }

    /// A whole number of at most 15 digits (counts, brackets, hours, seeds), so that the models' arithmetic on
    /// it (`bracket − 1`, `children − fee_free − siblings`) cannot pass the 64-bit range.
    func int() throws -> Int {
        guard let s = node.scalar?.string, let i = Int(s.replacingOccurrences(of: "_", with: "")),
              i.magnitude < 1_000_000_000_000_000 else {
            throw error("expected a whole number (at most 15 digits), found '\(node.scalar?.string ?? "?")'")
        }
        return i
    }

    func bool() throws -> Bool {
        guard let s = node.scalar?.string else { throw error("expected true or false") }
        switch s.lowercased() {
        case "true", "yes", "ja": return true
        case "false", "no", "nein": return false
        default: throw error("expected true or false, found '\(s)'")
        }
    }

    /// The start of a dated value: a year `2027` (month 1), or an ISO date on 1 January or 1 August (the start
    /// of the Kita year: `2027-08-01`, month 8). Other days are refused: the models count in calendar years and,
    /// for Kita fees, in Kita years.
    func startDate() throws -> (year: Int, month: Int) {
        guard let s = node.scalar?.string else { throw error("expected a year or a date") }
        if let d = CivilDate(iso: s), d.day == 1, d.month == 8, (1900...2200).contains(d.year) { return (d.year, 8) }
        return (try year(), 1)
    }

    /// The end of a dated value (`until:`, inclusive): a year `2026` (its 31 December), an ISO date on 31 December,
    /// or on 31 July (the end of a Kita year: `2028-07-31`, month 7).
    func endDate() throws -> (year: Int, month: Int) {
        guard let s = node.scalar?.string else { throw error("expected a year or a date") }
        if let y = Int(s), (1900...2200).contains(y) { return (y, 12) }
        if let d = CivilDate(iso: s), (1900...2200).contains(d.year) {
            if d.month == 12 && d.day == 31 { return (d.year, 12) }
            if d.month == 7 && d.day == 31 { return (d.year, 7) }
        }
        throw error("'\(s)' is not an end date (write 2026 or 2026-12-31; a Kita value may end 2028-07-31)")
    }

    /// A year given as `2027` or as a date `2027-01-01` (only 1 January is accepted for a date).
    func year() throws -> Int {
        guard let s = node.scalar?.string else { throw error("expected a year") }
        if let y = Int(s), (1900...2200).contains(y) { return y }
        if let d = CivilDate(iso: s), d.month == 1, d.day == 1 { return d.year }
        throw error("'\(s)' is not a year (write 2027 or 2027-01-01; a Kita value may start 2027-08-01)")
    }

    /// `{de: ..., en: ...}` or a plain string used for both.
    func localized() throws -> (de: String, en: String) {
        if node.scalar != nil { let s = try string(); return (s, s) }
        let f = try fields(allowed: ["de", "en"], required: ["de", "en"])
        return (try f["de"]!.string(), try f["en"]!.string())
    }
}
