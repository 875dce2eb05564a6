import Foundation

/// The German and English messages of an error enum's cases, kept as text for people in a resource file
/// (`Resources/messages/*.tsv`) instead of a `switch` with both languages in every case (issue 18).
///
/// One line a case: the case with names for its values in their order, the German text, the English text,
/// separated by tabs. In a text, `{name}` stands for that value (a number as digits, a text as it is, a list of
/// texts as `"a", "b"`), and `[…]` is left out when a value in it is absent (an optional that is nil). The
/// catalogue is read once; `phrase(_:)` finds a value's case by reflection (`Mirror`: the case's name and its
/// values in order), so the enum needs no code per case. Errors in the file (a missing field, a case twice, a
/// name the case does not have, the two texts naming other values) stop the parse with the file and line; a case
/// without a line is a programming error that the catalogue's test, which renders every case, finds first.
///
///     // Resources/messages/xlsx-errors.tsv:
///     // fileTooLarge(bytes, limit)⇥Datei hat {bytes} Bytes, mehr als …⇥file has {bytes} bytes, more than …
///     XLSXError.messages.phrase(XLSXError.Reason.fileTooLarge(bytes: 9, limit: 8)).en  // "file has 9 bytes, more than …"
public struct MessageCatalogue: Sendable {
    struct Entry: Sendable {
        /// The names of the case's values, in their order.
        let names: [String]
        let de: String
        let en: String
    }
    /// The catalogue's place in the repository, as errors name it.
    public let path: String
    let entries: [String: Entry]

    /// Reads a catalogue: `case(name, …)⇥de⇥en` a line; `#` lines and blank lines are skipped.
    public init(_ text: String, path: String) throws {
        self.path = path
        var entries: [String: Entry] = [:]
        // The line reader of every tab-separated resource (`TabSeparated`): `#` and blank lines skipped, 3 fields.
        for (line, f) in try TabSeparated.rows(text, path: path, fields: ["case", "de", "en"]) {
            func fail(_ message: String) -> PruefstandError { TabSeparated.error(path, line, message) }
            guard !f[1].isEmpty, !f[2].isEmpty else { throw fail("\(f[0]): a German and an English text, neither empty") }
            let head = f[0].split(separator: "(", maxSplits: 1)
            let name = String(head[0])
            let names = head.count == 2 ? head[1].dropLast().split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } : []
            guard !name.isEmpty, head.count == 1 || f[0].hasSuffix(")"), !names.contains(""), Set(names).count == names.count else {
                throw fail("a case is written name or name(value, …), not \"\(f[0])\"")
            }
            guard entries[name] == nil else { throw fail("\(name) is written twice") }
            let de = Self.placeholders(f[1]), en = Self.placeholders(f[2])
            guard let de, let en else { throw fail("\(name): a [ without its ] or a { without its }") }
            guard de == en, de.isSubset(of: names) else {
                throw fail("\(name): both texts name the same values of \(f[0]); German names \(de.sorted()), English \(en.sorted())")
            }
            entries[name] = Entry(names: names, de: f[1], en: f[2])
        }
        self.entries = entries
    }

    /// The message of `value`, a case of an enum: its line's texts with the case's values put in.
    public func phrase(_ value: Any) -> Phrase {
        let (name, values) = Self.parts(of: value)
        // A case without its line (or with other values) is a programming error that `XLSXErrorTextTests` finds;
        // the message of an error must never stop the program, so a release build shows the case as Swift writes it.
        guard let entry = entries[name], entry.names.count == values.count,
              !zip(values.map(\.label), entry.names).contains(where: { label, expected in label.map { !$0.hasPrefix(".") && $0 != expected } ?? false })
        else {
            assertionFailure("\(path) has no line for \(name) with the values \(values.map { $0.label ?? "_" })")
            return Phrase("\(value)")
        }
        let shown = Dictionary(uniqueKeysWithValues: zip(entry.names, values.map { Self.shown($0.value) }))
        return Phrase(de: Self.fill(entry.de, shown), en: Self.fill(entry.en, shown))
    }

    /// The case's name and its values with their labels (`.0` for a value without one; nil for a case's single value).
    static func parts(of value: Any) -> (name: String, values: [(label: String?, value: Any)]) {
        guard let child = Mirror(reflecting: value).children.first, let name = child.label else { return ("\(value)", []) }
        let payload = Mirror(reflecting: child.value)
        guard payload.displayStyle == .tuple else { return (name, [(nil, child.value)]) }
        return (name, payload.children.map { ($0.label, $0.value) })
    }

    /// A value as a message shows it; nil for an absent optional.
    static func shown(_ value: Any) -> String? {
        let mirror = Mirror(reflecting: value)
        if mirror.displayStyle == .optional { return mirror.children.first.flatMap { shown($0.value) } }
        if let list = value as? [String] { return list.map { "\"\($0)\"" }.joined(separator: ", ") }
        return "\(value)"
    }

    /// The names a text puts in, or nil when a bracket or brace is not closed.
    static func placeholders(_ text: String) -> Set<String>? {
        var names = Set<String>(), name: String?, optional = false
        for c in text {
            switch c {
            case "{": if name != nil { return nil }; name = ""
            case "}": guard let n = name else { return nil }; names.insert(n); name = nil
            case "[": if optional || name != nil { return nil }; optional = true
            case "]": if !optional || name != nil { return nil }; optional = false
            default: if name != nil { name!.append(c) }
            }
        }
        return name == nil && !optional ? names : nil
    }

    /// The text with each `{name}` replaced by its value, and each `[…]` that names an absent value left out.
    static func fill(_ text: String, _ values: [String: String?]) -> String {
        var out = "", section = "", inSection = false, sectionComplete = true, name: String?
        for c in text {
            if var n = name {
                if c == "}" {
                    let v = values[n] ?? nil
                    if inSection { section += v ?? ""; sectionComplete = sectionComplete && v != nil } else { out += v ?? "" }
                    name = nil
                } else { n.append(c); name = n }
                continue
            }
            switch c {
            case "{": name = ""
            case "[": inSection = true; section = ""; sectionComplete = true
            case "]": if sectionComplete { out += section }; inSection = false
            default: if inSection { section.append(c) } else { out.append(c) }
            }
        }
        return out
    }
}
