import Foundation

/// The one rule for text that a spreadsheet program could run as a formula (CSV injection), used by every
/// CSV Pruefstand writes (`CSVWriter`, the import's rejects file).
///
/// A text needs a guard when its first Unicode scalar is `=`, `+`, `-`, `@`, a tab or a carriage return
/// (or the full-width `＝ ＋ － ＠`, which East Asian Excel reads as the same), looking past leading spaces
/// and invisible characters (no-break and other Unicode spaces, a byte-order mark, zero-width and bidi
/// controls, combining marks), and whatever combining marks follow it: `=\u{301}HYPERLINK(…)` is a formula
/// to a spreadsheet, though as a Swift `Character` it is not `=`. The guard is a leading apostrophe, which
/// spreadsheets show as text and do not evaluate.
///
///     SpreadsheetFormula.needsGuard("=\u{301}cmd")      // true
///     SpreadsheetFormula.guarded("\u{FEFF}=1+1")       // "'\u{FEFF}=1+1"
///     SpreadsheetFormula.needsGuard("Miete = 12")       // false
public enum SpreadsheetFormula {
    /// True if a spreadsheet program could read `text` as a formula.
    public static func needsGuard(_ text: String) -> Bool {
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x3D, 0x2B, 0x2D, 0x40, 0x09, 0x0D, 0xFF1D, 0xFF0B, 0xFF0D, 0xFF20: return true
            default:
                if isSkipped(scalar) { continue }
                return false
            }
        }
        return false
    }

    /// The text with a leading `'` if it could be read as a formula, else unchanged.
    public static func guarded(_ text: String) -> String { needsGuard(text) ? "'" + text : text }

    /// Spaces, control and format characters (BOM, zero-width, bidi) and combining marks before the first
    /// visible character.
    private static func isSkipped(_ s: Unicode.Scalar) -> Bool {
        if s.properties.isWhitespace { return true }
        switch s.properties.generalCategory {
        case .format, .control, .nonspacingMark, .enclosingMark, .spacingMark, .spaceSeparator: return true
        default: return false
        }
    }
}
