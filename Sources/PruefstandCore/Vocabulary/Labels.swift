import Foundation

/// A closed set of values (an enum of words) whose labels in German and English are text for people: they live in
/// `Sources/PruefstandCore/Resources/labels.tsv`, one line a value (`GROUP.VALUE⇥de⇥en`), not in a `switch` of
/// each type (issue 18). The type names its group; the tests check that every value has its line and every line a
/// value.
///
///     public enum ReviewDecisionValue: String, CaseIterable, Labelled {
///         case refill, noRefill = "no-refill"
///         public static let labelGroup = "review_decision"
///     }
///     ReviewDecisionValue.noRefill.label(.de)   // "nicht wiederbesetzen"
public protocol Labelled: RawRepresentable<String>, CaseIterable {
    /// The group of the type's values in `labels.tsv`.
    static var labelGroup: String { get }
}

extension Labelled {
    /// The value's label in `lang`.
    public func label(_ lang: Language) -> String { Labels.label("\(Self.labelGroup).\(rawValue)", lang) }
}

/// The catalogue of labels (`labels.tsv`), embedded in the binary as `report-columns.tsv` is and read once.
public enum Labels {
    /// The catalogue's place in the repository, as errors name it.
    public static let sourcePath = "Sources/PruefstandCore/Resources/labels.tsv"

    /// Every label by `GROUP.VALUE`, read once.
    public static let catalogue: [String: Phrase] = {
        do { return try parse(String(decoding: PackageResources.labels_tsv, as: UTF8.self)) } catch { preconditionFailure("\(error)") }
    }()

    /// A label of the catalogue; a key that is not there is a programming error (the tests list every value).
    static func label(_ key: String, _ lang: Language) -> String {
        guard let p = catalogue[key] else { preconditionFailure("label \(key) is not in \(sourcePath)") }
        return lang == .de ? p.de : p.en
    }

    /// Reads a catalogue; refuses a line with another number of fields, a key without its group, an empty label and
    /// a key twice, naming the line.
    public static func parse(_ text: String, path: String = sourcePath) throws -> [String: Phrase] {
        var out: [String: Phrase] = [:]
        for (line, f) in try TabSeparated.rows(text, path: path, fields: ["key", "de", "en"]) {
            let parts = f[0].split(separator: ".", omittingEmptySubsequences: false)
            guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
                throw TabSeparated.error(path, line, "a key is GROUP.VALUE, not \"\(f[0])\"")
            }
            guard !f[1].isEmpty, !f[2].isEmpty else { throw TabSeparated.error(path, line, "\(f[0]) needs a German and an English label") }
            guard out.updateValue(Phrase(de: f[1], en: f[2]), forKey: f[0]) == nil else {
                throw TabSeparated.error(path, line, "\(f[0]) is declared twice")
            }
        }
        return out
    }
}
