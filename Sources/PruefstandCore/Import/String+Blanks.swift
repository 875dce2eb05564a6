import Foundation

extension String {
    /// The same as `trimmingCharacters(in: .whitespaces)`, without Foundation's work when neither end can
    /// be trimmed: a cell that starts and ends with an ASCII character other than space or tab (the usual
    /// one) comes back as it is. Anything else goes to Foundation, so the result is always Foundation's.
    var trimmingBlanks: String {
        guard let first = utf8.first, let last = utf8.last else { return self }
        if first < 0x80, first != 0x20, first != 0x09, last < 0x80, last != 0x20, last != 0x09 { return self }
        return trimmingCharacters(in: .whitespaces)
    }
}
