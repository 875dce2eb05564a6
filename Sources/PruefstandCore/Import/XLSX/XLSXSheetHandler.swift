import Foundation

// The worksheet handler of `XLSXReader`: rows and cells of one sheet as they stream in, each bound of
// `XLSXLimits` checked before it is passed.

final class SheetHandler: XMLStreamHandler {
    private let file: String, entry: String, sheet: String
    private let limits: XLSXLimits
    private let sharedStrings: [String]
    private let dateStyles: [Bool]
    private let uses1904: Bool
    private let body: (XLSXRow) throws -> Void

    private var rowNumber = 0
    private var inRow = false
    private var cells: [XLSXCell] = []
    private var cellCount = 0
    private var column = 0
    private var cellType = ""
    private var cellStyle = 0
    private var cellOpen = false
    private var collecting = false
    private var hasValue = false
    private var value = ""
    private var valueLength = 0
    private var inInline = false, phoneticDepth = 0

    init(file: String, entry: String, sheet: String, limits: XLSXLimits, sharedStrings: [String], dateStyles: [Bool],
         uses1904: Bool, body: @escaping (XLSXRow) throws -> Void) {
        self.file = file; self.entry = entry; self.sheet = sheet; self.limits = limits
        self.sharedStrings = sharedStrings; self.dateStyles = dateStyles; self.uses1904 = uses1904; self.body = body
    }

    private func fail(_ reason: XLSXError.Reason) -> XLSXError { XLSXError(file: file, entry: entry, sheet: sheet, reason: reason) }

    var wantsText: Bool { collecting && phoneticDepth == 0 }

    func startElement(_ name: String, attributes: [XMLAttribute]) throws {
        switch name {
        case "row":
            if let r = attributes.first(where: { $0.name == "r" })?.value {
                guard let n = Int(r), n >= 1 else { throw fail(.badCellReference(r)) }
                rowNumber = n
            } else {
                rowNumber += 1
            }
            if rowNumber > limits.maxRows { throw fail(.tooManyRows(row: rowNumber, limit: limits.maxRows)) }
            inRow = true; cells = []; column = 0
        case "c" where inRow:
            var reference: String?
            cellType = ""; cellStyle = 0
            for a in attributes {
                switch a.name {
                case "r": reference = a.value
                case "t": cellType = a.value
                case "s": cellStyle = Int(a.value) ?? 0
                default: break
                }
            }
            if let reference {
                let letters = reference.utf8.prefix { ($0 | 0x20) >= UInt8(ascii: "a") && ($0 | 0x20) <= UInt8(ascii: "z") }
                let digits = reference.utf8.dropFirst(letters.count)
                guard !letters.isEmpty, !digits.isEmpty, digits.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else {
                    throw fail(.badCellReference(String(reference.prefix(40))))
                }
                guard let c = XLSXColumn.number(Substring(reference).prefix(letters.count)), c <= limits.maxColumns else {
                    throw fail(.tooManyColumns(reference: String(reference.prefix(40)), limit: limits.maxColumns))
                }
                column = c
            } else {
                column += 1
                if column > limits.maxColumns {
                    throw fail(.tooManyColumns(reference: "\(XLSXColumn.letters(column))\(rowNumber)", limit: limits.maxColumns))
                }
            }
            cellCount += 1
            if cellCount > limits.maxCells { throw fail(.tooManyCells(limit: limits.maxCells)) }
            if cells.count >= limits.maxColumns {
                throw fail(.tooManyColumns(reference: "\(XLSXColumn.letters(column))\(rowNumber)", limit: limits.maxColumns))
            }
            cellOpen = true; hasValue = false; value = ""; valueLength = 0; inInline = false
        case "v" where cellOpen:
            collecting = true; hasValue = true
        case "is" where cellOpen:
            inInline = true; hasValue = true
        case "t" where inInline:
            collecting = true
        case "rPh" where inInline:
            phoneticDepth += 1
        default: break
        }
    }

    func endElement(_ name: String) throws {
        switch name {
        case "v", "t": collecting = false
        case "rPh" where inInline: phoneticDepth -= 1
        case "is": inInline = false
        case "c" where cellOpen:
            cellOpen = false
            try finishCell()
        case "row" where inRow:
            inRow = false
            try body(XLSXRow(rowNumber: rowNumber, cells: cells))
            cells = []
        default: break
        }
    }

