import Foundation

/// The run manifest `pruefstand.yaml` of a city folder: what to import and how to report.
/// Paths are relative to the folder. See `docs/manifest.md`.
///
/// Everything the manifest brings in is checked where it enters, before anything is read or written:
/// years and dates must lie in the range the engine computes with (`Manifest.years`), and every path
/// (inputs, mappings, rules, parameters, scenarios, the report and its CSV folder) must stay inside the
/// city folder, after `..` and symbolic links are resolved, unless the user allowed a further folder on
/// the command line (`allowOutside`, the CLI's `--allow-outside`). A path outside is refused without
/// being opened, so its content never shows in a message.
public struct Manifest {
    public struct Input: Sendable {
        public var kind: ImportKind; public var file: String; public var mapping: String?
        /// The load mode, its period and the source (issue 20): `mode: replace-period`, `period: 2025-03`, `source: SAP`.
        public var mode: ImportMode = .append
        public var period: ImportPeriod?
        public var source: String?
    }
    public var name: String
    /// `synthetic: true`: invented data; the report's title says so in its language (issue 16).
    public var synthetic = false
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
    /// Folders outside the city folder that the manifest's paths may reach (given by the user).
    public var allowedOutside: [String] = []
    /// The city's code scheme (`scheme:`): the scheme of every plan input whose mapping names none.
    public var scheme: (any CodeScheme)?

    /// Budget years the engine computes with (`FiscalYear`): a plan year, a variance year or the year
    /// of an as-of date outside this range is a manifest error, not a trap later in the run.
    public static var years: ClosedRange<Int> { FiscalYear.supportedRange }

    /// A date `yyyy-mm-dd` within `years`, or nil.
    public static func date(_ text: String) -> CivilDate? {
        guard let d = CivilDate(iso: text.trimmingCharacters(in: .whitespaces)), years.contains(d.year) else { return nil }
        return d
    }

    /// Reads `FOLDER/pruefstand.yaml`.
    public static func load(folder: String, allowOutside: [String] = []) throws -> Manifest {
        let path = (folder as NSString).appendingPathComponent("pruefstand.yaml")
        return try parse(try StrictYAML.load(path: path), folder: folder, allowOutside: allowOutside)
    }

    /// Checks a parsed manifest: keys, types, years and dates in range, paths inside the folder.
    public static func parse(_ doc: StrictYAML, folder: String, allowOutside: [String] = []) throws -> Manifest {
        let top = try doc.dictionary(allowed: ["name", "synthetic", "plan_year", "as_of", "inputs", "report", "review", "controlling", "scenarios", "scheme"],
                                     required: ["name", "plan_year", "inputs"])
        let scope = PathScope(folder: folder, allowed: allowOutside)
        let planYear = try year(top["plan_year"]!)
        var asOf = CivilDate(year: planYear, month: 1, day: 1)!
        if let node = top["as_of"] {
            guard let d = date(try node.string()) else {
                throw node.fail(Phrase(de: "as_of muss ein Datum jjjj-mm-tt vom 01.01.\(years.lowerBound) bis 31.12.\(years.upperBound) sein", en: "as_of must be a date yyyy-mm-dd from \(years.lowerBound)-01-01 to \(years.upperBound)-12-31"))
            }
            asOf = d
        }
        let scheme = try top["scheme"].map { try Mapping.parseScheme($0, kind: .plan) }
        var inputs: [Input] = []
        for item in try top["inputs"]!.list() {
            let d = try item.dictionary(allowed: ["kind", "file", "mapping", "mode", "period", "source"], required: ["kind", "file"])
            guard let kind = ImportKind(rawValue: try d["kind"]!.string()) else { throw d["kind"]!.fail(Phrase(de: "unbekannte Art", en: "unknown kind")) }
            var input = Input(kind: kind, file: try scope.path(d["file"]!, role: "input"),
                              mapping: try d["mapping"].map { try scope.path($0, role: "mapping") })
            try loadMode(d, into: &input)
            inputs.append(input)
        }
        var reportPath = "Reports/out/report.xlsx", csv: String? = nil, lang = Language.de, dialect = CSVDialect.excelDE, minGroup = 3
        if let r = top["report"] {
            let d = try r.dictionary(allowed: ["out", "csv", "lang", "dialect", "min_group_size"])
            if let o = d["out"] { reportPath = try scope.path(o, role: "output") }
            if let c = d["csv"] { csv = try scope.path(c, role: "output") }
            if let l = d["lang"] { guard let x = Language(rawValue: try l.string()) else { throw l.fail(Phrase(de: "lang muss de oder en sein", en: "lang must be de or en")) }; lang = x }
            if let k = d["min_group_size"] { minGroup = try k.int(); guard minGroup >= 1 else { throw k.fail(Phrase(de: "min_group_size muss mindestens 1 sein", en: "min_group_size must be at least 1")) } }
            if let x = d["dialect"] { guard let v = CSVDialect(rawValue: try x.string()) else { throw x.fail(Phrase(de: "dialect muss rfc4180 oder excel-de sein", en: "dialect must be rfc4180 or excel-de")) }; dialect = v }
        }
        var sections: [String: StrictYAML] = [:]
        for k in ["review", "controlling", "scenarios"] { if let v = top[k] { sections[k] = v } }
        var m = Manifest(name: try top["name"]!.string(), planYear: planYear, asOf: asOf, inputs: inputs,
                         reportPath: reportPath, csvDirectory: csv, language: lang, folder: folder, sections: sections)
        m.csvDialect = dialect
        if let node = top["synthetic"] {
            switch try node.string() { case "true": m.synthetic = true; case "false": m.synthetic = false
            default: throw node.fail(Phrase(de: "synthetic muss true oder false sein", en: "synthetic must be true or false")) }
        }
        m.minGroupSize = minGroup
        m.allowedOutside = allowOutside
        m.scheme = scheme
        _ = try RunSettings.from(manifest: m)   // the sections' years and paths are checked now, before any work
        return m
    }

