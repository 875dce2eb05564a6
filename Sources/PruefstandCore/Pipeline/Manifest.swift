import Foundation

/// The run manifest `pruefstand.yaml` of a city folder: what to import and how to report.
/// Paths are relative to the folder. See `docs/manifest.md`.
public struct Manifest {
    public struct Input: Sendable { public var kind: ImportKind; public var file: String; public var mapping: String? }
    public var name: String
    public var planYear: Int
    public var asOf: CivilDate
    public var inputs: [Input]
    public var reportPath: String
    public var csvDirectory: String?
    public var language: Language
    public var csvDialect: CSVDialect = .excelDE
    public var minGroupSize = 3
    public var folder: String
    /// Further sections (review, controlling, scenarios) as raw YAML, read by their stages.
    public var sections: [String: StrictYAML]

    public static func load(folder: String) throws -> Manifest {
        let path = (folder as NSString).appendingPathComponent("pruefstand.yaml")
        let doc = try StrictYAML.load(path: path)
        let top = try doc.dictionary(allowed: ["name", "synthetic", "plan_year", "as_of", "inputs", "report", "review", "controlling", "scenarios"],
                                     required: ["name", "plan_year", "inputs"])
        var inputs: [Input] = []
        for item in try top["inputs"]!.list() {
            let d = try item.dictionary(allowed: ["kind", "file", "mapping"], required: ["kind", "file"])
            guard let kind = ImportKind(rawValue: try d["kind"]!.string()) else { throw d["kind"]!.fail("unknown kind") }
            inputs.append(Input(kind: kind, file: try d["file"]!.string(), mapping: try d["mapping"]?.string()))
        }
        var reportPath = "Reports/out/report.xlsx", csv: String? = nil, lang = Language.de, dialect = CSVDialect.excelDE, minGroup = 3
        if let r = top["report"] {
            let d = try r.dictionary(allowed: ["out", "csv", "lang", "dialect", "min_group_size"])
            if let o = d["out"] { reportPath = try o.string() }
            if let c = d["csv"] { csv = try c.string() }
            if let l = d["lang"] { guard let x = Language(rawValue: try l.string()) else { throw l.fail("lang must be de or en") }; lang = x }
            if let k = d["min_group_size"] { minGroup = try k.int(); guard minGroup >= 1 else { throw k.fail("min_group_size must be at least 1") } }
            if let x = d["dialect"] { guard let v = CSVDialect(rawValue: try x.string()) else { throw x.fail("dialect must be rfc4180 or excel-de") }; dialect = v }
        }
        let asOfText = try top["as_of"]?.string() ?? "\(try top["plan_year"]!.int())-01-01"
        guard let asOf = CivilDate(iso: asOfText) else { throw top["as_of"]!.fail("as_of must be a date yyyy-mm-dd") }
        var sections: [String: StrictYAML] = [:]
        for k in ["review", "controlling", "scenarios"] { if let v = top[k] { sections[k] = v } }
        var m = Manifest(name: try top["name"]!.string(), planYear: try top["plan_year"]!.int(), asOf: asOf, inputs: inputs,
                         reportPath: reportPath, csvDirectory: csv, language: lang, folder: folder, sections: sections)
        m.csvDialect = dialect
        m.minGroupSize = minGroup
        return m
    }

    public func resolve(_ relative: String) -> String {
        relative.hasPrefix("/") ? relative : (folder as NSString).appendingPathComponent(relative)
    }
}
