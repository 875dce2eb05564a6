import Foundation

/// The assumptions sheet's generic part: every value in the run's parameter files that carries a
/// `source`, listed with its file, key path, unit, validity and source, so an auditor can find each
/// number the run used without opening the YAML.
public enum ParameterListing {
    public struct Row: Sendable, Hashable {
        public var file: String, key: String, value: String, unit: String, validFrom: String, source: String
    }

    public static func rows(file: String) throws -> [Row] {
        let doc = try StrictYAML.load(path: file)
        var out: [Row] = []
        try walk(doc, path: "", file: file, unit: "", into: &out)
        return out
    }

    /// `unit`: the unit stated by an enclosing mapping (a dated parameter's `unit` above its `values`).
    static func walk(_ node: StrictYAML, path: String, file: String, unit inherited: String, into out: inout [Row]) throws {
        if node.isMapping {
            let entries = try node.entries()
            let scalars: [(String, String)] = entries.compactMap { e in e.node.scalarText.map { (e.key, $0) } }
            if let source = scalars.first(where: { $0.0 == "source" })?.1 {
                let skip: Set<String> = ["source", "unit", "from", "valid_from", "to", "name", "name_de", "name_en", "description", "note", "uncertain"]
                let value = scalars.first(where: { $0.0 == "value" })?.1
                    ?? scalars.filter { !skip.contains($0.0) }.map { "\($0.0): \($0.1)" }.joined(separator: ", ")
                let unit = scalars.first(where: { $0.0 == "unit" })?.1 ?? inherited
                let from = scalars.first(where: { $0.0 == "from" || $0.0 == "valid_from" })?.1 ?? ""
                out.append(Row(file: (file as NSString).lastPathComponent, key: path, value: value, unit: unit, validFrom: from, source: source))
            }
            let unit = scalars.first(where: { $0.0 == "unit" })?.1 ?? inherited
            for e in entries where e.node.scalarText == nil {
                try walk(e.node, path: path.isEmpty ? e.key : "\(path).\(e.key)", file: file, unit: unit, into: &out)
            }
        } else if node.isList {
            for (i, n) in try node.list().enumerated() { try walk(n, path: "\(path)[\(i)]", file: file, unit: inherited, into: &out) }
        }
    }

    public static func table(files: [String], lang: Language) throws -> ReportTable {
        var rows: [[ReportTable.Cell]] = []
        for f in files {
            for r in try Self.rows(file: f) {
                rows.append([.text(r.file), .text(r.key), .text(r.value), .text(r.unit), .text(r.validFrom), .text(r.source)])
            }
        }
        return ReportTable(table: "assumptions", lang: lang, rows: rows)
    }
}
