import Foundation
import Testing
@testable import PruefstandCore

/// `String.trimmingBlanks`, the importer's shortcut for `trimmingCharacters(in: .whitespaces)`: always
/// Foundation's result, at every end a cell can have (ASCII, tab, the Unicode spaces, other scalars).
@Suite("Blank trimming")
struct BlankTrimTests {
    /// Scalars at the edges: every ASCII one, the Unicode spaces Foundation trims, and others it keeps.
    static let edges: [String] = (0..<128).map { String(UnicodeScalar(UInt8($0))) }
        + ["\u{A0}", "\u{1680}", "\u{2000}", "\u{2007}", "\u{200A}", "\u{200B}", "\u{202F}", "\u{205F}", "\u{3000}", "\u{FEFF}",
           "\u{85}", "\u{2028}", "ä", "€", "\u{301}", "😀"]

    @Test("the same as Foundation for every pair of ends around a middle", arguments: ["", "x", "a b", "\u{A0}", " ", "ä€"])
    func sameAsFoundation(middle: String) {
        for head in Self.edges {
            for tail in Self.edges {
                let s = head + middle + tail
                #expect(s.trimmingBlanks == s.trimmingCharacters(in: .whitespaces), "\(Array(s.unicodeScalars.map(\.value)))")
            }
        }
    }

    @Test("cases by hand", arguments: [
        ("", ""), (" ", ""), ("\t", ""), ("abc", "abc"), ("  abc ", "abc"), ("\tEG 9b\t", "EG 9b"), ("\u{A0}P-17\u{A0}", "P-17"),
        ("P-17\u{3000}", "P-17"), ("\nP\n", "\nP\n"), ("a  b", "a  b"), ("ä ", "ä"), (" ä", "ä"),
    ])
    func byHand(input: String, expected: String) {
        #expect(input.trimmingBlanks == expected)
    }
}
