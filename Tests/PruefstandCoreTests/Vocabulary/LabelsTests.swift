import Foundation
import Testing
@testable import PruefstandCore

/// The labels of closed sets of values (`Resources/labels.tsv`, `Vocabulary/Labels.swift`): each value has its line
/// and each line a value, the labels read are the words written, and a broken catalogue is refused with its line.
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

    static let broken: [(name: String, text: String, line: Int)] = [
        ("two fields", "# head\n\na.b\tDe\n", 3),
        ("four fields", "a.b\tDe\tEn\tmore\n", 1),
        ("no group", "ab\tDe\tEn\n", 1),
        ("empty value", "a.\tDe\tEn\n", 1),
        ("two dots", "a.b.c\tDe\tEn\n", 1),
        ("no English", "a.b\tDe\t\n", 1),
        ("twice", "a.b\tDe\tEn\r\na.b\tDe2\tEn2\r\n", 2),
    ]

    @Test("a broken catalogue is refused with its line", arguments: broken.indices)
    func refused(_ i: Int) {
        let b = Self.broken[i]
        do {
            _ = try Labels.parse(b.text, path: "x.tsv")
            Issue.record("\(b.name): accepted")
        } catch let PruefstandError.config(path, line, _, _) {
            #expect(path == "x.tsv" && line == b.line, "\(b.name)")
        } catch { Issue.record("\(b.name): \(error)") }
    }

    @Test("comments, blank lines and CRLF line ends are read")
    func tolerant() throws {
        let small = try Labels.parse("# head\r\n\r\ng.v\tDe\tEn\r\ng.w\tZwei\tTwo\r\n")
        #expect(small.count == 2 && small["g.v"] == Phrase(de: "De", en: "En") && small["g.w"]?.de == "Zwei")
    }
}
