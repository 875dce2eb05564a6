import Foundation
import GRDB

/// A code list (`kind: codes`): one code and its name per row, of the dimension the mapping names. A code
/// given twice in one list (same dimension and level) is rejected, naming the first line and both names;
/// a name that is empty (after normalisation), longer than `maxNameCharacters` or holds a control
/// character is rejected. Names are stored as text: a name that looks like a formula (`=SUMME(…)`) stays
/// text in the store, and the exports neutralise it like any text.
final class CodeNameSink: Sink {
    static let maxNameCharacters = 1_000
    let scheme: String?
    let normalize: Bool
    let fCode, fName, fDimension, fLevel: Int
    private var first: [String: (line: Int, name: String)] = [:]

    init(db: Database, importId: Int64, kind: ImportKind, scheme: String?, normalize: Bool) throws {
        self.scheme = scheme
        self.normalize = normalize
        let f = kind.fields
        func i(_ n: String) -> Int { f.firstIndex { $0.name == n }! }
        fCode = i("code"); fName = i("name"); fDimension = i("dimension"); fLevel = i("level")
        try super.init(db: db, importId: importId, kind: kind)
    }

    override func insert(_ rows: ArraySlice<ParsedRow>, record: CSVRecord, raw: () -> String) throws -> RowProblem? {
        let r = rows[rows.startIndex]
        func text(_ f: Int) -> String? { r.string(f).map { normalize ? CodeText.normalized($0) : $0 } }
        let code = text(fCode) ?? "", name = text(fName) ?? "", dimension = r.string(fDimension)!, level = text(fLevel)
        for (field, value) in [("code", code), ("name", name)] {
            if value.isEmpty {
                return RowProblem(column: nil, field: field, value: r.string(field == "code" ? fCode : fName),
                                  reason: .init(de: "leer nach der Normalisierung (nur weiche Trennstriche und Leerzeichen)", en: "empty after normalisation (soft hyphens and spaces only)"))
            }
            if let c = CodeText.controlCharacter(in: value) {
                return RowProblem(column: nil, field: field, value: String(value.prefix(200)),
                                  reason: .init(de: String(format: "enthält das Steuerzeichen U+%04X; %@ ist eine Zeile Text", c.value, field == "code" ? "ein Code" : "ein Name"),
                                                en: String(format: "holds the control character U+%04X; a %@ is one line of text", c.value, field)))
            }
        }
        if name.count > CodeNameSink.maxNameCharacters {
            return RowProblem(column: nil, field: "name", value: String(name.prefix(200)),
                              reason: .init(de: "\(NumberText.count(name.count, .de)) Zeichen; ein Name hat höchstens \(NumberText.count(CodeNameSink.maxNameCharacters, .de))",
                                        en: "\(name.count) characters; a name has at most \(CodeNameSink.maxNameCharacters)"))
        }
        let key = "\(dimension)\u{1F}\(level ?? "")\u{1F}\(code)"
        if let earlier = first[key] {
            let what = earlier.name == name ? "with the same name" : "with another name (line \(earlier.line): \"\(earlier.name.prefix(120))\")"
            let wie = earlier.name == name ? "mit demselben Namen" : "mit einem anderen Namen (Zeile \(earlier.line): „\(earlier.name.prefix(120))“)"
            let at = level.map { " (\($0))" } ?? ""
            return RowProblem(column: nil, field: "code", value: code,
                              reason: .init(de: "\(CodeDimension.germanName(dimension))-Code \(code)\(at) steht zweimal in dieser Liste (zuerst in Zeile \(earlier.line)) \(wie)",
                                            en: "\(dimension) code \(code)\(at) occurs twice in this list (first in line \(earlier.line)) \(what)"))
        }
        first[key] = (record.line, name)
        try db.cachedStatement(sql: CodeNameSQL.insert).execute(arguments: [importId, record.line, scheme, dimension, level, code, name])
        return nil
    }
}
