import Foundation

/// Text normalisation of a code list's codes and names (`text: { normalize: nfc }`): Unicode NFC (a name
/// written decomposed, `fu` + U+0308, matches `für`), soft hyphens (U+00AD) removed, each run of white space
/// (a line break of the typeset original included) one space, none at either end. Without the option a
/// name is stored as written (trimmed of spaces, as every field).
enum CodeText {
    static func normalized(_ s: String) -> String {
        var t = s.precomposedStringWithCanonicalMapping
        if t.unicodeScalars.contains("\u{AD}") {
            t.unicodeScalars.removeAll { $0 == "\u{AD}" }
        }
        return t.components(separatedBy: .whitespacesAndNewlines).filter { !$0.isEmpty }.joined(separator: " ")
    }

    /// The first control character in `s` (C0, DEL, C1), if any: a code or name is one line of text.
    static func controlCharacter(in s: String) -> Unicode.Scalar? {
        s.unicodeScalars.first { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) }
    }
}

extension Mapping {
    /// The keys of a code list (`dimension:`, `text:`, `json:`) and `format.column_names`.
    static func parseCodeListKeys(_ top: [String: StrictYAML], into m: inout Mapping) throws {
        if let d = top["dimension"] {
            guard m.kind == .codes else { throw d.fail("dimension applies to the codes kind (a code list)") }
            let text = try d.string()
            guard let v = CodeDimension.spellings[text.trimmingCharacters(in: .whitespaces).lowercased()] else {
                throw d.fail("dimension must be one of \(CodeDimension.names.joined(separator: ", "))")
            }
            guard m.columns["dimension"] == nil, m.fixed["dimension"] == nil else {
                throw d.fail("the dimension is given twice (dimension: and columns.dimension or fixed.dimension)")
            }
            m.fixed["dimension"] = v
        }
        if let t = top["text"] {
            guard m.kind == .codes else { throw t.fail("text applies to the codes kind (a code list)") }
            let d = try t.dictionary(allowed: ["normalize"], required: ["normalize"])
            switch try d["normalize"]!.string().lowercased() {
            case "nfc": m.normalizeText = true
            case "none": m.normalizeText = false
            default: throw d["normalize"]!.fail("normalize must be nfc (NFC, soft hyphens removed, white space collapsed and trimmed) or none")
            }
        }
        if let j = top["json"] {
            guard m.kind == .codes else { throw j.fail("json applies to the codes kind (a code tree)") }
            m.jsonTree = try JSONCodeTree.parse(j)
        }
        if let l = top["levels"] {
            guard m.kind == .codes else { throw l.fail("levels apply to the codes kind (a code list)") }
            m.levelColumns = try l.mapping().map { ($0.key, try $0.value.string()) }
            guard (1...20).contains(m.levelColumns.count) else { throw l.fail("levels names 1 to 20 columns (HEADER: level)") }
            guard m.columns["code"] == nil, m.columns["level"] == nil else {
                throw l.fail("with levels the code and its level come from the level columns: columns.code and columns.level cannot be given")
            }
        }
        if m.kind == .codes, m.columns["dimension"] == nil, m.fixed["dimension"] == nil {
            throw PruefstandError.config(path: top["kind"]?.file ?? "mapping", line: nil, key: "dimension",
                                         message: "a code list names its dimension: dimension: \(CodeDimension.names.joined(separator: "|")) (or a dimension column)")
        }
    }

    /// `format.column_names: [A, B, …]`: the file has no header line; these are its columns, in order.
    static func parseColumnNames(_ node: StrictYAML) throws -> [String] {
        let names = try node.strings().map { $0.trimmingCharacters(in: .whitespaces) }
        guard !names.isEmpty, !names.contains(""), Set(names.map(normalizedHeader)).count == names.count else {
            throw node.fail("column_names lists the file's columns in order, each named once and not empty")
        }
        return names
    }
}
