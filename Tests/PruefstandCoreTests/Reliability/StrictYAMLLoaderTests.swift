import Foundation
import Testing
@testable import PruefstandCore

/// `YAMLLoader`, the one strict loader of every YAML file (issue 19): anchors and aliases are refused by
/// the parser, wherever they stand on a line, before anything could expand them; and every reader of
/// the tool goes through it.
@Suite("Strict YAML loader", .timeLimit(.minutes(2)))
struct StrictYAMLLoaderTests {
    static let city = TestSupport.repoRoot.appendingPathComponent("Datasets/musterstadt").path

    /// The error message of `body`, or nil when it did not throw.
    static func message(_ body: () throws -> Any) -> String? {
        do { _ = try body(); return nil } catch { return "\(error)" }
    }

    static func temp(_ name: String, _ text: String) throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("yaml-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let path = dir.appendingPathComponent(name).path
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    /// A billion-laughs document of ~1.7 KB in which every line carries a quote (the old line scan
    /// skipped such lines): 9^9 leaves if walked.
    static var quotedAliasBomb: String {
        var text = "title: \"Regeln\"\nchecks:\n  refill:\n    description: \"x\"\n"
        text += "    l0: &l0 [" + Array(repeating: "\"lol lol lol lol\"", count: 9).joined(separator: ", ") + "]   # \"\n"
        for i in 1...9 {
            text += "    l\(i): &l\(i) [" + Array(repeating: "*l\(i - 1)", count: 9).joined(separator: ", ") + "]   # \"a quote on every line\"\n"
        }
        text += "    parameters: *l9   # \"\n"
        return text
    }

    @Test("an alias bomb whose lines all carry quotes is refused at its first anchor, in well under a second")
    func quotedBomb() throws {
        let text = Self.quotedAliasBomb
        #expect(text.utf8.count > 1_000 && text.utf8.count < 2_000)
        let start = Date()
        let m = Self.message { try ReviewRules.parse(yaml: text, path: "rules.yaml") }
        #expect(Date().timeIntervalSince(start) < 20)   // A hang guard, not a speed goal: the unguarded behaviour took minutes (or never ended).
        #expect(m == "rules.yaml:5: YAML anchors (&l0) are not allowed: write the value out")
    }

    @Test("an alias used as a mapping key (which Yams would hash, expanding it) is refused before composing")
    func aliasKeyBomb() throws {
        var text = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n"
        for i in 1...7 { text += "a\(i): &a\(i) [" + Array(repeating: "*a\(i - 1)", count: 10).joined(separator: ", ") + "]\n" }
        text += "m:\n  ? *a7\n  : 1\n  ? *a7\n  : 2\n"
        let start = Date()
        #expect(Self.message { try YAMLLoader.parse(text, file: "k.yaml") } == "k.yaml:1: YAML anchors (&a0) are not allowed: write the value out")
        #expect(Date().timeIntervalSince(start) < 20)   // A hang guard, not a speed goal: the unguarded behaviour took minutes (or never ended).
    }

    @Test("anchors and aliases are found by the parser, quoted or not, in flow and block style; '&' and '*' in text are fine",
          arguments: [
            ("a: &x 1\nb: 2\n", "f.yaml:1: YAML anchors (&x) are not allowed: write the value out"),
            ("a: \"q\"\nb: {c: &y \"v\", d: '*'}\n", "f.yaml:2: YAML anchors (&y) are not allowed: write the value out"),
            ("a: [\"x\", *z]\n", "f.yaml:1: YAML aliases (*z) are not allowed: write the value out"),
            ("- &s\n  k: v\n- *s\n", "f.yaml:1: YAML anchors (&s) are not allowed: write the value out"),
          ])
    func anchorsByTheParser(_ c: (String, String)) {
        #expect(Self.message { try YAMLLoader.parse(c.0, file: "f.yaml") } == c.1)
    }

    @Test("text with '&' and '*' that is no anchor loads")
    func ampersandText() throws {
        let node = try YAMLLoader.parse("name: \"Müller & Söhne\"\nnote: 'a *b* c'\nsum: 3 * 4 & more\n", file: "f.yaml")
        #expect(node.mapping?["name"]?.string == "Müller & Söhne")
        #expect(node.mapping?["sum"]?.string == "3 * 4 & more")
    }

    @Test("duplicate keys, a key that is a list, two documents, deep nesting, too many nodes and long values are refused with the line",
          arguments: [
            ("a: 1\nb:\n  c: 2\n  c: 3\n", "f.yaml:4: key 'c' given twice in the same mapping"),
            ("a: 1\n\"a\": 2\n", "f.yaml:2: key 'a' given twice in the same mapping"),
            ("? [1, 2]\n: x\n", "f.yaml:1: a key must be a plain value, not a list or mapping"),
            ("a: 1\n---\nb: 2\n", "f.yaml:2: more than one YAML document in the file (a second '---')"),
            (String(repeating: "[", count: 70) + String(repeating: "]", count: 70), "f.yaml:1: nested deeper than 64 levels"),
          ])
    func structuralLimits(_ c: (String, String)) {
        #expect(Self.message { try YAMLLoader.parse(c.0, file: "f.yaml") } == c.1)
    }

    @Test("node count, value length and file size are bounded")
    func sizeLimits() throws {
        var limits = YAMLLoader.Limits()
        limits.maxNodes = 100
        let many = "[" + Array(repeating: "1", count: 200).joined(separator: ",") + "]"
        #expect(Self.message { try YAMLLoader.parse(many, file: "f.yaml", limits: limits) } == "f.yaml:1: more than 100 YAML nodes")
        limits = YAMLLoader.Limits(); limits.maxScalarBytes = 10
        #expect(Self.message { try YAMLLoader.parse("a: \(String(repeating: "x", count: 11))\n", file: "f.yaml", limits: limits) }
                == "f.yaml:1: a value longer than 10 bytes")
        let big = try Self.temp("big.yaml", "a: " + String(repeating: "x", count: (4 << 20) + 1))
        #expect(Self.message { try YAMLLoader.load(path: big) }?.contains("file larger than 4 MiB") == true)
    }

