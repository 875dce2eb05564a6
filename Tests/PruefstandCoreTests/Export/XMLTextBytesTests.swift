import Foundation
import Testing
@testable import PruefstandCore

/// `XMLText.isCleanCell` reads eight ASCII bytes at a time: every byte that needs care, at every position
/// of a word and across word borders, must still send the text to the careful path.
@Suite("Export: XMLText's byte scan, word by word")
struct XMLTextBytesTests {
    /// The oracle: valid UTF-8 (Swift's validating decoder), only characters XML allows, no `_x`.
    static func oracle(_ bytes: [UInt8]) -> Bool {
        guard let text = String(validating: bytes, as: UTF8.self) else { return false }
        return text.unicodeScalars.allSatisfy { XMLText.isAllowed($0.value) } && !text.contains("_x")
    }

    static let specials: [[UInt8]] = [[0x00], [0x09], [0x0A], [0x0D], [0x1F], [0x20], [0x5F], [0x5F, 0x78], [0x5F, 0x58], [0x60],
                                      [0x7F], [0x80], [0xC3, 0xA4], [0xC3], [0xE2, 0x82, 0xAC], [0xEF, 0xBF, 0xBE], [0xF0, 0x9F, 0x98, 0x80], [0xFF]]

    @Test("one special byte sequence at every position of texts 1 to 24 bytes long", arguments: 1...24)
    func everyPosition(length: Int) {
        let base = Array("Buchung 2025-09-15 Vorgang".utf8.prefix(length))
        for special in Self.specials {
            for at in 0...base.count {
                var bytes = base
                bytes.insert(contentsOf: special, at: at)
                let clean = bytes.withUnsafeBufferPointer { XMLText.isCleanCell($0) }
                #expect(clean == Self.oracle(bytes), "\(bytes)")
            }
        }
    }
}
