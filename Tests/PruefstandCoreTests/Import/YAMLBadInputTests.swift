import Foundation
import Testing
import Yams

/// How Yams 6.2.2 (libyaml) treats bad YAML: the facts the mapping and parameter loaders build on, and
/// which the FuzzYAML target (`Sources/FuzzYAML/YAMLTree.swift`) bounds. A Yams upgrade that changes
/// one of them fails here first. (Kept beside the XLSX tests because this helper owns the fuzz targets.)
@Suite("YAML bad input", .timeLimit(.minutes(1)))
struct YAMLBadInputTests {
    @Test("Nesting 10,000 levels deep is a parse error (libyaml's limit of 1,000), not a stack overflow")
    func deepNesting() {
        let text = String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)
        #expect(throws: YamlError.self) { try Yams.compose(yaml: text) }
        let block = (0..<2000).map { String(repeating: " ", count: $0) + "k:" }.joined(separator: "\n") + " v"
        #expect(throws: YamlError.self) { try Yams.compose(yaml: block) }
    }

    @Test("An alias bomb composes to shared nodes quickly; only a walk that counts nodes stays bounded")
    func aliasBomb() throws {
        var text = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n"
        for i in 1...9 { text += "a\(i): &a\(i) [" + Array(repeating: "*a\(i - 1)", count: 10).joined(separator: ", ") + "]\n" }
        let start = Date()
        let node = try #require(try Yams.compose(yaml: text))
        #expect(Date().timeIntervalSince(start) < 20)   // A hang guard, not a speed goal: the unguarded behaviour took minutes (or never ended).
        // 10^10 leaves if expanded; a walk with a budget of 100,000 nodes stops early.
        var budget = 100_000
        func walk(_ n: Node) -> Bool {
            budget -= 1
            if budget < 0 { return false }
            switch n {
            case let .sequence(s): return s.allSatisfy(walk)
            case let .mapping(m): return m.allSatisfy { walk($0.value) }
            default: return true
            }
        }
        #expect(walk(node) == false)
    }

    @Test("Aliases to an undefined anchor are an error")
    func undefinedAlias() {
        #expect(throws: YamlError.self) { try Yams.compose(yaml: "a: *nowhere\n") }
    }

    @Test("Binary garbage and tab indentation are parse errors")
    func garbage() {
        #expect(throws: YamlError.self) { try Yams.compose(yaml: "a: [1, 2\nb: }{\u{0}") }
        #expect(throws: YamlError.self) { try Yams.compose(yaml: "kind: ledger\n\tcolumns: x\n") }
    }

    @Test("Bytes that are not UTF-8 never reach the parser")
    func invalidUTF8() {
        #expect(String(data: Data([0x6B, 0x3A, 0x20, 0xFF, 0xFE, 0x0A]), encoding: .utf8) == nil)
    }

    @Test("An empty document composes to nothing")
    func emptyDocument() throws {
        #expect(try Yams.compose(yaml: "") == nil)
        #expect(try Yams.compose(yaml: "# nur ein Kommentar\n") == nil)
    }

    @Test("Duplicate keys are refused by Yams, naming the key")
    func duplicateKeys() {
        #expect {
            try Yams.compose(yaml: "amount: Betrag\namount: Summe\n")
        } throws: { error in
            "\(error)".contains("duplicated key(s): 'amount'")
        }
    }

    @Test("Scalars keep their exact text (1234.10 stays 1234.10, 0042 stays 0042)")
    func exactScalars() throws {
        let node = try #require(try Yams.compose(yaml: "a: 1234.10\nb: 0042\nc: 01.11.01\nd: 1e400\n"))
        #expect(node["a"]?.string == "1234.10")
        #expect(node["b"]?.string == "0042")
        #expect(node["c"]?.string == "01.11.01")
        #expect(node["d"]?.string == "1e400")
    }
}
