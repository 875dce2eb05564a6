import Foundation

/// The mantissa of a `Decimal` read from its bytes, which Foundation does not offer publicly (only through
/// `NSDecimalNumber`'s text, the slow path this saves in the workbook's decimal cells, issue 18).
///
/// The layout is swift-foundation's: byte 1 holds the length in 16-bit words in its high four bits, the
/// mantissa's eight little-endian 16-bit words start at byte 4. `readable` checks that reading against
/// the public API once (the mantissa's digits with the exponent read back as the same value); where it
/// does not hold, callers take the slow path.
enum DecimalWords {
    /// The mantissa (up to eight words, 128 bits).
    static func mantissa(_ d: Decimal) -> UInt128? {
        withUnsafeBytes(of: d) { raw -> UInt128? in
            let length = Int(raw[1] >> 4)
            guard length <= 8 else { return nil }
            var m: UInt128 = 0
            for i in 0..<length { m |= UInt128(raw.loadUnaligned(fromByteOffset: 4 + 2 * i, as: UInt16.self).littleEndian) << (16 * i) }
            return m
        }
    }

    /// The exact value as text, `[-]DIGITSeEXP` (what `NSDecimalNumber.description` says, in another form).
    static func text(_ d: Decimal, mantissa: UInt128) -> String {
        (d.sign == .minus ? "-" : "") + String(mantissa) + "e" + String(d.exponent)
    }

    /// Whether `mantissa` reads this Foundation's `Decimal` right: checked once on values of one to eight words.
    static let readable: Bool = {
        guard MemoryLayout<Decimal>.size == 20 else { return false }
        let posix = Locale(identifier: "en_US_POSIX")
        let samples = ["12.345", "-65536", "4294967296", "-18446744073709551615", "0.1", "0", "9007199254740993e-22",
                       "123456789012345678901234567890", "-1e-30", "340282366920938463463374607431768211455"]
        for sample in samples {
            guard let d = Decimal(string: sample, locale: posix), let m = mantissa(d),
                  Decimal(string: text(d, mantissa: m), locale: posix) == d else { return false }
        }
        return true
    }()
}
