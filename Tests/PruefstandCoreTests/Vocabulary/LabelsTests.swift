import Foundation
import Testing
@testable import PruefstandCore

/// The labels of closed sets of values (`Resources/labels.tsv`, `Vocabulary/Labels.swift`): each value has its line
/// and each line a value, and the labels read are the words written. A broken catalogue is refused with its line
/// (`ReportColumnsTests.refused`, over both catalogues of the one tab-separated reader).
@Suite("Labels catalogue")
struct LabelsTests {
    /// Every `Labelled` type of the package: its group and its values' raw values.
    static let types: [(group: String, values: [String])] = [
        (ReviewDecisionValue.labelGroup, ReviewDecisionValue.allCases.map(\.rawValue)),
        (ProtectedPost.Kind.labelGroup, ProtectedPost.Kind.allCases.map(\.rawValue)),
        (LegalForm.labelGroup, LegalForm.allCases.map(\.rawValue)),
    ]

    @Test("every value has a label in both languages, and every line of the catalogue is a value's")
    func complete() {
        let keys = Self.types.flatMap { t in t.values.map { "\(t.group).\($0)" } }
        #expect(Set(Labels.catalogue.keys) == Set(keys))
        #expect(Labels.catalogue.values.allSatisfy { !$0.de.isEmpty && !$0.en.isEmpty })
        // Labels within a type tell the values apart (the decision read-back accepts either language).
        for t in Self.types {
            for lang in Language.allCases {
                let labels = t.values.map { Labels.label("\(t.group).\($0)", lang) }
                #expect(Set(labels).count == labels.count, "\(t.group) \(lang)")
            }
        }
    }

    @Test("labels as written in the catalogue, by hand", arguments: [
        ("wiederbesetzen", ReviewDecisionValue.refill.label(.de)), ("do not re-fill", ReviewDecisionValue.noRefill.label(.en)),
        ("zurückstellen", ReviewDecisionValue.deferred.label(.de)), ("financed by a third party", ProtectedPost.Kind.thirdParty.label(.en)),
        ("Wahlamt", ProtectedPost.Kind.elected.label(.de)), ("Sole proprietor", LegalForm.einzelunternehmen.label(.en)),
        ("Verein / öffentlich-rechtlicher Betrieb (§ 11 Abs. 1 Satz 3 Nr. 2 GewStG)", LegalForm.verein.label(.de)),
    ])
    func written(expected: String, label: String) {
        #expect(label == expected)
    }
}
