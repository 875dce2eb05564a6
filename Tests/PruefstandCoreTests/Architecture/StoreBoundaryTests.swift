import Foundation
import Testing

/// The store layer owns the SQL (issue 18, docs/architecture.md): no file of `Sources/` outside
/// `Sources/PruefstandCore/Store/` holds an SQL statement in a string literal; the `Fuzz*` targets are excepted
/// (fuzz boilerplate that builds a store by hand).
enum StoreBoundary {
    /// Folders (below `Sources/`) whose files may hold SQL, each with its reason.
    static let allowed: [(prefix: String, reason: String)] = [
        ("PruefstandCore/Store/", "the store layer"),
        ("Fuzz", "fuzz targets build their stores by hand"),
    ]

    /// SQL statements as they start: upper-case keywords, as every statement of the project writes them.
    static let statement = try! NSRegularExpression(pattern: """
        \\b(SELECT\\s|INSERT\\s+(OR\\s+\\w+\\s+)?INTO\\b|UPDATE\\s+\\S+\\s+SET\\b|DELETE\\s+FROM\\b|\
        CREATE\\s+(TEMP\\s+|TEMPORARY\\s+|UNIQUE\\s+)?(TABLE|VIEW|INDEX|TRIGGER)\\b|DROP\\s+(TABLE|VIEW|INDEX|TRIGGER)\\b|\
        ALTER\\s+TABLE\\b|PRAGMA\\s|WITH\\s+\\w+\\s+AS\\s*\\()
        """)

    /// The text of the string literals of Swift source (plain, multi-line, raw), one entry per literal;
    /// an interpolation's code is not part of it. Comments are skipped.
    static func literals(_ text: String) -> [String] {
        enum Context { case code(parens: Int), string(multiLine: Bool, hashes: Int) }
        let s = Array(text.unicodeScalars)
        var out: [String] = [], current = String.UnicodeScalarView()
        var stack: [Context] = [.code(parens: 0)]
        var i = 0
        func at(_ k: Int) -> Unicode.Scalar? { k < s.count ? s[k] : nil }
        while i < s.count {
            let c = s[i]
            switch stack[stack.count - 1] {
            case .code(let parens):
                if c == "/" && at(i + 1) == "/" { while i < s.count && s[i] != "\n" { i += 1 }; continue }
                if c == "/" && at(i + 1) == "*" {
                    var depth = 0
                    repeat {
                        if s[i] == "/" && at(i + 1) == "*" { depth += 1; i += 2; continue }
                        if s[i] == "*" && at(i + 1) == "/" { depth -= 1; i += 2; continue }
                        i += 1
                    } while i < s.count && depth > 0
                    continue
                }
                var j = i, hashes = 0
                while at(j) == "#" { hashes += 1; j += 1 }
                if at(j) == "\"" {
                    let multiLine = at(j + 1) == "\"" && at(j + 2) == "\""
                    stack.append(.string(multiLine: multiLine, hashes: hashes))
                    i = j + (multiLine ? 3 : 1)
                    continue
                }
                if c == "(" { stack[stack.count - 1] = .code(parens: parens + 1) }
                if c == ")" {
                    if parens == 0 && stack.count > 1 { stack.removeLast(); i += 1; continue }
                    stack[stack.count - 1] = .code(parens: max(0, parens - 1))
                }
                i += 1
            case .string(let multiLine, let hashes):
                if c == "\\" {
                    var j = i + 1, h = 0
                    while h < hashes && at(j) == "#" { h += 1; j += 1 }
                    if h == hashes && at(j) == "(" { current.append(" "); stack.append(.code(parens: 0)); i = j + 1; continue }
                    if h == hashes, let e = at(j) { current.append(e == "n" ? "\n" : e); i = j + 1; continue }
                    current.append(c); i += 1
                    continue
                }
                let quotes = multiLine ? 3 : 1
                if (0..<quotes).allSatisfy({ at(i + $0) == "\"" }) && (0..<hashes).allSatisfy({ at(i + quotes + $0) == "#" }) {
                    out.append(String(current)); current = String.UnicodeScalarView()
                    stack.removeLast()
                    i += quotes + hashes
                    continue
                }
                current.append(c); i += 1
            }
        }
        return out
    }

    /// The SQL statements a file's literals start, as `keyword…` snippets.
    static func statements(_ text: String) -> [String] {
        literals(text).flatMap { lit -> [String] in
            let ns = lit as NSString
            return statement.matches(in: lit, range: NSRange(location: 0, length: ns.length)).map {
                String(ns.substring(with: NSRange(location: $0.range.location, length: min(40, ns.length - $0.range.location)))
                    .split(separator: "\n").first ?? "")
            }
        }
    }

    /// Every Swift file below `Sources/` (path relative to it) that is not in an allowed folder.
    static func checkedSources() throws -> [String: String] {
        try TestSupport.swiftFiles(below: TestSupport.repoRoot.appendingPathComponent("Sources")) { rel in
            !allowed.contains(where: { rel.hasPrefix($0.prefix) })
        }
    }
}

@Suite("Architecture: the store layer owns the SQL")
struct StoreBoundaryTests {
    @Test("no file outside Store/ (and the fuzz targets) holds an SQL statement")
    func noSQLOutsideStore() throws {
        let files = try StoreBoundary.checkedSources()
        #expect(files.count > 100, "the sources were not found")
        let found = files.compactMap { file, text -> String? in
            let s = StoreBoundary.statements(text)
            return s.isEmpty ? nil : "\(file): \(s.joined(separator: " | "))"
        }.sorted()
        #expect(found.isEmpty, "SQL outside Store/ (move it into a Store+Topic.swift file):\n\(found.joined(separator: "\n"))")
    }

    /// The scanner itself, on made-up sources whose statements are known by construction.
    @Test("the scanner finds SQL in every kind of literal and nowhere else",
          arguments: [
            ("let q = \"SELECT id FROM posting\"", 1),
            ("let q = \"\"\"\n    SELECT id\n    FROM posting\n    \"\"\"", 1),
            ("let q = #\"DELETE FROM \"x\" WHERE a = 1\"#", 1),
            ("let q = \"INSERT INTO t VALUES (\\(n))\"; let r = \"UPDATE t SET a = 1\"", 2),
            ("try db.execute(sql: \"CREATE TABLE t (a)\"); try db.execute(sql: \"PRAGMA foreign_keys = ON\")", 2),
            ("let s = \"\\(x.joined(separator: \", \")) SELECT 1\"", 1),
            ("// SELECT id FROM posting\nlet a = 1", 0),
            ("/* INSERT INTO t */ let a = \"select a file\"", 0),
            ("let m = \"Select the store first\"; let n = \"Deleted from the list\"", 0),
            ("func select() {}; let x = SELECT", 0),
          ] as [(String, Int)])
    func scanner(_ source: String, _ expected: Int) {
        #expect(StoreBoundary.statements(source).count == expected, "\(StoreBoundary.statements(source))")
    }
}
