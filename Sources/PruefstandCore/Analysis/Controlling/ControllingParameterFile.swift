import Foundation
import Yams

/// Reads the controlling parameter files (audit parameters, projection scenarios) strictly:
/// unknown keys are errors that name the file, line and key; every value carries a `source`.
enum ControllingParameterFile {
    /// Decodes `T` from YAML text and rejects keys that `T` does not know.
    ///
    /// The text goes through `YAMLLoader` first (anchors, aliases, duplicate keys, depth and size are
    /// refused with file and line), so the decoder never sees an alias to expand.
    static func decode<T: Codable>(_ type: T.Type, yaml: String, path: String) throws -> T {
        let original = try YAMLLoader.parse(yaml, file: path)
        let value = try decodeValue(T.self, yaml: yaml, path: path)
        guard let known = try Yams.compose(yaml: try YAMLEncoder().encode(value)) else { return value }
        try checkKeys(original, known, path: path, keyPath: "")
        return value
    }

    /// Decodes `T` from YAML text that `YAMLLoader` has passed, without checking for unknown keys: a part
    /// of a file (an audit check's keys, `AuditCheckRegistry`), whose keys are checked with the others'.
    static func decodeValue<T: Codable>(_ type: T.Type, yaml: String, path: String) throws -> T {
        do {
            return try YAMLDecoder().decode(T.self, from: yaml)
        } catch let error as DecodingError {
            throw PruefstandError.config(path: path, line: nil, key: codingPathText(error), message: Phrase(describe(error)))
        } catch {
            throw PruefstandError.config(path: path, line: nil, key: nil, message: "kein gültiges YAML: \(error)")
        }
    }

    /// The keys a decoded value knows (it encoded again), as a mapping's pairs for `checkKeys`.
    static func knownKeys<T: Codable>(_ value: T) throws -> [(Node, Node)] {
        guard case .mapping(let m)? = try Yams.compose(yaml: try YAMLEncoder().encode(value)) else { return [] }
        return m.map { ($0.key, $0.value) }
    }

    static func load<T: Codable>(_ type: T.Type, path: String) throws -> T {
        try decode(type, yaml: try text(path: path), path: path)
    }

    /// The text of a parameter file, read and checked by `YAMLLoader` (regular file, size, UTF-8).
    static func text(path: String) throws -> String {
        let data = try YAMLLoader.read(path: path)
        if let bad = YAMLLoader.firstInvalidUTF8(data) {
            let line = data.prefix(bad).reduce(1) { $0 + ($1 == 0x0A ? 1 : 0) }
            throw PruefstandError.config(path: path, line: line, key: nil, message: "kein UTF-8-Text (Byte \(bad + 1)); die Datei als UTF-8 speichern")
        }
        return String(decoding: data, as: UTF8.self)
    }

    /// Every key of `original` must appear in `known` (the decoded value encoded again).
    static func checkKeys(_ original: Node, _ known: Node, path: String, keyPath: String) throws {
        switch (original, known) {
        case let (.mapping(o), .mapping(k)):
            for (key, value) in o {
                let name = key.string ?? "?"
                let here = keyPath.isEmpty ? name : "\(keyPath).\(name)"
                if case .scalar(let s) = value, s.tag.description.hasSuffix("null") || s.string == "~" || s.string.isEmpty, k[name] == nil { continue }
                guard let kv = k[name] else {
                    throw PruefstandError.config(path: path, line: key.mark?.line, key: here, message: "unbekannter Schlüssel „\(name)“")
                }
                try checkKeys(value, kv, path: path, keyPath: here)
            }
        case let (.sequence(o), .sequence(k)):
            for (i, (ov, kv)) in zip(o, k).enumerated() { try checkKeys(ov, kv, path: path, keyPath: "\(keyPath)[\(i)]") }
        default: return
        }
    }

    static func codingPathText(_ error: DecodingError) -> String? {
        let ctx: DecodingError.Context
        switch error {
        case let .typeMismatch(_, c), let .valueNotFound(_, c), let .dataCorrupted(c): ctx = c
        case let .keyNotFound(key, c): return keyPath(c.codingPath + [key])
        @unknown default: return nil
        }
        return keyPath(ctx.codingPath)
    }

    /// `measures[0].probability`
    static func keyPath(_ path: [any CodingKey]) -> String {
        var out = ""
        for k in path {
            if let i = k.intValue { out += "[\(i)]" } else { out += (out.isEmpty ? "" : ".") + k.stringValue }
        }
        return out
    }

    static func describe(_ error: DecodingError) -> String {
        switch error {
        case let .keyNotFound(key, _): return "Pflichtschlüssel „\(key.stringValue)“ fehlt"
        case let .typeMismatch(t, c): return "falscher Typ (erwartet \(t)): \(c.debugDescription)"
        case let .valueNotFound(t, c): return "Wert fehlt (erwartet \(t)): \(c.debugDescription)"
        case let .dataCorrupted(c): return c.debugDescription
        @unknown default: return "\(error)"
        }
    }

    /// Parses a decimal rate written as text ("0.035"); rates are never binary floating point.
    static func rate(_ text: String, path: String, key: String, range: ClosedRange<Decimal>? = nil) throws -> Decimal {
        guard let d = Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")),
              text.allSatisfy({ $0.isNumber || $0 == "." || $0 == "-" }) else {
            throw PruefstandError.config(path: path, line: nil, key: key, message: "„\(text)“ ist keine Dezimalzahl (Punkt als Dezimaltrenner)")
        }
        if let range, !range.contains(d) {
            throw PruefstandError.config(path: path, line: nil, key: key, message: "\(text) liegt nicht in \(range.lowerBound)…\(range.upperBound)")
        }
        return d
    }

    /// A number of days in 0…366 (a window of the audit's checks).
    static func days(_ days: Int, path: String, key: String) throws -> Int {
        guard (0...366).contains(days) else {
            throw PruefstandError.config(path: path, line: nil, key: key, message: "\(days) Tage liegt nicht in 0…366")
        }
        return days
    }

    static func requireSource(_ source: String, path: String, key: String) throws {
        if source.trimmingCharacters(in: .whitespaces).isEmpty {
            throw PruefstandError.config(path: path, line: nil, key: key, message: "Quelle fehlt (source)")
        }
    }
}

/// Name of a parameter file in German and English.
struct LocalizedNameFile: Codable { var de: String; var en: String }

/// A single value with unit and source, as written in a parameter file.
struct SourcedFile<T: Codable>: Codable { var value: T; var unit: String?; var source: String }
