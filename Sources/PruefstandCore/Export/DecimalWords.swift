import Foundation

/// The mantissa of a `Decimal` read from its bytes, which Foundation does not offer publicly (only through
/// `NSDecimalNumber`'s text, the slow path this saves in the workbook's decimal cells, issue 18).
///
/// The layout is swift-foundation's: byte 1 holds the length in 16-bit words in its high four bits, the
/// mantissa's eight little-endian 16-bit words start at byte 4. `readable` checks that reading against
/// the public API once (sign, exponent and significand rebuild the same value); where it does not hold,
/// callers take the slow path.
enum DecimalWords {
    /// The mantissa when it has at most four words (fits 64 bits), else nil.
    static func mantissa(_ d: Decimal) -> UInt64? {
        withUnsafeBytes(of: d) { raw -> UInt64? in
            let length = Int(raw[1] >> 4)
            guard length <= 4 else { return nil }
            var m: UInt64 = 0
            for i in 0..<length { m |= UInt64(raw.loadUnaligned(fromByteOffset: 4 + 2 * i, as: UInt16.self).littleEndian) << (16 * i) }
            return m
        }
    }

    /// Whether `mantissa` reads this Foundation's `Decimal` right: checked once on values of one to eight words.
    static let readable: Bool = {
        guard MemoryLayout<Decimal>.size == 20 else { return false }
        let samples = ["12.345", "-65536", "4294967296", "-18446744073709551615", "0.1", "0", "9007199254740993e-22",
                       "123456789012345678901234567890", "-1e-30"]
        for text in samples {
            guard let d = Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")) else { return false }
            let expectedLong = d.significand > Decimal(UInt64.max)
            guard let m = mantissa(d) else {
                if expectedLong { continue } else { return false }
            }
            if expectedLong || Decimal(sign: d.sign, exponent: d.exponent, significand: Decimal(m)) != d { return false }
        }
        return true
    }()
}
