import Foundation
import GRDB
import Testing
@testable import PruefstandCore

/// The Jupyter notebooks in `Notebooks/` are executed by `make notebooks` (Python); these checks run in
/// `make test` without Python: the notebooks are committed without outputs and their SQL names only public
/// views that a new store has.
@Suite("Notebooks")
struct NotebookTests {
    static var folder: URL { TestSupport.repoRoot.appendingPathComponent("Notebooks") }

    static func notebooks() throws -> [(name: String, json: [String: Any])] {
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
            .filter { $0.hasSuffix(".ipynb") && $0.first?.isNumber == true }.sorted()
        return try names.map { name in
            let data = try Data(contentsOf: folder.appendingPathComponent(name))
            return (name, try JSONSerialization.jsonObject(with: data) as? [String: Any] ?? [:])
        }
    }

    static func codeCells(_ json: [String: Any]) -> [[String: Any]] {
        ((json["cells"] as? [[String: Any]]) ?? []).filter { $0["cell_type"] as? String == "code" }
    }

    static func source(_ cell: [String: Any]) -> String {
        (cell["source"] as? String) ?? ((cell["source"] as? [String]) ?? []).joined()
    }

    @Test("the three analyses of issue 10 are there, as nbformat 4 notebooks with code")
    func threeNotebooks() throws {
        let all = try Self.notebooks()
        #expect(all.map(\.name).starts(with: ["01-ausgabenpruefung.ipynb", "02-stellenpruefung.ipynb", "03-entlastung.ipynb"]))
        for nb in all {
            #expect(nb.json["nbformat"] as? Int == 4, "\(nb.name)")
            #expect(Self.codeCells(nb.json).count >= 3, "\(nb.name)")
        }
    }

    @Test("notebooks are committed without outputs, execution counts or timestamps")
    func noOutputs() throws {
        for nb in try Self.notebooks() {
            for (i, cell) in Self.codeCells(nb.json).enumerated() {
                let outputs = cell["outputs"] as? [Any] ?? []
                let executed = !(cell["execution_count"] is NSNull) && cell["execution_count"] != nil
                let stamped = (cell["metadata"] as? [String: Any])?["execution"] != nil
                #expect(outputs.isEmpty && !executed && !stamped,
                        "\(nb.name), code cell \(i + 1): run `python Notebooks/run_all.py --strip`")
            }
        }
    }

    @Test("the notebooks' SQL reads only public views that a new store has")
    func onlyPublicViews() throws {
        let (store, _) = try TestSupport.tempStore()
        let views = Set(try store.read { try String.fetchAll($0, sql: "SELECT name FROM sqlite_master WHERE type = 'view'") })
        let pattern = try NSRegularExpression(pattern: #"\b(?:FROM|JOIN)\s+([A-Za-z_][A-Za-z0-9_]*)"#)
        var named = 0
        for nb in try Self.notebooks() {
            for cell in Self.codeCells(nb.json) {
                let text = Self.source(cell)
                for m in pattern.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
                    let name = String(text[Range(m.range(at: 1), in: text)!])
                    named += 1
                    #expect(name.hasPrefix("v_") && views.contains(name), "\(nb.name) reads \(name)")
                }
            }
        }
        #expect(named >= 5, "the notebooks query the store")
    }
}