    /// An input's `mode`, `period` and `source`, checked together.
    static func loadMode(_ d: [String: StrictYAML], into input: inout Input) throws {
        if let m = d["mode"] {
            guard let mode = ImportMode(rawValue: try m.string()) else {
                throw m.fail(Phrase(de: "mode muss eines von \(ImportMode.allCases.map(\.rawValue).joined(separator: ", ")) sein", en: "mode must be one of \(ImportMode.allCases.map(\.rawValue).joined(separator: ", "))"))
            }
            guard mode != .replacePeriod || input.kind == .ledger else { throw m.fail(Phrase(de: "replace-period ersetzt Buchungen; für \(input.kind.rawValue) replace verwenden", en: "replace-period replaces ledger postings; for \(input.kind.rawValue) use replace")) }
            input.mode = mode
        }
        if let p = d["period"] {
            guard input.mode == .replacePeriod else { throw p.fail(Phrase(de: "ein Zeitraum gehört zu mode: replace-period", en: "a period belongs to mode: replace-period")) }
            switch ImportPeriod.parse(try p.string()) {
            case .success(let period): input.period = period
            case .failure(let e): throw p.fail(Phrase(de: e.text(.de), en: e.text(.en)))
            }
        } else if input.mode == .replacePeriod {
            throw d["mode"]!.fail(Phrase(de: "mode: replace-period braucht den Zeitraum, den die Datei abdeckt (period: 2025-03, 2025, 2025-01..2025-03 oder span)", en: "mode: replace-period needs the period the file covers (period: 2025-03, 2025, 2025-01..2025-03 or span)"))
        }
        if let s = d["source"] {
            let name = try s.string()
            guard ImportSourceName.isValid(name) else { throw s.fail(ImportSourceName.rule) }
            input.source = name
        }
    }

    /// A year in `years`, or the manifest error naming file, line and key.
    static func year(_ node: StrictYAML) throws -> Int {
        let y = try node.int()
        guard years.contains(y), FiscalYear(y) != nil else {
            throw node.fail(Phrase(de: "\(node.keyPath) muss ein Jahr von \(years.lowerBound) bis \(years.upperBound) sein, nicht \(y)", en: "\(node.keyPath) must be a year from \(years.lowerBound) to \(years.upperBound), not \(y)"))
        }
        return y
    }

    /// The mapping an input is imported with: its mapping file, with the city's scheme when the mapping names
    /// none (a plan input without a mapping gets one that only sets the scheme).
    public func mapping(for input: Input) throws -> Mapping? {
        var mapping = try input.mapping.map { try Mapping.load(path: resolve($0)) }
        if let scheme, input.kind == .plan, !(mapping?.schemeNamed ?? false) {
            var m = mapping ?? Mapping(kind: .plan)
            m.scheme = scheme
            mapping = m
        }
        return mapping
    }

    /// A path of the manifest, checked to stay inside the folder (or inside an allowed folder) and joined to the folder.
    func path(_ node: StrictYAML, role: String) throws -> String {
        resolve(try PathScope(folder: folder, allowed: allowedOutside).path(node, role: role))
    }

    /// The path relative to the folder (an absolute path stays as it is). Paths in a loaded manifest
    /// are resolved and checked already; this only joins.
    public func resolve(_ relative: String) -> String {
        relative.hasPrefix("/") ? relative : (folder as NSString).appendingPathComponent(relative)
    }
}

/// Where a manifest's paths may lead: the city folder and the folders the user allowed.
struct PathScope {
    let folder: String
    let roots: [String]

    init(folder: String, allowed: [String]) {
        self.folder = folder
        roots = ([folder] + allowed).map(ProtectedFiles.resolved)
    }

    /// `node`'s text as written (relative to the folder), once checked; refused (without touching the
    /// file) when it leaves every root.
    func path(_ node: StrictYAML, role: String) throws -> String {
        let text = try node.string()
        guard !text.isEmpty, !text.contains("\0") else { throw node.fail(Phrase(de: "erwartet einen Pfad", en: "expected a path")) }
        let joined = text.hasPrefix("/") ? text : (folder as NSString).appendingPathComponent(text)
        let real = ProtectedFiles.resolved(joined)
        guard roots.contains(where: { real == $0 || real.hasPrefix($0.hasSuffix("/") ? $0 : $0 + "/") }) else {
            let shown = Phrase.quoted(text), allow = (real as NSString).deletingLastPathComponent
            let roleDE = ["input": "Eingabe", "mapping": "Zuordnung", "output": "Ausgabe", "rules": "Regeln", "parameter": "Parameter",
                          "scenario": "Szenario"][role] ?? role
            throw node.fail(Phrase(
                de: "der Pfad für \(roleDE) \"\(shown)\" liegt außerhalb des Stadtordners \(folder) (er führt zu \(real)); "
                    + "einen Pfad im Ordner angeben oder den Ordner auf der Kommandozeile mit --allow-outside \(allow) erlauben",
                en: "the \(role) path \"\(shown)\" lies outside the city folder \(folder) (it leads to \(real)); "
                    + "name a path inside the folder, or allow the folder on the command line with --allow-outside \(allow)"))
        }
        return text
    }
}
