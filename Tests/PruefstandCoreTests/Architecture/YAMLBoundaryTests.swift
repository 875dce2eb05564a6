import Foundation
import Testing

/// One YAML reader (issue 18, docs/parameters.md): only `Sources/PruefstandCore/Support/` (`YAMLLoader`,
/// `StrictYAML`) and the YAML fuzz target handle Yams' nodes; every other reader goes through `StrictYAML`, which
/// refuses anchors, duplicate and unknown keys with file and line. A file that cannot be converted at once would be
/// listed with its reason in `notYetConverted` (the list can only shrink; it is empty).
@Suite("Architecture: one YAML reader")
struct YAMLBoundaryTests {
    static let sources = TestSupport.repoRoot.appendingPathComponent("Sources")

    /// Files outside Support/ that still import Yams (below `Sources/`), each with its reason.
    static let notYetConverted: [String: String] = [:]

    static func importsYams(_ text: String) -> Bool {
        text.split(separator: "\n").contains { $0.trimmingCharacters(in: .whitespaces).hasPrefix("import Yams") }
    }

    @Test("no file outside Support/ (and the YAML fuzz target) imports Yams")
    func onlySupportImportsYams() throws {
        let files = try TestSupport.swiftFiles(below: Self.sources)
        #expect(files.count > 100)
        let importing = Set(files.filter { Self.importsYams($0.value) }.keys)
        #expect(importing.contains("PruefstandCore/Support/StrictYAML.swift"), "the check sees the reader itself")
        let outside = importing.filter { !$0.hasPrefix("PruefstandCore/Support/") && !$0.hasPrefix("FuzzYAML/") }
        #expect(outside.subtracting(Self.notYetConverted.keys).sorted() == [], "read these through StrictYAML")
        #expect(Set(Self.notYetConverted.keys).subtracting(outside).sorted() == [], "converted: remove them from the list")
    }

    /// Swift lets a file use the members of a type from a module another file imports: `yaml.node.sequence` compiles
    /// without `import Yams`. Such reads go through `StrictYAML` (`isList`, `isMapping`, `scalarText`, `isNull`).
    @Test("no file outside Support/ reads a Yams node's members through StrictYAML.node")
    func noNodeMembersOutsideSupport() throws {
        let files = try TestSupport.swiftFiles(below: Self.sources) { $0.hasPrefix("PruefstandCore/") && !$0.hasPrefix("PruefstandCore/Support/") }
        #expect(files.count > 100)
        let member = try NSRegularExpression(pattern: #"\.node\.(sequence|mapping|scalar|null|mark|string|tag)\b|case \.(scalar|mapping|sequence)(\(|\s*=)"#)
        for (name, text) in files.sorted(by: { $0.key < $1.key }) {
            let hits = member.matches(in: text, range: NSRange(text.startIndex..., in: text)).map { (text as NSString).substring(with: $0.range) }
            #expect(hits.isEmpty, "\(name): \(hits)")
        }
    }
}
