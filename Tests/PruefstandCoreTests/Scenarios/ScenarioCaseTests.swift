import Foundation
import Testing
@testable import PruefstandCore

/// Repository root (for shipped parameters and Musterstadt data used by the cases).
let repoRoot: String = TestSupport.repoRoot.path

/// A fresh temporary folder with the given files (`{repo}` replaced by the repository root).
func writeTemporaryFiles(_ files: [String: String]) throws -> String {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("pruefstand-scen-\(UUID().uuidString)")
    for (name, text) in files {
        let url = dir.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.replacingOccurrences(of: "{repo}", with: repoRoot).write(to: url, atomically: true, encoding: .utf8)
    }
    return dir.path
}

enum ScenarioCases {
    static var directory: URL {
        Bundle.module.url(forResource: "Cases", withExtension: nil)!.appendingPathComponent("scenarios")
    }
    static var files: [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return names.filter { $0.hasSuffix(".yaml") }.sorted()
    }
}

@Suite("Scenario cases (hand-computed)")
struct ScenarioCaseTests {
    @Test("there are hand-computed cases")
    func casesExist() { #expect(ScenarioCases.files.count >= 10) }

    /// Every case through the same runner as `pruefstand scenario test` (its expected values are hand-computed).
    @Test("case", arguments: ScenarioCases.files)
    func runCase(_ name: String) throws {
        let failures = try StatuteCases.run(file: ScenarioCases.directory.appendingPathComponent(name).path, root: repoRoot)
        #expect(failures.isEmpty, "\(failures.map(\.description))")
    }

    @Test("scenario test runs the cases; a deliberately wrong expected value fails with the case's file, line and the difference",
          .enabled(if: FileManager.default.isExecutableFile(atPath: pruefstandBinary.path)))
    func cli() throws {
        let ok = try runPruefstand(["scenario", "test", ScenarioCases.directory.path, "--root", repoRoot, "--lang", "en"])
        #expect(ok.status == 0, "\(ok.out) \(ok.err)")
        #expect(ok.out.contains("\(ScenarioCases.files.count) case(s), 0 failed"))
        // A copy of the Verein case with the tax off by one cent.
        var text = try String(contentsOf: ScenarioCases.directory.appendingPathComponent("gewst-verein-freibetrag-5000.yaml"), encoding: .utf8)
        #expect(text.contains("tax: 2730,"))
        text = text.replacingOccurrences(of: "tax: 2730,", with: "tax: 2730.01,")
        let dir = try writeTemporaryFiles(["wrong.yaml": text])
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let r = try runPruefstand(["scenario", "test", dir, "--lang", "en"])
        #expect(r.status == 1)
        #expect(r.out.contains("\(dir)/wrong.yaml:7: An association with 20,049 EUR Gewerbeertrag gets the Freibetrag of 5,000 EUR and no § 35 credit: tax: expected 2730.01, got 2730.00 (difference -0.01)"), "\(r.out)")
        #expect(r.out.contains("1 case(s), 1 failed"))
        // German, the default (issue 16): the same line with decimal commas; the case's name is its own text.
        let de = try runPruefstand(["scenario", "test", dir])
        #expect(de.status == 1)
        #expect(de.out.contains("\(dir)/wrong.yaml:7: An association with 20,049 EUR Gewerbeertrag gets the Freibetrag of 5,000 EUR and no § 35 credit: tax: erwartet 2730,01, berechnet 2730,00 (Differenz -0,01)"), "\(de.out)")
        #expect(de.out.contains("1 Fall/Fälle, 1 fehlgeschlagen"), "\(de.out)")
    }

    /// `scenario test` from outside the repository without `--root`: `{repo}` is the nearest folder above the case
    /// folder that holds `Parameters/` (here a temporary copy of the parts of the repository the cases read).
    @Test("scenario test run from another folder finds the root above the cases folder without --root",
          .enabled(if: FileManager.default.isExecutableFile(atPath: pruefstandBinary.path)))
    func rootFromCasesFolder() throws {
        let fm = FileManager.default
        let copy = fm.temporaryDirectory.appendingPathComponent("pruefstand-root-\(UUID().uuidString)")
        let elsewhere = fm.temporaryDirectory.appendingPathComponent("pruefstand-cwd-\(UUID().uuidString)")
        defer { try? fm.removeItem(at: copy); try? fm.removeItem(at: elsewhere) }
        for part in ["Parameters", "Datasets/musterstadt/scenarios", "Tests/PruefstandCoreTests/Fixtures/scenarios"] {
            let target = copy.appendingPathComponent(part)
            try fm.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
            try fm.copyItem(atPath: repoRoot + "/" + part, toPath: target.path)
        }
        let cases = copy.appendingPathComponent("Tests/PruefstandCoreTests/Cases/scenarios")
        try fm.createDirectory(at: cases.deletingLastPathComponent(), withIntermediateDirectories: true)
        try fm.copyItem(at: ScenarioCases.directory, to: cases)
        try fm.createDirectory(at: elsewhere, withIntermediateDirectories: true)
        #expect(StatuteCases.defaultRoot(forCases: cases.path) == copy.standardizedFileURL.path)
        let r = try TestSupport.runProcess(pruefstandBinary, ["scenario", "test", cases.path, "--lang", "en"], cwd: elsewhere.path)
        #expect(r.status == 0, "\(r.out) \(r.err)")
        #expect(r.out.contains("\(ScenarioCases.files.count) case(s), 0 failed"), "\(r.out)")
        // Without Parameters/ above the cases, the current folder: here one without Parameters/, so the cases fail.
        try fm.removeItem(at: copy.appendingPathComponent("Parameters"))
        #expect(StatuteCases.defaultRoot(forCases: cases.path) == URL(fileURLWithPath: fm.currentDirectoryPath).standardizedFileURL.path)
        let missing = try TestSupport.runProcess(pruefstandBinary, ["scenario", "test", cases.path], cwd: elsewhere.path)
        #expect(missing.status == 1, "\(missing.out)")
    }

    @Test("a malformed case is an error with file and what is wrong, never a pass",
          arguments: [("kind: gewerbesteuer_magic\ninputs: {}\nexpected: {}", "unknown kind"),
                      ("kind: gewerbesteuer_assessment\ninputs: {legal_form: stiftung, gewerbeertrag: 1, hebesatz: 400}\nexpected: {}", "unknown legal_form"),
                      ("kind: gewerbesteuer_assessment\ninputs: {legal_form: verein, gewerbeertrag: 1, hebesatz: 400}\nexpected: {tax: 0}", "expected 'rounded_ertrag' is missing"),
                      ("kind: scenario_run\ninputs: {scenario: s.yaml, files: {../x.yaml: a}}\nexpected: {}", "must stay inside")])
    func malformed(_ body: String, _ message: String) throws {
        let dir = try writeTemporaryFiles(["c.yaml": "name: n\nsource: s\n" + body])
        defer { try? FileManager.default.removeItem(atPath: dir) }
        #expect { try StatuteCases.run(file: dir + "/c.yaml", root: repoRoot) } throws: { "\($0)".contains(message) }
    }
}