    @Test("bytes that are not UTF-8 are refused with the line, also in the controlling parameter files (no silent replacement)")
    func notUTF8() throws {
        let bytes = Data("a: 1\nb: Gr".utf8) + Data([0xFC]) + Data("n\n".utf8)
        #expect(Self.message { try YAMLLoader.parse(bytes, file: "f.yaml") } == "f.yaml:2: not UTF-8 text (byte 11); save the file as UTF-8")
        let path = try Self.temp("audit.yaml", "")
        try bytes.write(to: URL(fileURLWithPath: path))
        // The audit parameters go through the one reader (issue 18): the same message as every YAML file.
        #expect(Self.message { try AuditParameters.load(path: path) } == "\(path):2: not UTF-8 text (byte 11); save the file as UTF-8")
    }

    @Test("a named pipe given as a YAML file is refused without opening it (no hang)")
    func namedPipe() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("yaml-fifo-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let fifo = dir.appendingPathComponent("rules.yaml").path
        #expect(mkfifo(fifo, 0o600) == 0)
        #expect(Self.message { try ReviewRules.load(path: fifo) } == "\(fifo): not a regular file (a pipe or device is not read)")
    }

    /// Every YAML reader of the tool, with a shipped file: (name, path, loader).
    static var readers: [(String, String, @Sendable (String) throws -> Any)] {
        let c = city
        return [
            ("mapping", "\(c)/mappings/ledger-excel-de.yaml", { try Mapping.load(path: $0) }),
            ("review rules", "\(c)/rules/review.yaml", { try ReviewRules.load(path: $0) }),
            ("audit parameters", "\(c)/controlling/audit.yaml", { try AuditParameters.load(path: $0) }),
            ("projection scenario", "\(c)/controlling/projection.yaml", { try ProjectionScenario.load(path: $0) }),
            ("relief scenario", "\(c)/scenarios/kombi.yaml", { try Scenario.load(file: $0) }),
            ("parameter file", "\(c)/scenarios/parameters/musterstadt.yaml", { try ParameterFile.load(file: $0) }),
            ("city data", "\(c)/scenarios/stadt.yaml", { try CityData.load(file: $0) }),
            ("budget", "\(c)/scenarios/haushalt-basis.yaml", { try SimpleBudgetProjection.load(file: $0) }),
            ("parameter listing", "\(c)/controlling/audit.yaml", { try ParameterListing.table(files: [$0], lang: .de) }),
        ]
    }

    @Test("every YAML reader refuses an anchor (and its alias) by the parser, naming file and line")
    func everyReader() throws {
        for (name, path, load) in Self.readers {
            let original = try String(contentsOfFile: path, encoding: .utf8)
            #expect(Self.message { try load(path) } == nil, "\(name) loads the shipped file")
            // Anchor the first top-level `key: value` line that has a value, and refer to it at the end.
            var lines = original.components(separatedBy: "\n")
            guard let i = lines.firstIndex(where: { $0.range(of: #"^\s*[a-z_][a-z0-9_.]*: [^&*\[{|>#\s].*$"#, options: .regularExpression) != nil }) else {
                Issue.record("\(name): no top-level key with a value"); continue
            }
            let colon = lines[i].firstIndex(of: ":")!
            lines[i] = String(lines[i][...colon]) + " &anchor" + String(lines[i][lines[i].index(after: colon)...])
            let copy = try Self.temp(URL(fileURLWithPath: path).lastPathComponent, lines.joined(separator: "\n"))
            // Relative paths inside (city: stadt.yaml, baseline …) resolve against the copy's folder; the
            // loader refuses the anchor before any of them is read.
            #expect(Self.message { try load(copy) } == "\(copy):\(i + 1): YAML anchors (&anchor) are not allowed: write the value out",
                    "\(name)")
        }
    }

    @Test("the run manifest refuses an anchor")
    func manifest() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("manifest-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        try Data("name: &n \"Musterstadt\"\nplan_year: 2026\ninputs: []\n".utf8).write(to: dir.appendingPathComponent("pruefstand.yaml"))
        #expect(Self.message { try Manifest.load(folder: dir.path) }?.contains("pruefstand.yaml:1: YAML anchors (&n) are not allowed") == true)
    }
}
