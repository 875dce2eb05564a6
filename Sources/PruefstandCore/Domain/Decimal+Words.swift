import Foundation

/// The mantissa of a `Decimal`, read from its bytes: the one place that does (issue 18).
///
/// Foundation makes a `Decimal`'s mantissa public on Apple platforms only (`_mantissa`); everywhere it is stored
/// as a header of four bytes (byte 0 the exponent, the high four bits of byte 1 the length in 16-bit words) and
/// eight little-endian 16-bit words. Two hot paths read it: money times a decimal factor in whole numbers
/// (`Money.integerProduct`, the scenarios) and a decimal cell's double (`ReportTableRenderer.exactDouble`, the
/// workbook). `readable` checks the reading once against the public API (sign, exponent and `Decimal(string:)`);
/// where it does not hold, both callers take their `Decimal` / `NSDecimalNumber` path, which gives the same
/// result, only slower.
///
///     DecimalWords.mantissa(Decimal(string: "-1.25")!)   // (low: 125, high: 0)
enum DecimalWords {
    /// The mantissa as two 64-bit halves; `nil` for a length beyond eight words (not a finite `Decimal`).
    @inline(__always)
    static func mantissa(_ d: Decimal) -> (low: UInt64, high: UInt64)? {
        withUnsafeBytes(of: d) { raw -> (low: UInt64, high: UInt64)? in
            let length = Int(raw[1] >> 4)
            guard length <= 8 else { return nil }
            var low: UInt64 = 0, high: UInt64 = 0
            for i in 0..<length {
                let word = UInt64(UInt16(littleEndian: raw.loadUnaligned(fromByteOffset: 4 + 2 * i, as: UInt16.self)))
                if i < 4 { low |= word << (16 * i) } else { high |= word << (16 * (i - 4)) }
            }
            return (low, high)
        }
    }

    /// The mantissa when it fits in 64 bits.
    @inline(__always)
    static func mantissa64(_ d: Decimal) -> UInt64? {
        guard let m = mantissa(d), m.high == 0 else { return nil }
        return m.low
    }

    /// The exact value as text, `[-]DIGITSeEXP` (what `NSDecimalNumber.description` says, in another form).
    static func text(_ d: Decimal) -> String? {
        guard var m = mantissa(d) else { return nil }
        // The digits of high·2^64 + low, nineteen at a time (10^19 is the largest power of ten in 64 bits).
        let chunk: UInt64 = 10_000_000_000_000_000_000
        var groups: [UInt64] = []
        repeat {
            let (qHigh, rHigh) = m.high.quotientAndRemainder(dividingBy: chunk)
            let (qLow, r) = chunk.dividingFullWidth((rHigh, m.low))
            groups.append(r)
            m = (qLow, qHigh)
        } while m.low != 0 || m.high != 0
        var digits = String(groups.removeLast())
        for g in groups.reversed() {
            let s = String(g)
            digits += String(repeating: "0", count: 19 - s.count) + s
        }
        return (d.sign == .minus ? "-" : "") + digits + "e" + String(d.exponent)
    }

    /// Whether `mantissa` reads this Foundation's `Decimal` right: checked once on values of one to eight words,
    /// both signs, with and without an exponent.
    static let readable: Bool = {
        guard MemoryLayout<Decimal>.size == 20 else { return false }
        let posix = Locale(identifier: "en_US_POSIX")
        let samples = ["12.345", "-65536", "4294967296", "-18446744073709551615", "18446744073709551616", "0.1", "0",
                       "9007199254740993e-22", "123456789012345678901234567890", "-1e-30",
                       "340282366920938463463374607431768211455"]
        for sample in samples {
            guard let d = Decimal(string: sample, locale: posix), let t = text(d),
                  Decimal(string: t, locale: posix) == d else { return false }
        }
        let m: UInt64 = 0x0123_4567_89AB_CDEF   // not a multiple of 10: no trailing zeros to drop
        return mantissa64(Decimal(m)) == m && mantissa64(-Decimal(m)) == m
            && mantissa64(Decimal(sign: .plus, exponent: -7, significand: Decimal(m))) == m
            && mantissa64(Decimal(string: "123456789012345678901234567")!) == nil && mantissa64(Decimal(0)) == 0
    }()
}
