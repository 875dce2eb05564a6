import Foundation
import Testing
@testable import PruefstandCore

/// Years and dates a manifest brings in are range-checked where they enter (issue 19): a plan year of
/// 20266 is a manifest error with file, line and key, never a trap later in the run.
@Suite("Manifest: years and dates")
struct ManifestTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var yaml: String
        /// The key and a part of the message the error must carry.
        var key: String
        var message: String
        var testDescription: String { name }
    }

    static func yaml(planYear: String = "2026", asOf: String? = "2026-01-01", extra: String = "") -> String {
        "name: T\nplan_year: \(planYear)\n" + (asOf.map { "as_of: \($0)\n" } ?? "") + "inputs:\n  - { kind: orgunits, file: orgunits.csv }\n" + extra
    }

    static let cases: [Case] = [
        Case(name: "a plan year of 20266 (a typo) is refused", yaml: yaml(planYear: "20266", asOf: nil), key: "plan_year", message: "1990"),
        Case(name: "a plan year of 20266 with an as_of is refused too", yaml: yaml(planYear: "20266"), key: "plan_year", message: "1990"),
        Case(name: "a plan year before 1990 is refused", yaml: yaml(planYear: "1066"), key: "plan_year", message: "2100"),
        Case(name: "a negative plan year is refused", yaml: yaml(planYear: "-2026"), key: "plan_year", message: "1990"),
        Case(name: "a plan year beyond Int is a manifest error", yaml: yaml(planYear: "99999999999999999999999"), key: "plan_year", message: "whole number"),
        Case(name: "an as-of date in 2199 is refused", yaml: yaml(asOf: "2199-01-01"), key: "as_of", message: "2100"),
        Case(name: "an as-of date in 1899 is refused", yaml: yaml(asOf: "1899-12-31"), key: "as_of", message: "date"),
        Case(name: "an as-of date that does not exist is refused", yaml: yaml(asOf: "2026-02-30"), key: "as_of", message: "date"),
        Case(name: "a variance year of 99999 is refused", yaml: yaml(extra: "controlling:\n  variance_year: 99999\n"), key: "controlling.variance_year", message: "1990"),
    ]

    @Test("a year or date out of range is a manifest error with file, line and key", arguments: cases)
    func outOfRange(_ c: Case) throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("manifest-\(UUID().uuidString.prefix(8))").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        try c.yaml.write(toFile: dir + "/pruefstand.yaml", atomically: true, encoding: .utf8)
        do {
            let m = try Manifest.load(folder: dir)
            _ = try RunSettings.from(manifest: m)
            Issue.record("accepted: plan year \(m.planYear), as of \(m.asOf)")
        } catch let e as PruefstandError {
            guard case let .config(path, line, key, message) = e else { Issue.record("not a manifest error: \(e)"); return }
            #expect(path.hasSuffix("pruefstand.yaml"))
            #expect(line != nil)
            #expect(key == c.key, "\(e)")
            #expect(message.en.contains(c.message), "\(e)")
        }
    }

    @Test("the built binary: `run` on a manifest with plan_year 20266 ends with the manifest error and exit 1, not a trap",
          .enabled(if: CrashSafetyTests.binary != nil, "the pruefstand binary is built beside the tests"))
    func binary() throws {
        let dir = try TestCity.make(manifest: TestCity.manifest(planYear: "20266", asOf: nil))
        let r = try TestCity.run(["run", dir, "--db", dir + "/c.sqlite", "--quiet"])
        #expect(r.status == 1, "exit \(r.status): \(r.err.prefix(300))")
        #expect(r.err.contains("pruefstand.yaml:2 (plan_year)"), "\(r.err)")
        #expect(!FileManager.default.fileExists(atPath: dir + "/c.sqlite"), "nothing is imported before the manifest is checked")
    }

    @Test("the command line's --as-of and --decided-on are range-checked too: a usage error, not a trap",
          .enabled(if: CrashSafetyTests.binary != nil, "the pruefstand binary is built beside the tests"),
          arguments: [["review", "--as-of", "2199-01-01"], ["report", "--as-of", "1066-10-14"], ["review", "decisions", "x.csv", "--decided-on", "2201-01-01"]])
    func commandLineDates(_ args: [String]) throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("dates-\(UUID().uuidString.prefix(8))").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        FileManager.default.createFile(atPath: dir + "/x.csv", contents: Data("a\n".utf8))
        _ = try Store.open(path: dir + "/s.sqlite")   // an empty store (read commands never create one)
        let r = try TestCity.run(args + ["--db", dir + "/s.sqlite"], cwd: dir)
        #expect(r.status == 1 || r.status == 2, "exit \(r.status): \(r.err.prefix(300))")
        #expect(r.err.contains("1990") && r.err.contains("2100"), "\(r.err)")
    }

    @Test("every FuzzManifest seed and former finding loads or ends in a manifest error, never a trap")
    func fuzzCorpus() throws {
        let root = TestSupport.repoRoot.appendingPathComponent("Fuzz")
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("fuzzmanifest-\(UUID().uuidString.prefix(8))").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        var replayed = 0
        for sub in ["corpus/FuzzManifest", "regressions/FuzzManifest"] {
            let folder = root.appendingPathComponent(sub).path
            for name in (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [] {
                let data = try Data(contentsOf: URL(fileURLWithPath: folder + "/" + name))
                do {
                    let m = try Manifest.parse(try StrictYAML.parse(String(decoding: data, as: UTF8.self), file: dir + "/pruefstand.yaml"), folder: dir)
                    #expect(Manifest.years.contains(m.planYear), "\(name)")
                } catch is PruefstandError {
                } catch {
                    Issue.record("\(name): not a PruefstandError: \(error)")
                }
                replayed += 1
            }
        }
        #expect(replayed >= 4)
    }

    @Test("a city folder given as a relative path: the manifest's paths resolve once against it (Datasets/musterstadt)")
    func relativeFolder() throws {
        // The folder as a relative path from the working directory (not changed: tests run side by side).
        let here = ProtectedFiles.resolved(FileManager.default.currentDirectoryPath).split(separator: "/")
        let there = ProtectedFiles.resolved(TestSupport.repoRoot.appendingPathComponent("Datasets/musterstadt").path).split(separator: "/")
        let common = zip(here, there).prefix { $0 == $1 }.count
        let folder = (Array(repeating: "..", count: here.count - common) + there.dropFirst(common).map(String.init)).joined(separator: "/")
        #expect(!folder.hasPrefix("/"))
        let m = try Manifest.load(folder: folder)
        let settings = try RunSettings.from(manifest: m)
        for file in m.inputs.map({ m.resolve($0.file) }) + m.inputs.compactMap({ $0.mapping.map(m.resolve) }) + settings.parameterFiles {
            #expect(FileManager.default.fileExists(atPath: file), "\(file)")
            #expect(file.hasPrefix(folder + "/") && !file.dropFirst(folder.count).contains("Datasets"), "\(file)")
        }
        #expect(m.resolve(m.reportPath) == folder + "/out/musterstadt.xlsx")
    }
}
