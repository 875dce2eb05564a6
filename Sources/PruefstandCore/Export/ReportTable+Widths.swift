import Foundation

/// Column widths: fitted to the content, and widened for long texts in tables that print across pages.
extension ReportTableRenderer {
    /// How wide a cell's text is when shown (characters), for fitting column widths.
    static func displayWidth(_ cell: ReportTable.Cell) -> Int {
        switch cell {
        case .empty: return 0
        case .text(let s):
            // Unicode scalars, not grapheme clusters: the same for any text a ledger holds, and fast.
            if !s.utf8.contains(0x0A) { return s.unicodeScalars.count }
            return s.split(separator: "\n").map(\.unicodeScalars.count).max() ?? 0
        case .money(let m): return germanWidth(m) + 1
        case .integer(let n): let d = String(n.magnitude).count; return d + (d - 1) / 3 + (n < 0 ? 1 : 0)
        case .decimal(let d): return "\(d)".count + 2
        case .percent: return 8
        case .date: return 10
        case .formula(_, let cached): return max(displayWidth(cached), 6)
        }
    }

    /// The length of `Money.germanString` (`-1.234,56 €`), counted without building the text.
    static func germanWidth(_ m: Money) -> Int {
        var digits = 1, whole = m.cents.magnitude / 100
        while whole >= 10 { whole /= 10; digits += 1 }
        return (m.cents < 0 ? 1 : 0) + digits + (digits - 1) / 3 + 3 + 2
    }

    /// The longest piece of a header that cannot wrap: words, broken after a hyphen or slash too
    /// ("Entgelt-/" and "Besoldungsgruppe").
    static func longestHeaderPiece(_ title: String) -> Int {
        var longest = 0, piece = 0
        var previousBreaks = false
        for ch in title {
            if ch == " " { longest = max(longest, piece); piece = 0; previousBreaks = false; continue }
            let breaks = ch == "-" || ch == "/"
            if previousBreaks && !breaks { longest = max(longest, piece); piece = 0 }
            piece += 1
            previousBreaks = breaks
        }
        return max(longest, piece)
    }

    /// Column widths fitted to content: the widest cell, the header's longest word, capped at 60.
    static func fittedWidths(_ table: ReportTable, lang: Language) -> [Double] {
        table.columns.enumerated().map { c, column in
            var w = 0
            for row in table.rows where c < row.count { w = max(w, displayWidth(row[c])) }
            if column.kind == .money && column.total {
                w = max(w, germanWidth(Money(cents: table.rows.reduce(Int64(0)) { s, r in
                    guard c < r.count else { return s }
                    switch r[c] {
                    case .money(let m), .formula(_, .money(let m)): return s &+ m.cents
                    default: return s
                    }
                })) + 1)
            }
            let title = column.title(lang)
            // A header may wrap after a hyphen or slash too ("Entgelt-/" "Besoldungsgruppe").
            let longestWord = Self.longestHeaderPiece(title)
            let header = max(longestWord, min(title.count, Int((Double(title.count) * 0.55).rounded(.up))))
            if let choices = column.choices { w = max(w, (choices.map(\.count).max() ?? 0) + 3) }   // room for the arrow
            else if column.isInput && column.kind == .text { w = max(w, 36) }                      // room to write
            let width = Double(max(w, header, 4)) * 1.1 + 2
            return min(width, column.kind == .text ? maxTextWidth : 60)
        }
    }

    /// Widths for a table sheet: `fittedWidths`, and in a table too wide for one page at 80 % (it prints
    /// across pages anyway) a wrapped text column with long texts grows to at most 130 characters (a page at 80 % holds about 170), so each
    /// row needs about two lines instead of seven: fewer printed pages, nothing left out.
    static func sheetWidths(_ table: ReportTable, lang: Language) -> [Double] {
        var widths = fittedWidths(table, lang: lang)
        guard PrintSetup.tooWideToFit(widths.reduce(0, +)) else { return widths }
        for (c, column) in table.columns.enumerated() where column.kind == .text && !column.isInput && widths[c] >= maxTextWidth {
            var total = 0, n = 0
            for row in table.rows where c < row.count {
                if case .text(let t) = row[c] { total += t.unicodeScalars.count; n += 1 }
            }
            guard n > 0, total / n > 150 else { continue }
            widths[c] = min(130, max(widths[c], Double(total / n) / 1.15 / 2))
        }
        return widths
    }
}
