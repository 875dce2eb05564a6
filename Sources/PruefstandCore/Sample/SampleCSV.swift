import Foundation

/// Builds CSV bytes for the sample files: RFC 4180 quoting (a field with the separator, a quote or
/// a line break is quoted, quotes doubled), UTF-8 or Windows-1252, a chosen line ending.
///
/// Example: `var csv = SampleCSV(); csv.row(["a", "b;c"]); csv.bytes`
struct SampleCSV {
    enum Encoding { case utf8, windows1252 }
    private(set) var bytes: [UInt8] = []
    let separator: UInt8
    let lineEnding: [UInt8]
    let encoding: Encoding

    init(separator: Character = ",", lineEnding: String = "\n", encoding: Encoding = .utf8, capacity: Int = 0) {
        self.separator = separator.asciiValue!
        self.lineEnding = Array(lineEnding.utf8)
        self.encoding = encoding
        bytes.reserveCapacity(capacity)
    }

    mutating func row(_ fields: [String]) {
        for (i, field) in fields.enumerated() {
            if i > 0 { bytes.append(separator) }
            append(field)
        }
        bytes.append(contentsOf: lineEnding)
    }

    private mutating func append(_ field: String) {
        let sep = separator
        let needsQuotes = field.utf8.contains { (b: UInt8) -> Bool in b == sep || b == 0x22 || b == 0x0A || b == 0x0D }
        if needsQuotes { bytes.append(0x22) }
        switch encoding {
        case .utf8:
            for b in field.utf8 {
                if b == 0x22 && needsQuotes { bytes.append(0x22) }
                bytes.append(b)
            }
        case .windows1252:
            for scalar in field.unicodeScalars {
                let b = SampleCSV.windows1252(scalar)
                if b == 0x22 && needsQuotes { bytes.append(0x22) }
                bytes.append(b)
            }
        }
        if needsQuotes { bytes.append(0x22) }
    }

    /// Windows-1252 byte for a scalar; characters outside the code page become `?`.
    static func windows1252(_ s: Unicode.Scalar) -> UInt8 {
        let v = s.value
        if v < 0x80 || (0xA0...0xFF).contains(v) { return UInt8(v) }
        switch v {
        case 0x20AC: return 0x80   // €
        case 0x201A: return 0x82
        case 0x201E: return 0x84   // „
        case 0x2013: return 0x96   // –
        case 0x2014: return 0x97
        case 0x2018: return 0x91
        case 0x2019: return 0x92
        case 0x201C: return 0x93
        case 0x201D: return 0x94
        default: return 0x3F
        }
    }
}

extension Int64 {
    /// Cents as `1234.56` (or `1234,56` with a decimal comma), no thousands separators.
    func centsString(decimalComma: Bool = false) -> String {
        let sign = self < 0 ? "-" : ""
        let m = self.magnitude
        let frac = m % 100
        return "\(sign)\(m / 100)\(decimalComma ? "," : ".")\(frac < 10 ? "0" : "")\(frac)"
    }
}