    func text(_ text: String) throws {
        valueLength += text.utf16.count
        if valueLength > limits.maxStringLength {
            throw fail(.stringTooLong(cell: reference, length: valueLength, limit: limits.maxStringLength))
        }
        value += text
    }

    private var reference: String { "\(XLSXColumn.letters(max(1, column)))\(rowNumber)" }

    private func finishCell() throws {
        let ref = reference
        let dateStyled = cellStyle >= 0 && cellStyle < dateStyles.count && dateStyles[cellStyle]
        var isDate = false
        var date: CivilDate?
        let result: XLSXValue
        if !hasValue {
            result = .empty
        } else {
            switch cellType {
            case "s":
                let trimmed = value.trimmingCharacters(in: .whitespaces)
                guard let index = Int(trimmed), index >= 0, index < sharedStrings.count else {
                    throw fail(.badCellValue(cell: ref, type: "s", value: String(value.prefix(40))))
                }
                result = .text(sharedStrings[index])
            case "inlineStr":
                result = .text(decodeOOXMLEscapes(value))
            case "str":
                result = .text(decodeOOXMLEscapes(value))
            case "b":
                switch value.trimmingCharacters(in: .whitespaces) {
                case "1", "true": result = .bool(true)
                case "0", "false": result = .bool(false)
                default: throw fail(.badCellValue(cell: ref, type: "b", value: String(value.prefix(40))))
                }
            case "e":
                result = .error(value)
            case "d":
                result = .text(value)
                isDate = true
                date = CivilDate(iso: String(value.prefix(10)))
            case "", "n":
                let trimmed = value.trimmingCharacters(in: .whitespaces)
                guard SheetHandler.isNumber(trimmed) else {
                    throw fail(.badCellValue(cell: ref, type: "n", value: String(value.prefix(40))))
                }
                result = .number(trimmed)
                if dateStyled {
                    isDate = true
                    date = SheetHandler.date(serial: trimmed, uses1904: uses1904)
                }
            default:
                throw fail(.badCellValue(cell: ref, type: String(cellType.prefix(20)), value: String(value.prefix(40))))
            }
        }
        if case .empty = result, dateStyled { isDate = true }
        cells.append(XLSXCell(column: column, reference: ref, value: result, isDate: isDate, date: date))
    }

    /// A decimal number as OOXML writes it: `-12`, `3.25`, `1.5E-3`.
    static func isNumber(_ s: String) -> Bool {
        var it = s.utf8.makeIterator()
        var c = it.next()
        if c == UInt8(ascii: "-") || c == UInt8(ascii: "+") { c = it.next() }
        var digits = 0
        while let d = c, d >= 0x30 && d <= 0x39 { digits += 1; c = it.next() }
        if c == UInt8(ascii: ".") {
            c = it.next()
            while let d = c, d >= 0x30 && d <= 0x39 { digits += 1; c = it.next() }
        }
        guard digits > 0 else { return false }
        if c == UInt8(ascii: "E") || c == UInt8(ascii: "e") {
            c = it.next()
            if c == UInt8(ascii: "-") || c == UInt8(ascii: "+") { c = it.next() }
            var exponent = 0
            while let d = c, d >= 0x30 && d <= 0x39 { exponent += 1; c = it.next() }
            guard exponent > 0 else { return false }
        }
        return c == nil
    }

    /// The day of an Excel date serial's whole part (fractions are the time of day).
    static func date(serial: String, uses1904: Bool) -> CivilDate? {
        guard !serial.contains("E"), !serial.contains("e"), !serial.hasPrefix("-") else { return nil }
        let whole = serial.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
        guard whole.count <= 6, let n = Int(whole) else { return nil }
        if uses1904 {
            // Serial 0 is 1904-01-01, day number -24107 since 1970-01-01.
            guard n < 120_000 else { return nil }
            let date = CivilDate(dayNumber: n - 24_107)
            return CivilDate(year: date.year, month: date.month, day: date.day)
        }
        return CivilDate(excelSerial: n)
    }
}
