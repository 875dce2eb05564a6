import Foundation
import Testing
@testable import PruefstandCore

/// The choices named by a word (`NamedChoice`): each value with its line of help, listed in the order of the
/// cases for an option's `--help`. The expected lists are written out here (they are what `--help` said by
/// hand before the types said it themselves).
@Suite struct NamedChoiceTests {
    @Test("OnError, ImportMode and PlanPhasing list every value with what it does")
    func helpLists() {
        #expect(OnError.helpList == "abort: nothing is written if any row is bad; quarantine: import good rows, keep bad ones as rejects")
        #expect(ImportMode.helpList == "append: new postings only (the default); replace-period: replace the postings of --period from earlier "
                + "imports of the same source; replace: as --replace")
        #expect(PlanPhasing.helpList == "even: twelve equal parts (the cents that do not divide go to the earliest months); seasonal: in proportion "
                + "to the same line's actuals of the prior year, month by month (negative months count as zero); a line without prior-year "
                + "actuals is phased evenly")
    }

    @Test("the raw values stay the words of the command line and the manifest")
    func rawValues() {
        #expect(OnError.allCases.map(\.rawValue) == ["abort", "quarantine"])
        #expect(ImportMode.allCases.map(\.rawValue) == ["append", "replace-period", "replace"])
        #expect(PlanPhasing.allCases.map(\.rawValue) == ["even", "seasonal"])
    }
}
