/// The text encodings that municipal systems export CSV in.
public enum TextEncoding: String, Sendable, Codable, CaseIterable {
    case utf8 = "utf-8"
    /// Windows-1252, what German Excel writes for "CSV (Trennzeichen-getrennt)".
    case windows1252 = "windows-1252"
    /// ISO-8859-1 (Latin-1), older SAP and host exports.
    case latin1 = "iso-8859-1"

    /// Parses the names people write in mapping files (`cp1252`, `latin1`, `UTF8`, …).
    public init?(name: String) {
        switch name.lowercased().replacingOccurrences(of: "_", with: "-") {
        case "utf-8", "utf8": self = .utf8
        case "windows-1252", "cp1252", "win-1252", "windows1252", "ansi": self = .windows1252
        case "iso-8859-1", "latin1", "latin-1", "iso8859-1", "iso-8859-15", "latin9": self = .latin1
        default: return nil
        }
    }

    /// Unicode scalars of Windows-1252 bytes 0x80–0x9F (0 = undefined byte).
    static let cp1252High: [UInt32] = [
        0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017D, 0,
        0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178,
    ]

    /// Appends the UTF-8 form of one byte in this (single-byte) encoding. Returns false for a byte
    /// that Windows-1252 leaves undefined.
    @inline(__always)
    static func appendSingleByte(_ b: UInt8, encoding: TextEncoding, to out: inout [UInt8]) -> Bool {
        var scalar = UInt32(b)
        if encoding == .windows1252, b >= 0x80, b <= 0x9F {
            scalar = cp1252High[Int(b) - 0x80]
            if scalar == 0 { return false }
        }
        if scalar < 0x800 {
            out.append(UInt8(0xC0 | (scalar >> 6)))
            out.append(UInt8(0x80 | (scalar & 0x3F)))
        } else {
            out.append(UInt8(0xE0 | (scalar >> 12)))
            out.append(UInt8(0x80 | ((scalar >> 6) & 0x3F)))
            out.append(UInt8(0x80 | (scalar & 0x3F)))
        }
        return true
    }

    /// Whether `bytes` is valid UTF-8; a sequence cut off at the very end counts as valid when
    /// `allowTruncatedEnd` (a sample from the start of a file may end mid-character).
    static func isValidUTF8(_ p: UnsafeBufferPointer<UInt8>, allowTruncatedEnd: Bool = false) -> Bool {
        var i = 0
        let n = p.count
        while i < n {
            let b = p[i]
            if b < 0x80 { i += 1; continue }
            let len: Int
            if b & 0xE0 == 0xC0 { len = 2; if b < 0xC2 { return false } }
            else if b & 0xF0 == 0xE0 { len = 3 }
            else if b & 0xF8 == 0xF0 { len = 4; if b > 0xF4 { return false } }
            else { return false }
            if i + len > n { return allowTruncatedEnd }
            for k in 1..<len where p[i + k] & 0xC0 != 0x80 { return false }
            if len == 3 {
                let c = (UInt32(b & 0x0F) << 12) | (UInt32(p[i + 1] & 0x3F) << 6)
                if c < 0x800 || (c >= 0xD800 && c <= 0xDFFF) { return false }
            } else if len == 4 {
                let c = (UInt32(b & 0x07) << 18) | (UInt32(p[i + 1] & 0x3F) << 12)
                if c < 0x10000 || c > 0x10FFFF { return false }
            }
            i += len
        }
        return true
    }
}
