import Foundation
import Testing

/// Forward-only layers (docs/architecture.md): a file of `Sources/PruefstandCore/<Layer>/` may name types
/// declared in its own layer and in the layers before it, never a type declared in a later layer.
///
/// The check reads the source files: a layer's types are the top-level `struct`, `enum`, `class`, `actor`,
/// `protocol` and `typealias` declarations (not `private`/`fileprivate`) of its files; a use is the type's
/// name as a whole word in code: not in a comment, not in the text of a string literal (a message saying
/// "Scenario: …" is no use of `Scenario`), but in an interpolation (`"\(Engine.version)"` is a use).
enum Layers {
    /// The layers, lowest first. A new folder under Sources/PruefstandCore must be placed here.
    static let order = ["Domain", "Support", "Vocabulary", "Store", "Import", "Analysis", "Scenarios", "Export", "Pipeline", "Sample"]

    /// Back-edges allowed, each with its reason: (file path below Sources/PruefstandCore, type name, reason).
    /// Empty today; a new entry needs a reason a reviewer accepts and a note in docs/architecture.md.
    static let allowed: [(file: String, type: String, reason: String)] = []

    struct BackEdge: Hashable, CustomStringConvertible {
        var file: String, layer: String, type: String, declaredIn: String
        var description: String { "\(file) (\(layer)) names \(type), declared in the later layer \(declaredIn)" }
    }

    /// The layer of a path below Sources/PruefstandCore (its first folder).
    static func layer(_ path: String) -> String { String(path.split(separator: "/").first ?? "") }

    /// The text as code: comments (`//`, nested `/* */`) and the text of string literals (plain, multi-line,
    /// raw) become spaces; an interpolation's code (`"\(Engine.version)"`) stays. Line breaks are kept.
    static func codeOnly(_ text: String) -> String {
        enum Context { case code(parens: Int), string(multiLine: Bool, hashes: Int) }
        let s = Array(text.unicodeScalars)
        var out = String.UnicodeScalarView()
        var stack: [Context] = [.code(parens: 0)]
        var i = 0
        func at(_ k: Int) -> Unicode.Scalar? { k < s.count ? s[k] : nil }
        while i < s.count {
            let c = s[i]
            switch stack[stack.count - 1] {
            case .code(let parens):
                if c == "/" && at(i + 1) == "/" {
                    while i < s.count && s[i] != "\n" { i += 1 }
                    continue
                }
                if c == "/" && at(i + 1) == "*" {
                    var depth = 0
                    repeat {
                        if s[i] == "/" && at(i + 1) == "*" { depth += 1; i += 2; continue }
                        if s[i] == "*" && at(i + 1) == "/" { depth -= 1; i += 2; continue }
                        if s[i] == "\n" { out.append("\n") }
                        i += 1
                    } while i < s.count && depth > 0
                    out.append(" ")
                    continue
                }
                var j = i, hashes = 0
                while at(j) == "#" { hashes += 1; j += 1 }
                if at(j) == "\"" {
                    let multiLine = at(j + 1) == "\"" && at(j + 2) == "\""
                    stack.append(.string(multiLine: multiLine, hashes: hashes))
                    out.append(" ")
                    i = j + (multiLine ? 3 : 1)
                    continue
                }
                if c == "(" { stack[stack.count - 1] = .code(parens: parens + 1) }
                if c == ")" {
                    if parens == 0 && stack.count > 1 { stack.removeLast(); out.append(" "); i += 1; continue }
                    stack[stack.count - 1] = .code(parens: max(0, parens - 1))
                }
                out.append(c)
                i += 1
            case .string(let multiLine, let hashes):
                if c == "\\" {
                    var j = i + 1, h = 0
                    while h < hashes && at(j) == "#" { h += 1; j += 1 }
                    if h == hashes && at(j) == "(" { stack.append(.code(parens: 0)); out.append(" "); i = j + 1; continue }
                    i += hashes == 0 ? 2 : 1
                    continue
                }
                if c == "\"" {
                    let quotes = multiLine ? 3 : 1
                    var closes = (0..<quotes).allSatisfy { at(i + $0) == "\"" }
                    if closes { closes = (0..<hashes).allSatisfy { at(i + quotes + $0) == "#" } }
                    if closes { stack.removeLast(); out.append(" "); i += quotes + hashes; continue }
                }
                if c == "\n" { out.append("\n") }
                i += 1
            }
        }
        return String(out)
    }

    /// The top-level type names a file declares (visible to other files).
    static func declarations(_ text: String) -> [String] {
        let decl = try! NSRegularExpression(pattern:
            #"^(?:(?:public|internal|package|final|indirect|nonisolated|@[A-Za-z]+)\s+)*(?:struct|enum|class|actor|protocol|typealias)\s+([A-Za-z_][A-Za-z0-9_]*)"#,
            options: .anchorsMatchLines)
        return decl.matches(in: text, range: NSRange(text.startIndex..., in: text)).compactMap {
            Range($0.range(at: 1), in: text).map { String(text[$0]) }
        }
    }

