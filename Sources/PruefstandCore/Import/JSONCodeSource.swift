import Foundation

/// How a code list sits in a JSON tree (`json: { levels: […] }`): the file is an object of code → entry;
/// each level names the entry's key that holds the name and, except the last, the key that holds the
/// next level's object of code → entry. Other keys of an entry are not read.
///
///     json:
///       levels:
///         - { level: produktbereich, name: titel, children: gruppen }
///         - { level: produktgruppe, name: titel, children: produkte }
///         - { level: produkt, name: titel }
public struct JSONCodeTree: Sendable {
    public struct Level: Sendable {
        public var level: String
        public var nameKey: String
        public var children: String?
    }
    public var levels: [Level]

    static func parse(_ node: StrictYAML) throws -> JSONCodeTree {
        let d = try node.dictionary(allowed: ["levels"], required: ["levels"])
        let list = try d["levels"]!.list()
        guard (1...StrictJSON.maxDepth / 2).contains(list.count) else { throw d["levels"]!.fail("levels lists 1 to \(StrictJSON.maxDepth / 2) levels, outermost first") }
        var levels: [Level] = []
        for (i, item) in list.enumerated() {
            let l = try item.dictionary(allowed: ["level", "name", "children"], required: ["level", "name"])
            let children = try l["children"]?.string()
            if i == list.count - 1, children != nil { throw l["children"]!.fail("the last level has no children") }
            if i < list.count - 1, children == nil { throw item.fail("every level but the last names its children key") }
            levels.append(Level(level: try l["level"]!.string(), nameKey: try l["name"]!.string(), children: children))
        }
        return JSONCodeTree(levels: levels)
    }
}

/// A JSON code tree as rows `code, name, level` (a header line 0, then one row per entry in file order,
/// numbered 1, 2, …: the number of a rejected entry is its row; its raw record gives its path in the tree).
/// A file that is not JSON, or whose tree is not shaped as the levels say, is refused as a whole, naming
/// the line and the path.
final class JSONCodeSource: RowSource {
    struct Entry { var code: String; var name: String?; var level: String; var path: String }
    let path: String
    let byteCount: Int
    private let entries: [Entry]
    private var index = -1
    var dialectDescription: String { "JSON code tree, \(entries.count) entries" }
    var positionalCells: Bool { false }
    var progress: Double { entries.isEmpty ? 1 : Double(max(index, 0)) / Double(entries.count) }

    init(path: String, tree: JSONCodeTree) throws {
        self.path = path
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        guard size <= StrictJSON.maxBytes else {
            throw PruefstandError.input(path: path, line: nil, message: "the JSON file has \(size) bytes; at most \(StrictJSON.maxBytes) are read")
        }
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        byteCount = bytes.count
        var out: [Entry] = []
        func walk(_ v: StrictJSON.Value, depth: Int, line: Int, parents: [String]) throws {
            let level = tree.levels[depth]
            let at = parents.isEmpty ? "the top" : parents.joined(separator: " > ")
            guard case .object(let members) = v else {
                throw PruefstandError.input(path: path, line: line, message: "at \(at): expected an object of code → \(level.level) entries")
            }
            for m in members {
                guard case .object(let fields) = m.value else {
                    throw PruefstandError.input(path: path, line: m.line, message: "\(level.level) \(m.key.prefix(80)) is not an object")
                }
                let here = parents + [m.key]
                var name: String?
                if let f = fields.first(where: { $0.key == level.nameKey }), case .string(let s) = f.value { name = s }
                out.append(Entry(code: m.key, name: name, level: level.level, path: here.joined(separator: " > ")))
                guard let childKey = level.children, let c = fields.first(where: { $0.key == childKey }) else { continue }
                if case .null = c.value { continue }
                try walk(c.value, depth: depth + 1, line: c.line, parents: here)
            }
        }
        try walk(try StrictJSON.parse(bytes, path: path), depth: 0, line: 1, parents: [])
        entries = out
    }

    func sha256() throws -> String { try SHA256.file(at: path) }

    func next(_ rec: inout CSVRecord) throws -> Bool {
        // index -1 is the header (line 0); entry k is line k + 1.
        guard index < entries.count else { return false }
        let fields = index < 0 ? ["code", "name", "level"] : [entries[index].code, entries[index].name ?? "", entries[index].level]
        index += 1
        rec.set(fields, line: index)
        return true
    }

    func rawText(_ rec: CSVRecord) -> String {
        guard rec.line >= 1, rec.line <= entries.count else { return rec.joinedText }
        let e = entries[rec.line - 1]
        return "\(e.path): " + (e.name.map { "\"\($0)\"" } ?? "(no text at the level's name key)")
    }
}
