import Foundation
import Testing
@testable import PruefstandCore

extension TestSupport {
    /// Expects `parse` to refuse a broken file with a configuration error naming `path` and `line` (a catalogue
    /// case table's "refused with its line" tests); `name` names the case in a failure.
    static func expectRefused(_ name: String, path: String, line: Int, sourceLocation: SourceLocation = #_sourceLocation,
                              _ parse: () throws -> Void) {
        do {
            try parse()
            Issue.record("\(name): accepted", sourceLocation: sourceLocation)
        } catch let PruefstandError.config(p, l, _, _) {
            #expect(p == path && l == line, "\(name): refused at \(p):\(l.map(String.init) ?? "-")", sourceLocation: sourceLocation)
        } catch { Issue.record("\(name): \(error)", sourceLocation: sourceLocation) }
    }

    /// A scenario file on the NRW baseline and the sample city that overrides `key` (on line 7) with `value` for 2027
    /// (on line 8).
    static func scenarioOverriding(_ key: String, value: String = "1") -> String {
        """
        name: t
        description: t
        baseline: ["{repo}/Parameters/nrw", "{repo}/Datasets/musterstadt/scenarios/parameters"]
        city: "{repo}/Datasets/musterstadt/scenarios/stadt.yaml"
        years: {from: 2026, to: 2027}
        overrides:
          \(key):
            - {from: 2027, value: \(value), source: test}
        """
    }
}