    /// The back-edges among `files` (path below Sources/PruefstandCore → text), and the folders not in `order`.
    static func backEdges(_ files: [String: String]) -> (edges: [BackEdge], unplaced: Set<String>) {
        var declaredIn: [String: Set<String>] = [:]
        var unplaced: Set<String> = []
        for (path, text) in files {
            guard order.contains(layer(path)) else { unplaced.insert(layer(path)); continue }
            for name in declarations(codeOnly(text)) { declaredIn[name, default: []].insert(layer(path)) }
        }
        let word = try! NSRegularExpression(pattern: #"\b[A-Z][A-Za-z0-9_]*\b"#)
        var edges: Set<BackEdge> = []
        for (path, text) in files {
            let own = layer(path)
            guard let rank = order.firstIndex(of: own) else { continue }
            let code = codeOnly(text)
            let names = Set(word.matches(in: code, range: NSRange(code.startIndex..., in: code)).compactMap {
                Range($0.range, in: code).map { String(code[$0]) }
            })
            for name in names {
                guard let layers = declaredIn[name], !layers.contains(own) else { continue }
                for later in layers where order.firstIndex(of: later)! > rank {
                    edges.insert(BackEdge(file: path, layer: own, type: name, declaredIn: later))
                }
            }
        }
        return (edges.sorted { ($0.file, $0.type) < ($1.file, $1.type) }, unplaced)
    }

    /// Every Swift file below Sources/PruefstandCore of this checkout, or of the checkout named by
    /// `PRUEFSTAND_LAYER_ROOT` (to check another tree, e.g. a merge, with this build).
    static func sources() throws -> [String: String] {
        let checkout = ProcessInfo.processInfo.environment["PRUEFSTAND_LAYER_ROOT"].map { URL(fileURLWithPath: $0) } ?? TestSupport.repoRoot
        return try TestSupport.swiftFiles(below: checkout.appendingPathComponent("Sources/PruefstandCore"))
    }
}

@Suite("Architecture: forward-only layers")
struct LayerTests {
    @Test("no file names a type of a later layer, except the listed ones")
    func noBackEdges() throws {
        let files = try Layers.sources()
        #expect(files.count > 100, "the sources were not found")
        let (edges, unplaced) = Layers.backEdges(files)
        #expect(unplaced.isEmpty, "folders not placed in Layers.order: \(unplaced.sorted())")
        let allowed = Set(Layers.allowed.map { "\($0.file)|\($0.type)" })
        let found = edges.filter { !allowed.contains("\($0.file)|\($0.type)") }
        #expect(found.isEmpty, "back-edges:\n\(found.map(\.description).joined(separator: "\n"))")
        // An allowed exception that no longer occurs is removed from the list.
        let occurring = Set(edges.map { "\($0.file)|\($0.type)" })
        #expect(allowed.subtracting(occurring).isEmpty, "stale exceptions: \(allowed.subtracting(occurring).sorted())")
    }

    @Test("the vocabulary named in issue 18 sits below the stages")
    func vocabularyPlaced() throws {
        let files = try Layers.sources()
        for (type, folder) in [("Language", "Vocabulary"), ("ReportTable", "Vocabulary"), ("Engine", "Vocabulary"),
                               ("GridReading", "Vocabulary"), ("CSVWriter", "Vocabulary"), ("ImportKind", "Vocabulary")] {
            let owners = files.filter { Layers.declarations(Layers.codeOnly($0.value)).contains(type) }.map { Layers.layer($0.key) }
            #expect(owners == [folder], "\(type) is declared in \(owners)")
        }
    }

    /// The checker itself, on made-up sources whose back-edges are known by construction.
    @Test("the checker finds a back-edge and ignores comments and own-layer names",
          arguments: [
            // (files, expected back-edges as "file>type")
            (["Store/A.swift": "public struct Row {}\nlet x = Plan()", "Pipeline/B.swift": "struct Plan {}"], ["Store/A.swift>Plan"]),
            (["Store/A.swift": "// Plan is used later\n/* Plan */ struct Row {}", "Pipeline/B.swift": "struct Plan {}"], []),
            (["Store/A.swift": "let s = \"v \\(Engine.version)\"", "Pipeline/B.swift": "public enum Engine {}"], ["Store/A.swift>Engine"]),
            (["Store/A.swift": "let u = \"http://x\"; let p = Plan()", "Pipeline/B.swift": "struct Plan {}"], ["Store/A.swift>Plan"]),
            (["Store/A.swift": "let n = \"Plan: \\(x) and Plan\"", "Pipeline/B.swift": "struct Plan {}"], []),
            (["Store/A.swift": "let n = \"\"\"\nPlan\n\"\"\"\nlet r = Row()", "Pipeline/B.swift": "struct Plan {}\nstruct Row {}"], ["Store/A.swift>Row"]),
            (["Store/A.swift": "let n = #\"a \\(Plan) \"b\" \\#(f(Row()))\"#", "Pipeline/B.swift": "struct Plan {}\nstruct Row {}"], ["Store/A.swift>Row"]),
            (["Store/A.swift": "/* a /* nested */ Plan */ let x = 1", "Pipeline/B.swift": "struct Plan {}"], []),
            (["Pipeline/A.swift": "let r = Row()", "Store/B.swift": "struct Row {}"], []),
            (["Store/A.swift": "struct Plan {}; let p = Plan()", "Pipeline/B.swift": "struct Plan {}"], []),
            (["Store/A.swift": "let p = Plan()", "Pipeline/B.swift": "private struct Plan {}"], []),
          ] as [([String: String], [String])])
    func checker(_ files: [String: String], _ expected: [String]) {
        #expect(Layers.backEdges(files).edges.map { "\($0.file)>\($0.type)" } == expected)
    }

    @Test("a folder outside the order is reported")
    func unplacedFolder() {
        #expect(Layers.backEdges(["Extras/A.swift": "struct X {}"]).unplaced == ["Extras"])
    }
}
